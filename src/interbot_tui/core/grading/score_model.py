"""From probe features to a verdict and a 1-10 score: two small logistic steps.

Step one asks "does the answer deserve any credit?" from the model's own judgements only (its
reaction and the key-point checks, as they are and relative to the anchors). Step two asks "is it
fully correct?" and also weighs how much of the rubric's wording the answer uses and its depth.
The split matters: a fluent, long, confidently wrong answer uses the right words, so wording and
length must not lift it out of "incorrect"; they only tell a complete answer from a thin one.

The default weights were fitted for the default model by `interbot fit-grader`; how, on what,
and what they score out of sample: NOTES.md beside this file.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from interbot_tui.core.grading.grade import Verdict, clamp_score
from interbot_tui.core.grading.probes import Anchors, ProbeResult
from interbot_tui.core.questions.question import Kind, Question


@dataclass(frozen=True)
class Step:
    """One logistic step: the probability that an answer clears a bar, from its features."""

    scale: dict[str, tuple[float, float]]  # feature -> (mean, sd) to standardise it
    weights: dict[str, float]
    bias: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias
        for name, weight in self.weights.items():
            mean, sd = self.scale[name]
            z += weight * (features[name] - mean) / sd
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


# The features ProbeResult.features gives; a score model may use any of them.
FEATURES = ("reaction", "points", "reaction_gain", "points_gain", "lexical", "depth")

ANY_CREDIT = Step(  # the model's judgements, as they are and relative to the anchors
    scale={
        "reaction": (7.3122, 0.9358),
        "points": (3.6738, 1.0023),
        "reaction_gain": (2.5137, 1.0616),
        "points_gain": (1.0266, 0.7909),
    },
    weights={"reaction": 1.3983, "points": 0.2262, "reaction_gain": -0.6726, "points_gain": 1.4417},
    bias=1.297,
)

FULL_CREDIT = Step(  # ... plus the rubric's wording and the answer's depth
    scale={
        "reaction_gain": (2.5137, 1.0616),
        "points_gain": (1.0266, 0.7909),
        "lexical": (0.2814, 0.19),
        "depth": (4.3635, 0.5452),
    },
    weights={"reaction_gain": 0.5481, "points_gain": 0.9053, "lexical": 0.9283, "depth": 0.9384},
    bias=-1.3961,
)

# A reference answer of one or two sentences (how course answers are marked) is met by shorter
# answers than a rubric of key points: its own fit.
REFERENCE_ANY_CREDIT = Step(  # the same features, fitted on reference answers
    scale={
        "reaction": (6.8522, 0.9728),
        "points": (3.2057, 1.2342),
        "reaction_gain": (2.0165, 0.9488),
        "points_gain": (0.3387, 0.8325),
    },
    weights={"reaction": 0.5138, "points": -0.1962, "reaction_gain": 0.1763, "points_gain": 0.5426},
    bias=2.8591,
)

REFERENCE_FULL_CREDIT = Step(  # ...
    scale={
        "reaction_gain": (2.0165, 0.9488),
        "points_gain": (0.3387, 0.8325),
        "lexical": (0.284, 0.2466),
        "depth": (2.7148, 0.6896),
    },
    weights={"reaction_gain": 0.6584, "points_gain": 0.3933, "lexical": 1.0682, "depth": -0.0462},
    bias=0.4526,
)


@dataclass(frozen=True)
class ScoreModel:
    """The two steps together; `interbot fit-grader` fits one for another model."""

    any_credit: Step
    full_credit: Step

    def to_dict(self) -> dict[str, Any]:
        return {"any_credit": asdict(self.any_credit), "full_credit": asdict(self.full_credit)}

    @classmethod
    def from_dict(cls, data: Any) -> ScoreModel:
        """A score model from its JSON form; ValueError says what is wrong."""
        try:
            return cls(_step(data["any_credit"]), _step(data["full_credit"]))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a grader calibration: missing or malformed {exc}") from None


def _step(data: Any) -> Step:
    scale = {str(k): (float(v[0]), float(v[1])) for k, v in data["scale"].items()}
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    unknown = (set(weights) | set(scale)) - set(FEATURES)
    if unknown or set(weights) != set(scale) or any(sd <= 0 for _, sd in scale.values()):
        raise ValueError(f"not a grader calibration: features {sorted(weights)} / {sorted(scale)}")
    return Step(scale, weights, float(data["bias"]))


DEFAULT_MODEL = ScoreModel(ANY_CREDIT, FULL_CREDIT)  # rubrics of key points: the interview's
REFERENCE_MODEL = ScoreModel(REFERENCE_ANY_CREDIT, REFERENCE_FULL_CREDIT)
REFERENCE_POINTS = 2  # a rubric of at most this many points is read as a reference answer


def default_model_for(question: Question) -> ScoreModel:
    """The shipped fit for this kind of rubric: key points (bank and written questions), or a
    short reference answer (one or two sentences, as in course marking)."""
    return REFERENCE_MODEL if len(question.key_points) <= REFERENCE_POINTS else DEFAULT_MODEL


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    score: int  # 1-10, inside the verdict's band
    any_credit: float  # P(partial or correct)
    full_credit: float  # P(correct)


def verdict_for(any_credit: float, full_credit: float) -> Verdict:
    if any_credit < 0.5:
        return Verdict.INCORRECT
    return Verdict.CORRECT if full_credit >= 0.5 else Verdict.PARTIAL


def band_score(verdict: Verdict, any_credit: float, full_credit: float) -> int:
    """The score inside the verdict's band (incorrect 1-3, partial 4-7, correct 8-10), placed by
    the probability that decided the verdict, so scores keep the order of the evidence."""
    if verdict is Verdict.INCORRECT:
        share, low, high = min(any_credit / 0.5, 1.0), 1, 3
    elif verdict is Verdict.PARTIAL:
        share, low, high = min(full_credit / 0.5, 1.0), 4, 7
    else:
        share, low, high = max(full_credit - 0.5, 0.0) / 0.5, 8, 10
    return clamp_score(verdict, round(low + share * (high - low)))


def decide(
    probe: ProbeResult, kind: Kind, anchors: Anchors, model: ScoreModel = DEFAULT_MODEL
) -> Decision:
    """The verdict and score for one probed answer. A behavioural answer that tells no specific
    situation ("I would...") is at best partial."""
    features = probe.features(anchors)
    any_credit = model.any_credit.probability(features)
    full_credit = model.full_credit.probability(features)
    verdict = verdict_for(any_credit, full_credit)
    if kind is Kind.BEHAVIOURAL and probe.hypothetical and verdict is Verdict.CORRECT:
        verdict, full_credit = Verdict.PARTIAL, min(full_credit, 0.49)
    return Decision(verdict, band_score(verdict, any_credit, full_credit), any_credit, full_credit)
