"""Turns grouped by question, and the attempt that decides a question."""

from __future__ import annotations

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.turn import Attempt, by_question, last_graded
from tests.core.progress._sessions import Q1, turn


def test_groups_keep_question_order_and_the_last_grade_decides() -> None:
    first = turn(2, Q1, Verdict.PARTIAL, 7)
    retry = turn(2, Q1, Verdict.PARTIAL, 4, attempt=Attempt.RETRY)
    failed = turn(2, Q1, None, None, attempt=Attempt.RETRY)
    other = turn(1, Q1, Verdict.CORRECT, 9)
    groups = by_question([first, retry, other, failed])
    assert [[t.number for t in g] for g in groups] == [[1], [2, 2, 2]]
    assert last_graded(groups[1]) is retry  # lower than the first, but on all that was said
    assert last_graded([failed]) is None
