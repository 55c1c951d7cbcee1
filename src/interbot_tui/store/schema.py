"""Schema versions: `PRAGMA user_version` says which upgrades ran; they run in order, once."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Upgrade = Callable[[sqlite3.Connection], None]


def _script(db: sqlite3.Connection, script: str) -> None:
    """Run each statement of `script` inside the caller's transaction (`executescript` would
    commit first, leaving a half-done upgrade behind a crash)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""


def _v1(db: sqlite3.Connection) -> None:
    _script(
        db,
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
        """,
    )


def _v2(db: sqlite3.Connection) -> None:
    """Sessions keep their kind and plan and each question as asked (to resume after a crash);
    a turn links to the latest earlier attempt at the same question in another session."""
    _script(
        db,
        """
        ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'interview';
        ALTER TABLE sessions ADD COLUMN plan TEXT;  -- JSON of core.interview.plan slots
        ALTER TABLE turns ADD COLUMN repeat_of INTEGER REFERENCES turns(id) ON DELETE SET NULL;
        CREATE TABLE questions (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            data TEXT NOT NULL,             -- JSON of core.questions.question.Question
            asked_at REAL NOT NULL,
            PRIMARY KEY (session_id, number)
        );
        UPDATE turns SET repeat_of = (
            SELECT MAX(p.id) FROM turns p
             WHERE p.question_id = turns.question_id AND p.session_id < turns.session_id
        );
        """,
    )


def _v3(db: sqlite3.Connection) -> None:
    """An interview keeps what it was grounded in (resume and job description, as read);
    persona conversations (kind 'persona') keep each exchange."""
    _script(
        db,
        """
        ALTER TABLE sessions ADD COLUMN grounding TEXT;  -- JSON of core.documents.Grounding
        CREATE TABLE persona_turns (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            source TEXT NOT NULL,           -- prepared | cache | model
            seconds REAL NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (session_id, number)
        );
        """,
    )


UPGRADES: list[Upgrade] = [_v1, _v2, _v3]


class NewerDatabase(RuntimeError):
    """The database was written by a newer interbot; it is left untouched."""


def upgrade(
    db: sqlite3.Connection,
    upgrades: list[Upgrade] | None = None,
    *,
    before: Callable[[int, int], object] | None = None,
) -> int:
    """Run every upgrade newer than the database's version; return the new version.

    All of them run in one transaction under SQLite's write lock, taken before the version is
    read: when several interbots start at once on a new data dir, the first creates the tables
    and the others, waiting on the lock, find them made. `before(version, latest)` runs under
    that lock before the first upgrade (to copy the database aside)."""
    steps = UPGRADES if upgrades is None else upgrades
    db.execute("BEGIN IMMEDIATE")  # whole or not at all, and one writer at a time
    try:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > len(steps):
            raise NewerDatabase(
                f"history database is version {version}, newer than this interbot understands "
                f"({len(steps)}); update interbot"
            )
        if version < len(steps) and before is not None:
            before(version, len(steps))
        for number, step in enumerate(steps[version:], start=version + 1):
            step(db)
            db.execute(f"PRAGMA user_version = {number}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return len(steps)
