"""One question of one session, reduced to what progress counts: its first and last attempt.

The last graded attempt decides (a retry is graded together with the first attempt, so it holds
all the candidate said); the earliest attempt decides "first try". A question no attempt of
which could be graded counts for nothing but `ungraded`.
"""

from __future__ import annotations

from dataclasses import dataclass

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.grading.star import Star
from interbot_tui.core.interview.turn import Turn, by_question, last_graded
from interbot_tui.core.progress.star_notes import star_missing
from interbot_tui.core.questions.question import Kind, Question


@dataclass(frozen=True)
class QuestionOutcome:
    question: Question
    first: Turn  # the earliest attempt
    last: Turn | None  # the last graded attempt; None when none could be graded
    at: float  # when it was last answered (epoch seconds)

    @property
    def graded(self) -> bool:
        return self.last is not None

    @property
    def correct(self) -> bool:
        return self.last is not None and self.last.grade.verdict is Verdict.CORRECT

    @property
    def first_try_correct(self) -> bool | None:
        """None when the first attempt itself could not be graded."""
        if not self.first.grade.available:
            return None
        return self.first.grade.verdict is Verdict.CORRECT

    @property
    def score(self) -> int | None:
        return self.last.grade.score if self.last is not None else None

    @property
    def coverage(self) -> float | None:
        """1 - missing/key points, clipped to 0–1. Graders list at most three missing points,
        so on a question with more than three this is an upper bound."""
        points = self.question.key_points
        if self.last is None or not points:
            return None
        return min(max(1 - len(self.last.grade.missing) / len(points), 0.0), 1.0)

    @property
    def star_missing(self) -> tuple[Star, ...] | None:
        """Missing STAR parts of a behavioural answer; None when not known (see star_notes)."""
        if self.last is None or self.question.kind is not Kind.BEHAVIOURAL:
            return None
        return star_missing(self.last.grade.communication)

    @property
    def star(self) -> float | None:
        missing = self.star_missing
        return None if missing is None else 1 - len(missing) / len(Star)


def outcomes(turns: tuple[Turn, ...] | list[Turn], started_at: float) -> list[QuestionOutcome]:
    """The session's questions in order; `started_at` dates turns stored without a time."""
    result = []
    for group in by_question(turns):
        at = max((t.at for t in group), default=0.0) or started_at
        result.append(QuestionOutcome(group[0].question, group[0], last_graded(group), at))
    return result
