"""Opening the history database safely.

- Several interbots started at once on a new data dir: the schema is made once (the upgrade
  takes SQLite's write lock before reading the version) and every writer waits its turn.
- A damaged file is never deleted: it is renamed aside and a fresh history is started.
- An existing history is copied aside before an upgrade; the copy goes once the upgrade commits.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from interbot_tui.private_files import private_folder, touch_private
from interbot_tui.store.schema import NewerDatabase, Upgrade, upgrade

BUSY_TIMEOUT_S = 10.0  # how long a writer waits for another interbot's write before failing
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
ADVICE = (
    "Check that the folder is writable and the disk is not full, or choose another with --data-dir."
)


class OpeningError(RuntimeError):
    """The history cannot be opened; the message says what happened and what to do."""


class _Damaged(Exception):
    """The file is not a database, or SQLite's quick check found it damaged."""


def is_damage(exc: sqlite3.Error) -> bool:
    """SQLite says the file is not a database or is malformed (not: locked, read-only, full)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return True
    message = str(exc).lower()
    return "not a database" in message or "malformed" in message


def free_name(path: Path) -> Path:
    """`path`, or `path-2`, `path-3`… when that name is taken: nothing is overwritten."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def open_history(
    path: Path, upgrades: list[Upgrade] | None = None
) -> tuple[sqlite3.Connection, str]:
    """The connection, upgraded to the latest schema, and a notice for the user ("" when there
    is nothing to say). Raises OpeningError."""
    try:
        private_folder(path.parent)
        try:
            return _open(path, upgrades), ""
        except _Damaged as exc:
            reason = str(exc)
        kept = set_aside(path)
        notice = (
            f"the history database {path} is damaged ({reason}). It was kept as {kept} and a "
            f"fresh, empty history was started; nothing was deleted. To try to save earlier "
            f"interviews from that copy: `sqlite3 {kept} .recover | sqlite3 recovered.sqlite3`"
        )
        try:
            return _open(path, upgrades), notice
        except (OSError, sqlite3.Error, _Damaged) as exc:
            raise OpeningError(
                f"{notice}. But a fresh one cannot be opened: {exc}. {ADVICE}"
            ) from exc
    except (OSError, sqlite3.Error) as exc:
        raise OpeningError(f"cannot open the history database {path}: {exc}. {ADVICE}") from exc


def _open(path: Path, upgrades: list[Upgrade] | None) -> sqlite3.Connection:
    touch_private(path)  # SQLite takes an empty file for a new database
    db = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None
    )
    try:
        db.execute("PRAGMA foreign_keys = ON")
        _check(db)
        _upgrade(db, path, upgrades)
        db.execute("PRAGMA journal_mode = WAL")  # after the upgrade: a refused file is untouched
    except BaseException:
        db.close()
        raise
    return db


def _check(db: sqlite3.Connection) -> None:
    """Raise _Damaged when SQLite cannot read the file as a sound database."""
    try:
        problems = [str(row[0]) for row in db.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise _Damaged(str(exc)) from exc
        raise  # locked, unreadable…: not damage, the file is left alone
    if problems != ["ok"]:
        raise _Damaged("; ".join(problems))


def set_aside(path: Path) -> Path:
    """Rename the damaged database and its -wal and -shm to `<name>.damaged-<time>`. (Closing
    SQLite's connection first may already have moved the log's pages into the file.)"""
    kept = free_name(path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"))
    os.rename(path, kept)
    for sidecar in ("-wal", "-shm"):
        extra = path.with_name(path.name + sidecar)
        if extra.exists():  # named so that SQLite opens the copy with its log
            os.rename(extra, kept.with_name(kept.name + sidecar))
    return kept


def _upgrade(db: sqlite3.Connection, path: Path, upgrades: list[Upgrade] | None) -> None:
    copies: list[Path] = []

    def copy_first(version: int, latest: int) -> None:
        if version > 0:  # a history to keep safe; version 0 is a new, empty database
            copies.append(copy_aside(path, latest))

    try:
        upgrade(db, upgrades, before=copy_first)
    except NewerDatabase as exc:
        raise OpeningError(
            f"cannot open the history database {path}: {exc}. It was left untouched; or choose "
            "another folder with --data-dir."
        ) from exc
    except Exception as exc:
        if not copies:
            raise
        raise OpeningError(
            f"could not upgrade the history database {path}: {exc}. It was left as it was, and "
            f"a copy taken just before the upgrade is at {copies[0]}. Start interbot again to "
            "retry; if it fails again, keep that copy and report this message."
        ) from exc
    for copy in copies:
        copy.unlink(missing_ok=True)


def copy_aside(path: Path, latest: int) -> Path:
    """A private (0600) copy of the database, `<name>.before-v<latest>`, through SQLite's backup
    API, written under a temporary name first so a full disk leaves no partial copy. Called
    under the upgrade's write lock: it reads through a second connection (the backup API will
    not read through one holding a write transaction), and no one writes meanwhile."""
    copy = free_name(path.with_name(f"{path.name}.before-v{latest}"))
    tmp = path.with_name(f".{copy.name}.tmp")
    tmp.unlink(missing_ok=True)
    touch_private(tmp)
    try:
        source = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        os.replace(tmp, copy)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return copy
