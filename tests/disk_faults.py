"""Storage faults for tests: a small real tmpfs to fill, writes refused at the system-call level,
and a connection wrapper that fails like SQLite does.

- `small_disk`: mounts a tmpfs of a few hundred KiB (needs root or CAP_SYS_ADMIN; the test is
  skipped, saying why, where mounting is not permitted) and always unmounts it.
- `fill(folder)`: a filler file taking every free byte; delete it to give the space back.
- `refused_writes(paths)`: while inside, every write, sync and truncate of those files fails with
  EROFS, as on a disk the kernel remounted read-only (strace's fault injection, attached to this
  process). A tmpfs cannot be remounted read-only while SQLite holds the file open for writing
  (the kernel answers "mount point is busy"), so this is how a read-only disk is shown mid-use.
- `FaultyDB`: a connection whose writes raise a given SQLite error, or commit and then raise
  (a commit reported failed that reached the file).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import pytest

from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.i18n.phrases import Phrases
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.interview.events import Event, InterviewerSaid, Purpose
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.store.pending import PendingWrites
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel, grade

SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CONSTRAINT = 8, 10, 13, 19


@contextlib.contextmanager
def small_disk(where: Path, size: str = "768k") -> Iterator[Path]:
    """A fresh tmpfs of `size` mounted at `where`/disk; skips the test where mounting fails."""
    mount_point = where / "disk"
    mount_point.mkdir()
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount_point)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot mount a small tmpfs to fill ({exc}); needs root and mount(8)")
    if done.returncode != 0:
        pytest.skip(
            f"cannot mount a small tmpfs to fill ({done.stderr.strip() or done.returncode}); "
            "needs root or CAP_SYS_ADMIN"
        )
    try:
        yield mount_point
    finally:  # lazily, so a file still open somewhere cannot leave the mount behind
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True, timeout=30)


def fill(folder: Path) -> Path:
    """A file in `folder` that takes every free byte of its file system."""
    path = folder / "filler"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    block = b"\0" * 65536
    try:
        while True:
            try:
                os.write(fd, block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                if len(block) == 1:
                    break
                block = block[: len(block) // 2]
    finally:
        os.close(fd)
    assert os.statvfs(folder).f_bavail == 0
    return path


def _traced(pid: int) -> bool:
    """Whether every thread of `pid` has a tracer attached."""
    tasks = Path(f"/proc/{pid}/task")
    for task in tasks.iterdir():
        try:
            status = (task / "status").read_text()
        except OSError:
            continue  # the thread ended
        tracer = next(line for line in status.splitlines() if line.startswith("TracerPid:"))
        if tracer.split()[1] == "0":
            return False
    return True


@contextlib.contextmanager
def refused_writes(paths: Sequence[Path]) -> Iterator[None]:
    """Every write to `paths` by this process fails with EROFS while inside; skips the test
    where strace is missing or cannot attach (ptrace not permitted)."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed: it injects the read-only errors")
    calls = "pwrite64,write,pwritev,writev,fsync,fdatasync,ftruncate,fallocate"
    command = [strace, "-q", "-f", "-p", str(os.getpid()), "-o", "/dev/null"]
    for path in paths:
        command += ["-P", str(path)]
    command += ["-e", f"trace={calls}", "-e", f"inject={calls}:error=EROFS"]
    tracer = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not _traced(os.getpid()):
        if tracer.poll() is not None:
            pytest.skip(f"strace cannot attach here: {tracer.stderr.read().strip()}")  # type: ignore[union-attr]
        if time.monotonic() > deadline:
            tracer.kill()
            pytest.skip("strace did not attach within 20 s")
        time.sleep(0.02)
    try:
        yield
    finally:
        tracer.terminate()
        tracer.wait(timeout=30)
        while _traced(os.getpid()):
            time.sleep(0.02)


def sqlite_error(code: int, message: str) -> sqlite3.OperationalError:
    """An error as SQLite raises it, with its result code."""
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


FULL = (SQLITE_FULL, "database or disk is full")
READ_ONLY = (SQLITE_READONLY, "attempt to write a readonly database")
IO = (SQLITE_IOERR | (3 << 8), "disk I/O error")


class FaultyDB:
    """Wraps a connection: while `failing` is set, every write raises that error (reads work);
    with `lands_then_fails`, the next write commits and then raises an I/O error. `writes`
    counts the write statements that reached SQLite."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.failing: tuple[int, str] | None = None
        self.lands_then_fails = False
        self.writes = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        write = sql.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")
        if write and self.failing is not None:
            raise sqlite_error(*self.failing)
        cursor = self.db.execute(sql, params)
        if write:
            self.writes += 1
            if self.lands_then_fails:
                self.lands_then_fails = False
                raise sqlite_error(*IO)
        return cursor

    def __enter__(self) -> FaultyDB:
        self.db.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.__exit__(*exc)  # type: ignore[arg-type]


# --- a scripted interview recorded in a store ---------------------------------------------------

PAUSED = Phrases("en")["save_failed"].split("{")[0]  # every "kept in memory" notice starts so
LONG = (
    "A full answer with enough words to avoid a follow-up question: it says what the idea is, "
    "why it matters in production, and gives a concrete example from a project of mine, {n}."
)


def faulty(store: Store) -> FaultyDB:
    """Route the store's session writes through a connection that can be made to fail."""
    db = FaultyDB(store.db)
    store.pending = PendingWrites(cast(sqlite3.Connection, db), store.path.parent)
    return db


class Run:
    """A coach-mode interview (every answer correct) recorded in `store`, its notices kept."""

    def __init__(self, store: Store, banks: list[Bank], questions: int = 6, **kw: object) -> None:
        self.events: list[Event] = []
        profile = Profile(role="Backend engineer", questions=questions)
        self.recorder = store.start_session(profile, "fake")
        self.interview = Interview(
            profile,
            banks,
            LLMGrader(FakeChatModel(default_grade=grade("correct", 9))),
            recorder=self.recorder,
            emit=self.events.append,
            seed=3,
            **kw,  # type: ignore[arg-type]
        )
        self.interview.start()
        self.answered = 0

    def answer(self, times: int = 1) -> None:
        for _ in range(times):
            self.answered += 1
            self.interview.submit(LONG.format(n=self.answered))

    def notices(self) -> list[str]:
        """What was said as a notice, but for the level changes (answers are all correct)."""
        phrases = self.interview.phrases
        levels = {
            phrases.say(key, level=phrases[name])
            for key in ("level_up", "level_down")
            for name in ("easy", "medium", "hard")
        }
        return [
            e.text
            for e in self.events
            if isinstance(e, InterviewerSaid)
            and e.purpose is Purpose.NOTICE
            and e.text not in levels
        ]


def stored(store: Store, session_id: int) -> list[tuple[int, str, str]]:
    """(number, attempt, answer) of every stored turn, in the order written."""
    rows = store.db.execute(
        "SELECT number, attempt, answer FROM turns WHERE session_id = ? ORDER BY id", (session_id,)
    )
    return [(int(n), str(a), str(t)) for n, a, t in rows]


def expected(run: Run) -> list[tuple[int, str, str]]:
    return [(t.number, str(t.attempt), t.answer) for t in run.interview.turns]
