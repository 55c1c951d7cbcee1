"""An upgrade copies the history aside first and removes the copy once it commits; a failed
upgrade leaves the data and the copy; a newer database is refused untouched."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from interbot_tui.core.profile import Profile
from interbot_tui.store.schema import UPGRADES
from interbot_tui.store.sessions import DB_NAME, Store, StoreError

COPY = f"{DB_NAME}.before-v{len(UPGRADES)}"


def older_history(folder: Path) -> Path:
    """A history at the version before the latest, with one session."""
    store = Store(folder, upgrades=UPGRADES[:-1])
    profile = json.dumps(Profile(role="Backend engineer").to_dict())
    store.db.execute("INSERT INTO sessions(started_at, profile) VALUES(0, ?)", (profile,))
    store.close()
    return folder / DB_NAME


def roles(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return [r[0] for r in db.execute("SELECT json_extract(profile, '$.role') FROM sessions")]
    finally:
        db.close()


def version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def test_an_upgrade_copies_the_history_aside_then_removes_the_copy(data_dir: Path) -> None:
    older_history(data_dir)
    seen: list[tuple[int, int, list[str]]] = []
    copy = data_dir / COPY

    def watched_last_upgrade(db: sqlite3.Connection) -> None:
        seen.append((stat.S_IMODE(copy.stat().st_mode), version(copy), roles(copy)))
        UPGRADES[-1](db)

    store = Store(data_dir, upgrades=[*UPGRADES[:-1], watched_last_upgrade])
    assert seen == [(0o600, len(UPGRADES) - 1, ["Backend engineer"])], "a private, whole copy"
    assert not copy.exists(), "the copy goes once the upgrade committed"
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(UPGRADES)
    assert [s.role for s in store.sessions()] == ["Backend engineer"]
    assert not [p for p in data_dir.iterdir() if "before-v" in p.name]


def test_a_new_database_is_not_copied(data_dir: Path) -> None:
    copies: list[list[Path]] = []

    def look(db: sqlite3.Connection) -> None:
        copies.append([p for p in data_dir.iterdir() if "before-v" in p.name])

    Store(data_dir, upgrades=[look])
    assert copies == [[]]


def test_a_failed_upgrade_keeps_the_data_and_names_the_copy(data_dir: Path) -> None:
    path = older_history(data_dir)

    def broken(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE sessions ADD COLUMN extra TEXT")
        raise sqlite3.OperationalError("disk I/O error")

    with pytest.raises(StoreError) as raised:
        Store(data_dir, upgrades=[*UPGRADES[:-1], broken])
    copy = data_dir / COPY
    message = str(raised.value)
    assert str(copy) in message and "disk I/O error" in message and "left as it was" in message
    assert copy.exists() and stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert (version(copy), roles(copy)) == (len(UPGRADES) - 1, ["Backend engineer"])
    assert (version(path), roles(path)) == (len(UPGRADES) - 1, ["Backend engineer"])
    db = sqlite3.connect(path)
    assert "extra" not in [r[1] for r in db.execute("PRAGMA table_info(sessions)")]
    db.close()

    store = Store(data_dir)  # the next start upgrades; the earlier copy is not overwritten
    assert [s.role for s in store.sessions()] == ["Backend engineer"]
    assert copy.exists() and not (data_dir / f"{COPY}-2").exists()


def test_a_newer_database_is_refused_untouched(data_dir: Path) -> None:
    store = Store(data_dir)
    store.start_session(Profile(role="From the future"), "fake")
    store.db.execute("PRAGMA user_version = 99")
    store.close()
    path = data_dir / DB_NAME
    before, files = path.read_bytes(), sorted(p.name for p in data_dir.iterdir())

    with pytest.raises(StoreError, match="update interbot") as raised:
        Store(data_dir)
    assert str(path) in str(raised.value) and "untouched" in str(raised.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == files
