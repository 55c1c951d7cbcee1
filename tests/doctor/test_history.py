"""`interbot doctor` checks the history database with SQLite's quick check, read-only."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from interbot_tui.core.profile import Profile
from interbot_tui.doctor import exit_code, run_checks
from interbot_tui.doctor.history import check_history
from interbot_tui.store.sessions import DB_NAME, Store


def history(folder: Path, sessions: int = 1) -> Path:
    store = Store(folder)
    for i in range(sessions):
        store.start_session(Profile(role=f"role {i}", topic="t" * 200), "fake")
    store.close()
    return folder / DB_NAME


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_a_sound_database_is_ok_and_left_as_it_was(data_dir: Path) -> None:
    history(data_dir)
    before = snapshot(data_dir)
    check = check_history(data_dir)
    assert check.ok and check.fix == ""
    assert "quick check ok" in check.detail and str(data_dir / DB_NAME) in check.detail
    assert snapshot(data_dir) == before, "no -wal or -shm left behind, nothing written"


def test_a_database_in_use_is_checked_too(data_dir: Path) -> None:
    history(data_dir)
    store = Store(data_dir)  # an interview is running: its -wal and -shm are there
    store.start_session(Profile(role="now"), "fake")
    check = check_history(data_dir)
    assert check.ok, check.detail
    store.close()


def test_a_garbage_file_is_damaged_with_what_to_do(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"not sqlite\n" * 500)
    check = check_history(data_dir)
    assert not check.ok and check.optional
    assert "damaged" in check.detail and "not a database" in check.detail
    assert "fresh history" in check.fix and ".recover" in check.fix
    assert (data_dir / DB_NAME).read_bytes() == b"not sqlite\n" * 500


def test_a_truncated_database_is_damaged(data_dir: Path) -> None:
    path = history(data_dir, 300)
    os.truncate(path, path.stat().st_size // 2)
    before = snapshot(data_dir)
    check = check_history(data_dir)
    assert not check.ok and "damaged" in check.detail
    assert snapshot(data_dir) == before


def test_no_database_yet_is_fine_and_none_is_created(data_dir: Path) -> None:
    check = check_history(data_dir)
    assert check.ok and "not created yet" in check.detail
    assert not data_dir.exists()
    data_dir.mkdir()
    assert check_history(data_dir).ok and list(data_dir.iterdir()) == []


def test_a_locked_database_is_not_called_damaged(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("interbot_tui.doctor.history.BUSY_TIMEOUT_S", 0.1)
    path = history(data_dir)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = DELETE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("DELETE FROM settings")
    try:
        check = check_history(data_dir)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not check.ok and "damaged" not in check.detail and "locked" in check.detail


def test_doctor_reports_a_damaged_history_as_a_warning(data_dir: Path, tmp_path: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"x" * 4096)
    [check] = [c for c in run_checks(data_dir, tmp_path / "models") if c.name == "history database"]
    assert not check.ok and check.optional
    assert exit_code([check]) == 0
