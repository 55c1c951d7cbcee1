"""A damaged history database is kept aside and a fresh one started; other failures (read-only,
locked, permission denied) keep the "check the folder" advice and leave the file alone."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interbot_tui.core.profile import Profile
from interbot_tui.store.opening import free_name, set_aside
from interbot_tui.store.schema import UPGRADES
from interbot_tui.store.sessions import DB_NAME, Store, StoreError


def history_with_sessions(folder: Path, sessions: int) -> Path:
    store = Store(folder)
    for i in range(sessions):
        store.start_session(Profile(role=f"role {i} " + "x" * 150, topic="y" * 200), "fake")
    store.close()  # the last connection checkpoints: everything is in the main file
    return folder / DB_NAME


def kept_copies(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".damaged-" in p.name)


def assert_fresh(store: Store) -> None:
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(UPGRADES)
    assert store.sessions() == []
    store.start_session(Profile(role="after"), "fake")
    assert len(store.sessions()) == 1


def test_a_file_that_is_not_a_database_is_kept_and_a_fresh_history_started(
    data_dir: Path,
) -> None:
    data_dir.mkdir()
    garbage = b"this is not a database\n" * 300
    (data_dir / DB_NAME).write_bytes(garbage)
    told: list[str] = []
    store = Store(data_dir, warn=told.append)

    [kept] = kept_copies(data_dir)
    assert kept.read_bytes() == garbage, "the damaged file is kept as it was"
    assert kept.name.startswith(f"{DB_NAME}.damaged-")
    assert (
        str(kept) in store.notice and "fresh" in store.notice and "not a database" in store.notice
    )
    assert "writable" not in store.notice
    assert told == [store.notice]
    assert_fresh(store)


def test_the_log_and_index_beside_a_damaged_file_are_kept_with_it(data_dir: Path) -> None:
    data_dir.mkdir()
    for suffix, content in (("", b"main"), ("-wal", b"log"), ("-shm", b"index")):
        (data_dir / f"{DB_NAME}{suffix}").write_bytes(content)
    kept = set_aside(data_dir / DB_NAME)
    assert [(p.name.removeprefix(kept.name), p.read_bytes()) for p in kept_copies(data_dir)] == [
        ("", b"main"),
        ("-shm", b"index"),
        ("-wal", b"log"),
    ]
    assert not (data_dir / f"{DB_NAME}-wal").exists()
    assert not (data_dir / f"{DB_NAME}-shm").exists()


def test_a_name_already_taken_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "a").touch()
    (tmp_path / "a-2").touch()
    assert free_name(tmp_path / "a") == tmp_path / "a-3"
    assert free_name(tmp_path / "b") == tmp_path / "b"


def test_a_truncated_database_is_kept_and_a_fresh_history_started(data_dir: Path) -> None:
    path = history_with_sessions(data_dir, 300)
    size = path.stat().st_size
    assert size > 8 * 4096
    os.truncate(path, size // 2)
    damaged = path.read_bytes()

    store = Store(data_dir)
    [kept] = kept_copies(data_dir)
    assert kept.read_bytes() == damaged
    assert str(kept) in store.notice and ".recover" in store.notice
    assert_fresh(store)


def test_a_page_overwritten_in_the_middle_is_found_by_the_quick_check(data_dir: Path) -> None:
    path = history_with_sessions(data_dir, 300)
    with path.open("r+b") as f:
        f.seek(4096 * 4)
        f.write(b"\xff" * 4096)
    store = Store(data_dir)
    assert len(kept_copies(data_dir)) == 1 and store.notice
    assert_fresh(store)


def test_a_zero_length_file_is_simply_a_new_database(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DB_NAME).touch()
    store = Store(data_dir)
    assert store.notice == ""
    assert kept_copies(data_dir) == []
    assert_fresh(store)


def test_a_sound_database_opens_without_a_notice(data_dir: Path) -> None:
    history_with_sessions(data_dir, 2)
    store = Store(data_dir)
    assert store.notice == "" and len(store.sessions()) == 2
    assert kept_copies(data_dir) == []


def refuse_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite opens every database read-only, as on a read-only mount."""
    real: Callable[..., sqlite3.Connection] = sqlite3.connect

    def read_only(path: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        kwargs.pop("uri", None)
        return real(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)


def test_a_read_only_database_is_not_taken_for_damaged(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(data_dir, upgrades=UPGRADES[:-1]).close()  # an upgrade has to write
    path = data_dir / DB_NAME
    before = path.read_bytes()
    refuse_writes(monkeypatch)
    with pytest.raises(StoreError, match="readonly") as raised:
        Store(data_dir)
    assert "folder is writable and the disk is not full" in str(raised.value)
    assert path.read_bytes() == before
    assert not [p for p in data_dir.iterdir() if "damaged" in p.name or "before" in p.name]


def test_a_locked_database_is_not_taken_for_damaged(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = history_with_sessions(data_dir, 2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = DELETE")  # readers wait for a writer's lock too
    other.execute("BEGIN EXCLUSIVE")
    other.execute("DELETE FROM settings")
    monkeypatch.setattr("interbot_tui.store.opening.BUSY_TIMEOUT_S", 0.2)
    with pytest.raises(StoreError, match="locked") as raised:
        Store(data_dir)
    assert "folder is writable" in str(raised.value)
    other.execute("ROLLBACK")
    other.close()
    assert kept_copies(data_dir) == []
    assert len(Store(data_dir).sessions()) == 2


def test_a_database_that_cannot_be_opened_keeps_todays_advice(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = history_with_sessions(data_dir, 1)
    before = path.read_bytes()
    real_chmod = os.chmod

    def denied(target: Any, *args: Any, **kwargs: Any) -> None:
        if Path(target) == path:  # as for a file another user (root) owns
            raise PermissionError(13, "Permission denied", str(target))
        real_chmod(target, *args, **kwargs)

    monkeypatch.setattr(os, "chmod", denied)
    with pytest.raises(StoreError, match="Permission denied") as raised:
        Store(data_dir)
    assert "folder is writable and the disk is not full" in str(raised.value)
    assert path.read_bytes() == before
    assert kept_copies(data_dir) == []
