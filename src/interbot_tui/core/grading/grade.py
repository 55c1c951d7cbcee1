"""The verdict on one answer: correct / partial / incorrect, a 1–10 score and short notes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    CORRECT = "correct"
    PARTIAL = "partial"
    INCORRECT = "incorrect"


# Score bands each verdict may carry; a model's score outside its verdict's band is clamped.
SCORE_BANDS: dict[Verdict, tuple[int, int]] = {
    Verdict.CORRECT: (8, 10),
    Verdict.PARTIAL: (4, 7),
    Verdict.INCORRECT: (1, 3),
}


# Which grader made a grade, where it is not the probe grader (the default, stored as "").
JSON_GRADER = "json"


def clamp_score(verdict: Verdict, score: int) -> int:
    low, high = SCORE_BANDS[verdict]
    return min(max(score, low), high)


@dataclass(frozen=True)
class Grade:
    """A grade, or the honest record that none could be made (`verdict is None`)."""

    verdict: Verdict | None
    score: int | None = None
    feedback: str = ""
    clarity: str = ""
    relevance: str = ""
    communication: str = ""
    missing: tuple[str, ...] = field(default_factory=tuple)
    error: str = ""
    grader: str = ""  # JSON_GRADER when the fallback made it; "" for the probe grader
    model_lost: bool = False  # ungraded because the model stopped answering (ModelUnreachable)

    @property
    def available(self) -> bool:
        return self.verdict is not None

    @classmethod
    def unavailable(cls, reason: str, *, model_lost: bool = False) -> Grade:
        return cls(verdict=None, error=reason, model_lost=model_lost)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["verdict"] = str(self.verdict) if self.verdict else None
        data["missing"] = list(self.missing)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Grade:
        verdict = data.get("verdict")
        return cls(
            verdict=Verdict(verdict) if verdict else None,
            score=data.get("score"),
            feedback=data.get("feedback", ""),
            clarity=data.get("clarity", ""),
            relevance=data.get("relevance", ""),
            communication=data.get("communication", ""),
            missing=tuple(data.get("missing", ())),
            error=data.get("error", ""),
            grader=str(data.get("grader", "")),
            model_lost=bool(data.get("model_lost", False)),
        )
