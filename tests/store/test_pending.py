"""Writes kept in memory while the history cannot be written: in order, told once, never twice.

The connection is wrapped (tests/disk_faults.FaultyDB) to fail as SQLite does on a full disk,
a read-only file or an I/O error; tests/store/test_disk_full_tmpfs.py does it on a real disk.
"""

from __future__ import annotations

import errno
import json
import sqlite3
from pathlib import Path

import pytest

from interbot_tui.core.i18n.phrases import Phrases
from interbot_tui.core.ports import SavingPaused
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.store.pending import diagnose, transient
from interbot_tui.store.sessions import SessionRecorder, Store
from tests.disk_faults import (
    FULL,
    IO,
    LONG,
    PAUSED,
    READ_ONLY,
    SQLITE_CONSTRAINT,
    Run,
    expected,
    faulty,
    sqlite_error,
    stored,
)

EN = Phrases("en")


def test_a_full_disk_keeps_answers_in_memory_tells_once_and_writes_them_in_order(
    data_dir: Path, banks: list[Bank]
) -> None:
    store = Store(data_dir)
    db = faulty(store)
    run = Run(store, banks)
    run.answer()
    db.failing = FULL
    run.answer(3)
    paused = run.notices()
    assert len(paused) == 1, paused  # one notice, not one per turn
    assert paused[0].startswith(PAUSED)
    assert "is full" in paused[0] and "kept in memory" in paused[0]
    assert "free some disk space" in paused[0] and str(data_dir) in paused[0]
    assert len(stored(store, run.recorder.session_id)) == 1
    assert store.unsaved_answers == 3
    db.failing = None  # space is back: the next write first writes the kept ones
    run.answer()
    assert run.notices()[1:] == [EN.say("saved_again", count=4)]
    assert stored(store, run.recorder.session_id) == expected(run)
    assert store.unsaved_answers == 0
    # every question asked while the disk was full was kept too, and written
    numbers = [n for (n,) in store.db.execute("SELECT number FROM questions ORDER BY number")]
    assert numbers == list(range(1, run.interview.number + 1))
    assert store.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_finishing_writes_what_was_kept_and_the_end(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    db = faulty(store)
    run = Run(store, banks)
    db.failing = FULL
    run.answer(2)
    db.failing = None
    run.interview.finish()
    assert stored(store, run.recorder.session_id) == expected(run)
    assert store.sessions()[-1].status == "finished"
    assert run.notices()[-1] == EN.say("saved_again", count=2)


def test_still_full_at_the_end_keeps_everything_for_an_export(
    data_dir: Path, banks: list[Bank]
) -> None:
    store = Store(data_dir)
    db = faulty(store)
    run = Run(store, banks)
    run.answer()
    db.failing = FULL
    run.answer(2)
    run.interview.finish()
    assert len(run.notices()) == 1  # the finish, refused too, adds no second notice
    assert store.unsaved_answers == 2 and store.sessions()[-1].status == "interrupted"
    with pytest.raises(SavingPaused) as raised:
        store.flush()  # an export tries again: still full
    assert raised.value.reason == "full" and raised.value.unsaved == 2
    db.failing = None
    assert store.flush() == 2  # the export, once there is room
    assert stored(store, run.recorder.session_id) == expected(run)
    assert store.sessions()[-1].status == "finished"
    assert store.flush() == 0  # nothing left: nothing written twice
    assert stored(store, run.recorder.session_id) == expected(run)


def test_closing_the_store_writes_what_it_can(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    db = faulty(store)
    run = Run(store, banks)
    db.failing = FULL
    run.answer(2)
    db.failing = None
    session_id = run.recorder.session_id
    store.close()
    again = Store(data_dir)
    assert [t.answer for t in again.turns(session_id)] == [t.answer for t in run.interview.turns]


def test_a_commit_that_failed_but_reached_the_file_is_not_written_twice(
    data_dir: Path, banks: list[Bank]
) -> None:
    store = Store(data_dir)
    db = faulty(store)
    run = Run(store, banks)
    db.lands_then_fails = True  # the turn is in the file, yet SQLite said "disk I/O error"
    run.answer()  # kept, since it cannot know; the next question's write retries it first
    assert run.notices() == [
        EN.say("save_paused_unavailable", error="disk I/O error", folder=data_dir),
        EN.say("saved_again", count=1),
    ]
    assert db.writes == 4  # question 1, the turn, its retry (finding it there), question 2
    assert stored(store, run.recorder.session_id) == expected(run)
    run.answer()
    assert stored(store, run.recorder.session_id) == expected(run)
    assert len(expected(run)) == 2


def test_the_same_answer_twice_at_the_same_instant_is_stored_twice(
    data_dir: Path, banks: list[Bank]
) -> None:
    """The guard against a retried commit looks only at rows newer than its first try: an
    identical earlier turn (a fixed clock, the same words) is not mistaken for it."""
    store = Store(data_dir)
    run = Run(store, banks, clock=lambda: 100.0)
    run.answer()
    recorder, twin = run.recorder, run.interview.turns[0]
    assert recorder.record_turn(twin) is None  # stored again: identical, and that is allowed
    db = faulty(store)
    db.failing = FULL
    with pytest.raises(SavingPaused):
        recorder.record_turn(twin)
    db.failing = None
    assert recorder.record_turn(twin) == 2  # the kept one and this one
    assert [a for _, _, a in stored(store, recorder.session_id)] == [twin.answer] * 4


def test_a_write_that_can_never_succeed_is_told_each_time_and_holds_nothing_up(
    data_dir: Path, banks: list[Bank]
) -> None:
    store = Store(data_dir)
    db = faulty(store)
    run = Run(store, banks)
    db.failing = (SQLITE_CONSTRAINT, "constraint failed")
    run.answer(2)
    lost = run.notices()  # two turns and the two questions after them
    assert len(lost) == 4 and all(
        n.startswith(EN["save_failed"].format(error="could not save")) for n in lost
    )
    assert store.unsaved_answers == 0  # not kept: it would fail again forever
    db.failing = None
    run.answer()
    assert [a for _, _, a in stored(store, run.recorder.session_id)] == [LONG.format(n=3)]


def test_a_read_only_file_is_said_and_saving_resumes(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    run = Run(store, banks)
    store.db.execute("PRAGMA query_only = 1")  # SQLite's own read-only refusal
    run.answer(2)
    notices = run.notices()
    assert len(notices) == 1 and "has become read-only" in notices[0]
    assert "make it writable" in notices[0]
    store.db.execute("PRAGMA query_only = 0")
    run.answer()
    assert run.notices()[1] == EN.say("saved_again", count=3)
    assert stored(store, run.recorder.session_id) == expected(run)


def test_an_io_error_is_said_with_its_words(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    db = faulty(store)
    run = Run(store, banks)
    db.failing = IO
    run.answer()
    (notice,) = run.notices()
    assert notice.startswith(PAUSED + "disk I/O error.")
    assert "connected, writable and not full" in notice


def test_a_kept_question_alone_is_written_with_no_answers_counted(
    data_dir: Path, banks: list[Bank]
) -> None:
    store = Store(data_dir)
    db = faulty(store)
    recorder = SessionRecorder(store, store.start_session(Profile()).session_id)
    db.failing = FULL
    question = banks[0].questions[0]
    with pytest.raises(SavingPaused) as raised:
        recorder.record_question(1, question)
    assert raised.value.unsaved == 0  # a question, not an answer
    db.failing = None
    assert recorder.record_question(2, question) == 0  # waiting writes written, no answers
    assert recorder.record_question(3, question) is None  # nothing was waiting


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (sqlite_error(*FULL), "full"),
        (sqlite_error(*READ_ONLY), "read_only"),
        (OSError(errno.ENOSPC, "No space left on device"), "full"),
        (OSError(errno.EROFS, "Read-only file system"), "read_only"),
        (sqlite_error(*IO), "unavailable"),
    ],
)
def test_diagnose(tmp_path: Path, error: Exception, reason: str) -> None:
    assert diagnose(error, tmp_path) == reason


def test_an_io_error_in_a_gone_folder_is_unavailable(tmp_path: Path) -> None:
    assert diagnose(sqlite_error(*IO), tmp_path / "gone") == "unavailable"


@pytest.mark.parametrize(
    ("error", "kept"),
    [
        (sqlite_error(*FULL), True),
        (sqlite_error(*READ_ONLY), True),
        (sqlite_error(*IO), True),
        (sqlite_error(5, "database is locked"), True),
        (sqlite_error(SQLITE_CONSTRAINT, "UNIQUE constraint failed"), False),
        (sqlite3.OperationalError("database or disk is full"), True),  # no code: by its words
        (sqlite3.OperationalError("no such table: turns"), False),
    ],
)
def test_transient(error: sqlite3.Error, kept: bool) -> None:
    assert transient(error) is kept


def test_the_kept_writes_are_those_of_the_turns(data_dir: Path, banks: list[Bank]) -> None:
    """What is kept is the turn itself: its stored data is the engine's turn, unchanged."""
    store = Store(data_dir)
    db = faulty(store)
    run = Run(store, banks)
    db.failing = FULL
    run.answer(2)
    db.failing = None
    run.answer()
    rows = store.db.execute(
        "SELECT data FROM turns WHERE session_id = ? ORDER BY id", (run.recorder.session_id,)
    )
    assert [json.loads(d) for (d,) in rows] == [t.to_dict() for t in run.interview.turns]
