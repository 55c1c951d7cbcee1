"""A real disk that fills, or turns read-only, in the middle of an interview.

The data dir is a small tmpfs (mounted here; skipped where mounting is not permitted). The
interview goes on in memory with one notice, the answers are written, in order and once each,
when the disk works again, and what was saved before is untouched (`PRAGMA integrity_check`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from interbot_tui.core.i18n.phrases import Phrases
from interbot_tui.core.questions.banks import Bank
from interbot_tui.store.sessions import DB_NAME, Store
from tests.disk_faults import PAUSED, Run, expected, fill, refused_writes, small_disk, stored

EN = Phrases("en")


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path) as mount_point:
        yield mount_point


def rows_before(store: Store) -> list[tuple[object, ...]]:
    return store.db.execute("SELECT * FROM turns ORDER BY id").fetchall()


def check_history(data: Path, run: Run, before: list[tuple[object, ...]]) -> None:
    """Reopened from the file: every turn once, in order; what was there before unchanged."""
    db = sqlite3.connect(data / DB_NAME)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = db.execute("SELECT * FROM turns ORDER BY id").fetchall()
        assert rows[: len(before)] == before
        got = [(n, a, t) for n, a, t in db.execute("SELECT number, attempt, answer FROM turns")]
        assert got == expected(run)
        (status,) = db.execute("SELECT status FROM sessions").fetchone()
        assert status == "finished"
    finally:
        db.close()


def test_a_disk_that_fills_mid_interview(disk: Path, banks: list[Bank]) -> None:
    data = disk / "data"
    store = Store(data)
    try:
        run = Run(store, banks)
        run.answer(2)
        before = rows_before(store)
        filler = fill(disk)
        run.answer(2)
        (notice,) = run.notices()  # one notice for both answers
        assert notice == EN.say("save_paused_full", folder=data)
        assert stored(store, run.recorder.session_id) == expected(run)[:2]
        filler.unlink()  # space comes back
        run.answer()
        assert run.notices()[1:] == [EN.say("saved_again", count=3)]
        run.interview.finish()
        assert store.unsaved_answers == 0
    finally:
        store.close()
    check_history(data, run, before)


def test_a_disk_full_until_the_end_is_written_by_the_export(disk: Path, banks: list[Bank]) -> None:
    data = disk / "data"
    store = Store(data)
    try:
        run = Run(store, banks)
        run.answer()
        before = rows_before(store)
        filler = fill(disk)
        run.answer(2)
        run.interview.finish()
        assert store.unsaved_answers == 2
        filler.unlink()
        assert store.flush() == 2  # what exporting the report does first
    finally:
        store.close()
    check_history(data, run, before)


def test_a_disk_turned_read_only_mid_interview(disk: Path, banks: list[Bank]) -> None:
    """Writes refused with EROFS, as after the kernel remounts a failing disk read-only (a
    tmpfs itself cannot be remounted read-only while SQLite has the file open for writing)."""
    data = disk / "data"
    store = Store(data)
    try:
        run = Run(store, banks)
        run.answer()
        before = rows_before(store)
        files = [p for p in data.iterdir() if p.name.startswith(DB_NAME)]
        with refused_writes(files):
            run.answer(2)
        (notice,) = run.notices()
        assert notice.startswith(PAUSED + "disk I/O error.") and str(data) in notice
        assert store.unsaved_answers == 2
        run.answer()  # writable again
        assert run.notices()[1:] == [EN.say("saved_again", count=3)]
        run.interview.finish()
    finally:
        store.close()
    check_history(data, run, before)
