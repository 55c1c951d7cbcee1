"""Writes kept in memory while the history cannot be written (a full disk, a read-only folder).

Every write of a session goes through `PendingWrites.submit`: it joins the end of the queue and
the queue is written in order, each write in its own transaction, removed only once committed.
When SQLite says the disk is full, the file is read-only or cannot be written for now, the
queue stops there and `SavingPaused` says why; the next write (or `flush`, on finishing or
exporting) tries again from the head, so the turns land in the order they were answered.

Each write must be idempotent (an upsert, an update, or an insert guarded by NOT EXISTS): a
commit that reported an error may still have reached the file (an fsync failing after the log
was written), and is then tried again. An insert's guard looks only at rows newer than the
table's last row just before its first try (`Write.floor_of`), so an identical earlier row
(the same answer given twice) never stops it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interbot_tui.core.ports import SavingPaused

# SQLite's primary result codes that mean "not now" rather than "never": the write is kept.
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 13, 14
_TRANSIENT = {
    _SQLITE_PERM,
    _SQLITE_BUSY,
    _SQLITE_LOCKED,
    _SQLITE_READONLY,
    _SQLITE_IOERR,
    _SQLITE_FULL,
    _SQLITE_CANTOPEN,
}
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


@dataclass
class Write:
    """One idempotent statement and what it saves (`answers`: 1 for a turn, else 0).

    With `floor_of` (a table), the statement's first parameter is that table's largest rowid
    read just before the first try (0 when empty), for the insert's NOT EXISTS guard."""

    sql: str
    params: tuple[Any, ...]
    answers: int = 0
    floor_of: str = ""
    floor: int | None = field(default=None, repr=False)


class PendingWrites:
    """The history's write queue: empty while saving works, the unsaved writes in order while
    it does not. Thread-safe (the interview's thread writes; a front end may flush)."""

    def __init__(self, db: sqlite3.Connection, folder: Path) -> None:
        self._db = db
        self.folder = folder
        self._queue: deque[Write] = deque()
        self._lock = threading.Lock()

    @property
    def unsaved_answers(self) -> int:
        """How many answers (turns) are kept in memory, not yet in the history."""
        with self._lock:
            return sum(w.answers for w in self._queue)

    def submit(self, write: Write) -> int | None:
        """Queue `write` after any kept ones and write them all, in order.

        Returns None when nothing was waiting before it, else the number of answers written by
        this call (the kept ones and this one): saving works again. Raises SavingPaused, with
        `write` kept, when the history cannot be written for now; raises sqlite3.Error for a
        write that can never succeed (it is dropped, so it does not hold up the others)."""
        with self._lock:
            waited = bool(self._queue)
            self._queue.append(write)
            written = self._drain()
        return written if waited else None

    def flush(self) -> int:
        """Write what is kept (on finishing, exporting, closing); returns the answers written.
        Raises SavingPaused when it still cannot."""
        with self._lock:
            return self._drain()

    def _drain(self) -> int:
        answers = 0
        while self._queue:
            head = self._queue[0]
            try:
                self._run(head)
            except sqlite3.Error as exc:
                if not transient(exc):
                    self._queue.popleft()  # it would fail again and block every later write
                    raise
                raise self._paused(exc) from exc
            except OSError as exc:
                raise self._paused(exc) from exc
            self._queue.popleft()
            answers += head.answers
        return answers

    def _run(self, write: Write) -> None:
        params = write.params
        if write.floor_of:
            if write.floor is None:
                row = self._db.execute(
                    f"SELECT COALESCE(MAX(rowid), 0) FROM {write.floor_of}"
                ).fetchone()
                write.floor = int(row[0])
            params = (write.floor, *params)
        with self._db:  # one statement, one transaction: whole or not at all
            self._db.execute(write.sql, params)

    def _paused(self, exc: Exception) -> SavingPaused:
        reason = diagnose(exc, self.folder)
        unsaved = sum(w.answers for w in self._queue)
        return SavingPaused(
            f"could not save to {self.folder}: {exc} ({reason}); {unsaved} answer(s) kept in "
            "memory",
            reason=reason,
            folder=str(self.folder),
            detail=str(exc),
            unsaved=unsaved,
        )


def transient(exc: sqlite3.Error) -> bool:
    """Whether SQLite's error may go away (space freed, folder writable again, lock released)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _TRANSIENT
    message = str(exc).lower()
    return any(
        words in message
        for words in ("full", "readonly", "read-only", "disk i/o", "unable to open", "locked")
    )


def diagnose(exc: Exception, folder: Path) -> str:
    """Why the history cannot be written: "full", "read_only" or "unavailable" (anything else:
    an I/O error, a lock held too long, a disk gone). SQLite reports a write refused by a read-only or full file system as a plain I/O error, so
    the folder itself is looked at too."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    number = getattr(exc, "errno", None)
    if primary == _SQLITE_FULL or number in _FULL_ERRNOS:
        return "full"
    if primary in (_SQLITE_READONLY, _SQLITE_PERM) or number in _READ_ONLY_ERRNOS:
        return "read_only"
    try:
        fs = os.statvfs(folder)
    except OSError:
        return "unavailable"
    if fs.f_flag & os.ST_RDONLY or not os.access(folder, os.W_OK):
        return "read_only"
    if fs.f_bavail == 0:
        return "full"
    return "unavailable"
