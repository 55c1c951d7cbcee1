"""Schema versions: `PRAGMA user_version` says which upgrades ran; they run in order, once."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Upgrade = Callable[[sqlite3.Connection], None]


def _v1(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at REAL NOT NULL,
            ended_at REAL,
            profile TEXT NOT NULL,          -- JSON of core.profile.Profile
            model TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'active',  -- active | finished
            correct INTEGER,
            total INTEGER
        );
        CREATE TABLE turns (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            attempt TEXT NOT NULL,
            question_id TEXT NOT NULL,
            question_text TEXT NOT NULL,
            answer TEXT NOT NULL,
            verdict TEXT,
            score INTEGER,
            data TEXT NOT NULL,             -- JSON of core.turn.Turn
            created_at REAL NOT NULL
        );
        CREATE INDEX turns_by_session ON turns(session_id, id);
        CREATE INDEX turns_by_question ON turns(question_id);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """
    )


UPGRADES: list[Upgrade] = [_v1]


def upgrade(db: sqlite3.Connection, upgrades: list[Upgrade] | None = None) -> int:
    """Run every upgrade newer than the database's version; return the new version."""
    steps = UPGRADES if upgrades is None else upgrades
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > len(steps):
        raise RuntimeError(
            f"history database is version {version}, newer than this interbot understands "
            f"({len(steps)}); update interbot"
        )
    for number, step in enumerate(steps[version:], start=version + 1):
        with db:
            step(db)
            db.execute(f"PRAGMA user_version = {number}")
    return len(steps)
