"""The figures over a group of questions (a session, or one kind or domain of it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from interbot_tui.core.progress.outcome import QuestionOutcome


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


@dataclass(frozen=True)
class Scores:
    """Rates are 0–1 over graded questions (ungraded ones are counted apart); None when no
    question had what the figure needs (no key points, no STAR note)."""

    questions: int  # graded questions
    ungraded: int
    correct: int
    accuracy: float | None
    mean_score: float | None  # 1–10
    first_try: float | None  # share right at the first attempt
    coverage: float | None  # mean key-point coverage
    star: float | None  # mean share of STAR parts present, behavioural answers

    def value(self, metric: str) -> float | None:
        """A figure by its metric name (see trend.METRICS)."""
        found = getattr(self, metric)
        return None if found is None else float(found)

    def to_dict(self) -> dict[str, Any]:
        return {
            "questions": self.questions,
            "ungraded": self.ungraded,
            "correct": self.correct,
            "accuracy": _round(self.accuracy),
            "mean_score": _round(self.mean_score, 2),
            "first_try": _round(self.first_try),
            "coverage": _round(self.coverage),
            "star": _round(self.star),
        }


def score(outcomes: Sequence[QuestionOutcome]) -> Scores:
    graded = [o for o in outcomes if o.graded]
    correct = sum(o.correct for o in graded)
    first = [o.first_try_correct for o in graded if o.first_try_correct is not None]
    return Scores(
        questions=len(graded),
        ungraded=len(outcomes) - len(graded),
        correct=correct,
        accuracy=correct / len(graded) if graded else None,
        mean_score=_mean([float(o.score) for o in graded if o.score is not None]),
        first_try=_mean([float(f) for f in first]),
        coverage=_mean([o.coverage for o in graded if o.coverage is not None]),
        star=_mean([o.star for o in graded if o.star is not None]),
    )
