"""Fit the grader's score model on labelled answers: `interbot fit-grader FILE.jsonl [FILE ...]`.

The probes run on every answer (and on the anchor answers of every question) with the chosen
model; two L2-regularised logistic regressions are fitted on their features (score_model
explains the two steps). It reports the fit's accuracy out of sample (leave one question out),
prints the constants, and with `--save` writes them where the interview finds them for that
model. The default model's constants in score_model were made by this code.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from interbot_tui.core.grading.answer_guard import guard_answer
from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.grading.score_model import ScoreModel, Step, verdict_for
from interbot_tui.tools.grading_metrics import spearman
from interbot_tui.tools.labelled_answers import LabelledAnswer

ANY_FEATURES = ("reaction", "points", "reaction_gain", "points_gain")
FULL_FEATURES = ("reaction_gain", "points_gain", "lexical", "depth")


@dataclass(frozen=True)
class Probed:
    """One labelled answer with what the probes measured on it."""

    item: LabelledAnswer
    features: dict[str, float]


def probe_items(
    grader: LLMGrader,
    items: Sequence[LabelledAnswer],
    on_item: Callable[[int, LabelledAnswer], None] | None = None,
) -> list[Probed]:
    """Run the probes on every item (raises ModelError, ChoicesUnsupported)."""
    rows: list[Probed] = []
    for n, item in enumerate(items, 1):
        question = item.to_question()
        anchors = grader.anchors(question)
        probe = grader.probe(question, guard_answer(item.answer).text)
        rows.append(Probed(item, probe.features(anchors)))
        if on_item:
            on_item(n, item)
    return rows


def _logistic(rows: list[list[float]], targets: list[float], l2: float) -> list[float]:
    """Weights (bias last) of an L2-regularised logistic regression, by Newton's method."""
    import numpy as np

    x = np.hstack([np.asarray(rows, dtype=float), np.ones((len(rows), 1))])
    t = np.asarray(targets, dtype=float)
    penalty = np.diag([l2] * (x.shape[1] - 1) + [0.0])
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        gradient = x.T @ (p - t) + penalty @ w
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return [float(v) for v in w]


def _step(rows: Sequence[Probed], names: Sequence[str], bar: set[Verdict], l2: float) -> Step:
    columns = [[r.features[n] for r in rows] for n in names]
    scale: dict[str, tuple[float, float]] = {}
    for name, values in zip(names, columns, strict=True):
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) or 1.0
        scale[name] = (round(mean, 4), round(sd, 4))
    standard = [[(r.features[n] - scale[n][0]) / scale[n][1] for n in names] for r in rows]
    targets = [1.0 if r.item.label in bar else 0.0 for r in rows]
    *weights, bias = _logistic(standard, targets, l2)
    return Step(
        scale, {n: round(w, 4) for n, w in zip(names, weights, strict=True)}, round(bias, 4)
    )


def fit_score_model(rows: Sequence[Probed], l2: float = 3.0) -> ScoreModel:
    if len({r.item.label for r in rows}) < 3:
        raise ValueError("the labelled answers must include correct, partial and incorrect ones")
    return ScoreModel(
        any_credit=_step(rows, ANY_FEATURES, {Verdict.CORRECT, Verdict.PARTIAL}, l2),
        full_credit=_step(rows, FULL_FEATURES, {Verdict.CORRECT}, l2),
    )


@dataclass(frozen=True)
class FitCheck:
    """How a score model does on answers it was not fitted on."""

    n: int
    accuracy: float
    spearman: float | None


def _judge(model: ScoreModel, row: Probed) -> tuple[Verdict, float]:
    """The verdict, and a fine-grained score for ranking (the 1-10 score has ties)."""
    any_credit = model.any_credit.probability(row.features)
    full_credit = model.full_credit.probability(row.features)
    fine = 1 + 4.5 * any_credit + 4.5 * any_credit * full_credit
    return verdict_for(any_credit, full_credit), fine


def check(model: ScoreModel, rows: Sequence[Probed]) -> FitCheck:
    judged = [_judge(model, r) for r in rows]
    right = sum(v is r.item.label for (v, _), r in zip(judged, rows, strict=True))
    rho = spearman([s for _, s in judged], [float(r.item.score) for r in rows])
    return FitCheck(len(rows), right / len(rows) if rows else 0.0, rho)


def leave_one_question_out(rows: Sequence[Probed], l2: float = 3.0) -> FitCheck:
    """Fit without each question's answers in turn and judge them: the out-of-sample figure."""
    questions = list(dict.fromkeys(r.item.question for r in rows))
    judged: list[tuple[Verdict, float, Probed]] = []
    for question in questions:
        train = [r for r in rows if r.item.question != question]
        model = fit_score_model(train, l2)
        judged += [(*_judge(model, r), r) for r in rows if r.item.question == question]
    right = sum(v is r.item.label for v, _, r in judged)
    rho = spearman([s for _, s, _ in judged], [float(r.item.score) for _, _, r in judged])
    return FitCheck(len(judged), right / len(judged) if judged else 0.0, rho)
