"""Schema 2: the upgrade from a version-1 database keeps everything and links repeats; an
interrupted session reads back whole; a failed upgrade leaves the database as it was."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.interview.plan import SessionKind
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.question import Kind
from interbot_tui.store.schema import UPGRADES, upgrade
from interbot_tui.store.sessions import DB_NAME, Store, StoreError
from tests.fakes.llm import FakeChatModel, grade

ANSWER = (
    "A full answer with enough words to avoid a follow-up question: it says what the idea is, why "
    "it matters in production, and gives a concrete example from a project I worked on last year."
)
PROFILE = Profile(role="Backend engineer", questions=3)


def interview(store: Store, banks: list[Bank], **kw: object) -> Interview:
    plan = kw.pop("plan", None)
    recorder = store.start_session(PROFILE, "fake", plan=plan)  # type: ignore[arg-type]
    return Interview(
        PROFILE,
        banks,
        LLMGrader(FakeChatModel(default_grade=grade("correct", 9))),
        recorder=recorder,
        seed=1,
        plan=plan,  # type: ignore[arg-type]
    )


def version_1_database(data_dir: Path) -> None:
    """A history written by the interbot before this change: two sessions, one question of
    the second repeating one of the first."""
    data_dir.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(data_dir / DB_NAME, isolation_level=None)
    upgrade(db, UPGRADES[:1])
    profile = json.dumps(PROFILE.to_dict())
    question = {"id": "py-1", "text": "What is a GIL?", "kind": "technical"}
    for sid in (1, 2):
        db.execute(
            "INSERT INTO sessions(id, started_at, profile, status) VALUES(?, ?, ?, 'finished')",
            (sid, time.time(), profile),
        )
        turn = {"number": 1, "attempt": "first", "question": question, "answer": "x"}
        db.execute(
            "INSERT INTO turns(session_id, number, attempt, question_id, question_text, answer, "
            "verdict, score, data, created_at) VALUES(?, 1, 'first', 'py-1', 'What is a GIL?', "
            "'x', 'partial', 5, ?, ?)",
            (sid, json.dumps(turn), time.time()),
        )
    db.close()


def test_upgrade_from_version_1_keeps_sessions_and_links_repeats(data_dir: Path) -> None:
    version_1_database(data_dir)
    store = Store(data_dir)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(UPGRADES) == 3
    sessions = store.sessions()
    assert [(s.id, s.kind, s.status) for s in sessions] == [
        (1, "interview", "finished"),
        (2, "interview", "finished"),
    ]
    assert store.attempt_links() == {2: [{"number": 1, "repeats_session": 1, "repeats_number": 1}]}
    assert store.turns(2)[0].question.id == "py-1"


def test_a_failed_upgrade_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    upgrade(db, UPGRADES[:1])

    def broken(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE sessions ADD COLUMN extra TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    with pytest.raises(sqlite3.OperationalError):
        upgrade(db, [UPGRADES[0], broken])
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in db.execute("PRAGMA table_info(sessions)")]
    assert "extra" not in columns  # rolled back whole: the next start can try again


def test_a_repeated_question_links_to_its_earlier_attempt(
    data_dir: Path, banks: list[Bank]
) -> None:
    store = Store(data_dir)
    first = interview(store, banks)
    first.start()
    first.submit(ANSWER)
    asked = first.turns[0].question
    again = interview(store, banks, plan=[asked])
    again.start()
    again.submit(ANSWER)
    assert store.attempt_links() == {2: [{"number": 1, "repeats_session": 1, "repeats_number": 1}]}


def test_an_interrupted_session_reads_back_whole(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    killed = interview(store, banks, plan=[Kind.TECHNICAL, Kind.BEHAVIOURAL, Kind.TECHNICAL])
    killed.start()
    killed.submit(ANSWER)
    waiting = killed.current
    state = store.interrupted()  # the latest by default
    assert state.session_id == 1 and state.kind is SessionKind.INTERVIEW
    assert state.plan == (Kind.TECHNICAL, Kind.BEHAVIOURAL, Kind.TECHNICAL)
    assert [q.text for q in state.asked] == [killed.turns[0].question.text, waiting.text]  # type: ignore[union-attr]
    assert state.turns == tuple(killed.turns) and state.profile == PROFILE
    killed.finish()
    with pytest.raises(StoreError, match="finished: nothing to resume"):
        store.interrupted(1)
    with pytest.raises(StoreError, match="no interrupted interview"):
        store.interrupted()
    with pytest.raises(StoreError, match="no session 9"):
        store.interrupted(9)


def test_forget_takes_the_questions_as_asked_and_unlinks_repeats(
    data_dir: Path, banks: list[Bank]
) -> None:
    from interbot_tui.store.forget import forget

    store = Store(data_dir)
    first = interview(store, banks)
    first.start()
    first.submit(ANSWER)
    again = interview(store, banks, plan=[first.turns[0].question])
    again.start()
    again.submit(ANSWER)
    forget(store, 1)
    assert store.db.execute("SELECT COUNT(*) FROM questions WHERE session_id = 1").fetchone() == (
        0,
    )
    assert store.db.execute("SELECT repeat_of FROM turns").fetchall() == [(None,)]
    assert store.attempt_links() == {}
