"""`weak_plan`: the practice plan read from a real history database."""

from __future__ import annotations

from pathlib import Path

import pytest

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.turn import Attempt
from interbot_tui.core.profile import Profile
from interbot_tui.core.progress.schedule import GOOD_INTERVAL, MISSED_INTERVAL, SHAKY_INTERVAL
from interbot_tui.store import practice
from interbot_tui.store.practice import weak_plan
from interbot_tui.store.sessions import Store
from tests.core.progress._sessions import DAY, Q1, Q2, Q3, Q4, Q5, Q6, T0, turn


def _history(store: Store) -> None:
    backend = store.start_session(Profile(role="Backend engineer"), "fake")
    backend.record_turn(turn(1, Q3, Verdict.INCORRECT, 2, at=T0))  # a warm-up: never practised
    backend.record_turn(turn(2, Q1, Verdict.INCORRECT, 2, ("beta point",), at=T0 + 10))
    backend.record_turn(turn(3, Q4, Verdict.PARTIAL, 5, at=T0 + 20, hint_given=True))
    backend.record_turn(
        turn(3, Q4, Verdict.INCORRECT, 3, attempt=Attempt.RETRY, at=T0 + 30, revealed=True)
    )
    backend.record_turn(turn(4, Q6, Verdict.CORRECT, 9, at=T0 + 40))
    backend.record_turn(turn(5, Q2, Verdict.PARTIAL, 6, at=T0 + 50))
    data = store.start_session(Profile(role="Data scientist"), "fake")
    data.record_turn(turn(1, Q5, Verdict.INCORRECT, 2, at=T0 + DAY))


def test_missed_questions_come_back_leaving_room_for_fresh_ones(data_dir: Path) -> None:
    store = Store(data_dir)
    _history(store)

    plan, later = weak_plan(store, 3, role="backend", now=T0 + 2 * DAY)

    # Two misses (the one missed first leads), then no more: a third is left for fresh questions.
    assert [q.id for q in plan] == ["db-index", "db-mvcc"]
    assert plan[0] == Q1 and later is None
    everything, _ = weak_plan(store, 25, now=T0 + 4 * DAY)
    assert [q.id for q in everything] == [
        "db-index",
        "db-mvcc",
        "ml-bias",
        "beh-conflict",
        "db-acid",
    ]


def test_nothing_due_says_when_the_next_question_is(data_dir: Path) -> None:
    store = Store(data_dir)
    _history(store)

    assert weak_plan(store, 5, role="backend", now=T0 + 60) == ([], T0 + 10 + MISSED_INTERVAL)
    # Some time later only the good and the shaky answers are left to wait for.
    plan, later = weak_plan(store, 5, role="backend", now=T0 + DAY)
    assert [q.id for q in plan] == ["db-index", "db-mvcc"] and later is None
    practised = store.start_session(Profile(role="Backend engineer"), "fake")
    practised.record_turn(turn(1, Q1, Verdict.CORRECT, 9, at=T0 + DAY))
    practised.record_turn(turn(2, Q4, Verdict.CORRECT, 9, at=T0 + DAY))
    assert weak_plan(store, 5, role="backend", now=T0 + DAY + 30) == (
        [],
        T0 + 50 + SHAKY_INTERVAL,
    )
    plan, _ = weak_plan(store, 5, role="backend", now=T0 + DAY + GOOD_INTERVAL)
    # Each now has one miss's worth of recent weight: the one whose key point was missed
    # leads, then the most overdue; the good answer comes last.
    assert [q.id for q in plan] == ["db-index", "beh-conflict", "db-mvcc", "db-acid"]


def test_an_empty_history_has_nothing_to_practise(data_dir: Path) -> None:
    store = Store(data_dir)
    assert weak_plan(store, 5, now=T0) == ([], None)
    _history(store)
    assert weak_plan(store, 5, role="nobody", now=T0 + 100 * DAY) == ([], None)


def test_now_defaults_to_the_clock(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(data_dir)
    _history(store)
    monkeypatch.setattr(practice.time, "time", lambda: T0 + 60)
    assert weak_plan(store, 5, role="backend") == ([], T0 + 10 + MISSED_INTERVAL)
