"""`Store.report` compares a session with the earlier sessions of its role, never later ones."""

from __future__ import annotations

import time
from pathlib import Path

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.turn import Turn
from interbot_tui.core.profile import Profile
from interbot_tui.store.sessions import Store
from tests.core.progress._sessions import DAY, Q1, Q4, turn

NOV_12 = time.mktime((2026, 11, 12, 12, 0, 0, 0, 0, -1))  # local noon: the same date in any TZ


def record(store: Store, role: str, turns: list[Turn], day: int) -> int:
    recorder = store.start_session(Profile(role=role), "fake")
    store.db.execute(
        "UPDATE sessions SET started_at = ? WHERE id = ?",
        (NOV_12 + day * DAY, recorder.session_id),
    )
    for t in turns:
        recorder.record_turn(t)
    return recorder.session_id


def test_report_compares_with_the_earlier_sessions_of_its_role(data_dir: Path) -> None:
    store = Store(data_dir)
    first = record(store, "Backend engineer", [turn(1, Q1, Verdict.PARTIAL, 5)], 0)
    record(store, "Data scientist", [turn(1, Q1, Verdict.CORRECT, 10)], 1)
    second = record(
        store,
        "Backend engineer",
        [turn(1, Q1, Verdict.CORRECT, 9), turn(2, Q4, Verdict.CORRECT, 8)],
        2,
    )
    record(store, "Backend engineer", [turn(1, Q1, Verdict.INCORRECT, 1)], 3)  # later: not used

    report, _ = store.report(second)
    assert report.since_last == (
        "Accuracy 2/2, up from 0/1 last time (12 Nov).",
        "Mean score 8.5/10, up from 5.0 last time (12 Nov).",
    )
    assert store.report(first)[0].since_last == ()
