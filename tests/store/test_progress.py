"""Reading every session with its turns for progress: one query, statuses as history says."""

from __future__ import annotations

import json
from pathlib import Path

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.profile import Profile
from interbot_tui.store.progress import stored_sessions
from interbot_tui.store.sessions import Store
from tests.core.progress._sessions import Q1, Q2, turn


def test_every_session_with_its_turns_in_one_query(data_dir: Path) -> None:
    store = Store(data_dir)
    first = store.start_session(Profile(role="Backend engineer", topic="Go"), "fake")
    first.record_turn(turn(1, Q1, Verdict.PARTIAL, 5))
    first.record_turn(turn(1, Q1, Verdict.CORRECT, 8))
    first.record_turn(turn(2, Q2, Verdict.CORRECT, 9))
    store.start_session(Profile(role="Data scientist"), "fake")  # never answered
    third = store.start_session(Profile(role="SRE"), "fake")
    third.record_turn(turn(1, Q2, Verdict.INCORRECT, 2))
    store.db.execute("UPDATE turns SET data = '{' WHERE id = 4")  # an unreadable row

    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    found = stored_sessions(store)
    store.db.set_trace_callback(None)

    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    assert [(s.id, s.role, len(s.turns)) for s in found] == [
        (1, "Backend engineer", 3),
        (2, "Data scientist", 0),
        (3, "SRE", 0),
    ]
    assert found[0].topic == "Go" and found[0].status == "interrupted"
    assert [t.grade.score for t in found[0].turns] == [5, 8, 9]
    assert found[0].turns[0].question == Q1


def test_status_matches_history(data_dir: Path) -> None:
    from interbot_tui.core.reporting.report import build_report

    store = Store(data_dir)
    recorder = store.start_session(Profile(role="x"), "fake")
    recorder.record_turn(turn(1, Q1, Verdict.CORRECT, 9))
    recorder.record_finish(build_report(Profile(), [turn(1, Q1, Verdict.CORRECT, 9)]))
    [stored] = stored_sessions(store)
    [summary] = store.sessions()
    assert stored.status == summary.status == "finished"
    assert json.loads(json.dumps(stored.turns[0].to_dict()))["answer"] == "an answer"
