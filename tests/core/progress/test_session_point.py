"""One session's figures, worked out by hand (see _sessions.py)."""

from __future__ import annotations

import pytest

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.turn import Attempt
from interbot_tui.core.progress.outcome import outcomes
from interbot_tui.core.progress.session_point import session_point
from tests.core.progress._sessions import Q1, Q4, T0, backend_sessions, turn


def test_first_session_overall() -> None:
    s = session_point(backend_sessions()[0]).overall
    # Q1 right on the retry (missing 1 of 4), Q2 wrong (0 of 2, STAR 2 of 4), Q3 right (1 of 1).
    assert (s.questions, s.correct, s.ungraded) == (3, 2, 0)
    assert s.accuracy == pytest.approx(2 / 3)
    assert s.mean_score == pytest.approx((8 + 2 + 9) / 3)  # the last attempt's score
    assert s.first_try == pytest.approx(1 / 3)
    assert s.coverage == pytest.approx((0.75 + 0.0 + 1.0) / 3)
    assert s.star == pytest.approx(0.5)


def test_ungraded_questions_are_counted_apart() -> None:
    s = session_point(backend_sessions()[1]).overall
    assert (s.questions, s.correct, s.ungraded) == (2, 1, 1)
    assert s.accuracy == 0.5 and s.first_try == 0.5 and s.mean_score == 7.5


def test_by_kind_and_domain() -> None:
    p = session_point(backend_sessions()[0])
    assert set(p.by_kind) == {"technical", "behavioural", "warmup"}
    assert p.by_kind["technical"].accuracy == 1.0 and p.by_kind["technical"].first_try == 0.0
    assert p.by_kind["behavioural"].accuracy == 0.0 and p.by_kind["behavioural"].star == 0.5
    assert p.by_kind["technical"].star is None  # no STAR figure outside behavioural answers
    assert set(p.by_domain) == {"databases", "behavioural", "general"}


def test_delivery_and_camera_figures() -> None:
    first, second, third = (session_point(s) for s in backend_sessions())
    assert first.delivery is not None
    assert (first.delivery.answers, first.delivery.wpm) == (1, 100.0)
    assert first.delivery.fillers_per_min == 3.0 and first.delivery.pauses_per_min == 1.0
    assert second.delivery is None  # nothing spoken
    assert second.face_share == pytest.approx(35 / 40)  # frames summed over the answers
    assert first.face_share is None  # camera off
    assert third.to_dict()["status"] == "interrupted"


def test_a_retry_that_fails_decides_and_coverage_is_clipped() -> None:
    found = outcomes(
        [
            turn(1, Q1, Verdict.CORRECT, 8),
            turn(1, Q1, Verdict.PARTIAL, 5, ("a", "b", "c"), Attempt.FOLLOW_UP),
            turn(2, Q4, Verdict.INCORRECT, 1, ("one", "two", "three")),  # 3 notes, 2 key points
            turn(3, Q4, Verdict.CORRECT, 9),
            turn(3, Q4, None, None, attempt=Attempt.RETRY),  # ungraded: the earlier one decides
        ],
        T0,
    )
    assert not found[0].correct and found[0].first_try_correct is True
    assert found[0].coverage == pytest.approx(0.25)
    assert found[1].coverage == 0.0
    assert found[2].correct and found[2].at == T0  # no turn time stored: the session's start
