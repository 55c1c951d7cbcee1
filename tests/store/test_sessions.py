"""The history database: upgrades, privacy, turns committed as they happen, crash safety."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.store.schema import UPGRADES, upgrade
from interbot_tui.store.sessions import Store, StoreError
from tests.fakes.llm import FakeChatModel, grade

ANSWER = (
    "A full answer with enough words to avoid a follow-up question: it says what the idea is, why "
    "it matters in production, and gives a concrete example from a project I worked on last year."
)


def run_turns(store: Store, banks: list[Bank], answers: int, questions: int = 4) -> Interview:
    recorder = store.start_session(Profile(role="Backend engineer", questions=questions), "fake")
    model = FakeChatModel(default_grade=grade("correct", 9))
    interview = Interview(
        recorder=recorder,
        profile=Profile(role="Backend engineer", questions=questions),
        banks=banks,
        grader=LLMGrader(model),
        seed=1,
    )
    interview.start()
    for _ in range(answers):
        interview.submit(ANSWER)
    return interview


def test_new_database_is_at_the_latest_version_and_private(data_dir: Path) -> None:
    store = Store(data_dir)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(UPGRADES)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700


def test_upgrades_run_in_order_once(tmp_path: Path) -> None:
    ran: list[int] = []

    def step(n: int):  # type: ignore[no-untyped-def]
        return lambda db: (ran.append(n), db.execute(f"CREATE TABLE t{n} (x)"))

    db = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    assert upgrade(db, [step(1), step(2)]) == 2
    assert upgrade(db, [step(1), step(2), step(3)]) == 3
    assert ran == [1, 2, 3]
    assert db.execute("PRAGMA user_version").fetchone()[0] == 3


def test_newer_database_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "x.db")
    db.execute("PRAGMA user_version = 99")
    with pytest.raises(RuntimeError, match="update interbot"):
        upgrade(db)


def test_crash_between_turns_loses_nothing(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    interview = run_turns(store, banks, answers=2)
    assert not interview.finished
    del interview
    store.close()  # the process dies here: no finish() was called

    reopened = Store(data_dir)
    [summary] = reopened.sessions()
    assert summary.status == "interrupted" and summary.questions == 2 and summary.correct == 2
    report, meta = reopened.report(summary.id)
    assert report.total == 2 and meta["status"] == "active"
    assert [t.answer for t in report.turns] == [ANSWER, ANSWER]


def test_finished_session_summary(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    interview = run_turns(store, banks, answers=4)
    assert interview.finished
    [summary] = store.sessions()
    assert (summary.status, summary.questions, summary.accuracy) == ("finished", 4, 1.0)
    assert summary.to_dict()["accuracy"] == 1.0


def test_last_profile_is_remembered(data_dir: Path) -> None:
    store = Store(data_dir)
    assert store.last_profile() is None
    store.remember_profile(Profile(name="Ada", role="Data scientist", questions=12))
    again = Store(data_dir).last_profile()
    assert again is not None and again.name == "Ada" and again.questions == 12


def test_unknown_session_and_unwritable_dir(tmp_path: Path, data_dir: Path) -> None:
    with pytest.raises(StoreError, match="interbot history"):
        Store(data_dir).report(42)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="--data-dir"):
        Store(blocker / "sub")


def test_failed_write_is_told_and_the_interview_goes_on(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    events: list[object] = []
    recorder = store.start_session(Profile(questions=3), "fake")
    interview = Interview(
        Profile(questions=3),
        banks,
        LLMGrader(FakeChatModel(default_grade=grade("correct", 9))),
        recorder=recorder,
        emit=events.append,
        seed=1,
    )
    interview.start()
    interview.submit(ANSWER)
    store.db.execute("DROP TABLE turns")  # stands in for a full disk: every write now fails
    interview.submit(ANSWER)
    assert interview.number == 3 and len(interview.turns) == 2
    assert any("Could not save to history" in getattr(e, "text", "") for e in events)


def test_expression_summaries_are_stored_and_old_turns_still_load(
    data_dir: Path, banks: list[Bank]
) -> None:
    import json

    from interbot_tui.core.vision.expression import ExpressionSummary

    store = Store(data_dir)
    recorder = store.start_session(Profile(role="Backend engineer", questions=3), "fake")
    interview = Interview(
        recorder=recorder,
        profile=Profile(role="Backend engineer", questions=3),
        banks=banks,
        grader=LLMGrader(FakeChatModel(default_grade=grade("correct", 9))),
        seed=1,
    )
    interview.start()
    seen = ExpressionSummary(frames=50, face_frames=40, shares={"neutral": 0.75, "happy": 0.25})
    interview.submit(ANSWER, expression=seen)
    interview.submit(ANSWER)  # camera off for this one
    sid = recorder.session_id
    # A turn written before the camera existed has no "expression" key at all.
    old = store.turns(sid)[1].to_dict()
    del old["expression"]
    store.db.execute(
        "UPDATE turns SET data = ? WHERE session_id = ? AND number = 2", (json.dumps(old), sid)
    )
    store.close()

    reopened = Store(data_dir)
    first, second = reopened.turns(sid)
    assert first.expression == seen and second.expression is None
    report, _ = reopened.report(sid)
    assert report.expression is not None
    assert report.to_dict()["expression"]["dominant"] == "neutral"
    assert report.to_dict()["turns"][0]["expression"]["face_share"] == 0.8


def test_recent_question_ids_are_those_of_the_latest_sessions(
    data_dir: Path, banks: list[Bank]
) -> None:
    from interbot_tui.store.sessions import RECENT_SESSIONS

    store = Store(data_dir)
    first = run_turns(store, banks, answers=2)
    first_ids = {t.question.id for t in first.turns}
    assert set(store.recent_question_ids()) == first_ids
    for _ in range(RECENT_SESSIONS):
        store.start_session(Profile(), "fake")  # newer sessions push the first one out
    assert store.recent_question_ids() == []
