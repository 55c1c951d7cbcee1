"""Crash consistency: scripted interviews in a child process, killed (SIGKILL) at random points
while grading, writing a turn or preparing the next question. After each kill the history is
sound, every turn the child saw committed is stored exactly once, and the killed session
resumes where it stopped and runs to its end with no question asked twice.

INTERBOT_CRASH_SEED=<n> repeats a run; the seed is printed (pytest -s) and named in failures.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.engine import SHALLOW_WORDS
from interbot_tui.core.interview.events import Event, InterviewFinished, QuestionAsked
from interbot_tui.core.interview.turn import Attempt, Turn
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.text import words
from interbot_tui.store.sessions import DB_NAME, Store, StoreError
from tests.conftest import REPO
from tests.crash_child import JitteryModel, answer, open_session

KILLS = 40
BUDGET_S = 70.0  # stop killing early past this, on a slow machine
MIN_KILLS = 10
TOKEN = re.compile(r"^\[([^\]]+)\]")


@dataclass
class Child:
    """What one child printed before it was killed."""

    lines: list[str] = field(default_factory=list)

    def tagged(self, tag: str) -> list[list[str]]:
        return [line.split()[1:] for line in self.lines if line.split()[:1] == [tag]]

    @property
    def phase(self) -> str:
        """What it was doing when killed: the work started and not ended ("idle": between)."""
        doing: Counter[str] = Counter()
        for line in self.lines:
            tag, _, what = line.partition(" ")
            if tag in ("PHASE", "END"):
                doing[what] += 1 if tag == "PHASE" else -1
        return "+".join(sorted(w for w, n in doing.items() if n > 0)) or "idle"


def run_child(data_dir: Path, seed: int, rng: random.Random) -> Child:
    """Start a child, let it run a random while after it is ready, and SIGKILL it."""
    child = Child()
    ready = threading.Event()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_child", str(data_dir), str(seed)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            child.lines.append(line.rstrip("\n"))
            if line.startswith("READY"):
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        started = ready.wait(30)
        if started:
            time.sleep(rng.uniform(0.02, 1.2))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        reader.join(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = proc.stderr.read() if proc.stderr else ""
    assert started, f"seed={seed}: the child never got ready: {stderr[-2000:]}"
    assert proc.returncode == -signal.SIGKILL, f"seed={seed}: the child ended itself: {stderr}"
    return child


def integrity(path: Path) -> list[str]:
    """SQLite's full check, on a plain connection (Store would set a damaged file aside)."""
    db = sqlite3.connect(path)
    try:
        return [str(row[0]) for row in db.execute("PRAGMA integrity_check")]
    finally:
        db.close()


def stored_tokens(store: Store) -> Counter[str]:
    rows = store.db.execute("SELECT answer FROM turns").fetchall()
    return Counter(m.group(1) for (text,) in rows if (m := TOKEN.match(text)))


def check_turns(
    store: Store, reported: dict[str, tuple[str, ...]], accepted: set[str], prefix: str
) -> None:
    """Each reported turn stored once, where the child said; no attempt stored twice; at most
    one turn committed but not reported, by the child just killed (the kill fell between the
    commit and the print). Such a turn goes into `accepted`."""
    stored = stored_tokens(store)
    twice = {token: n for token, n in stored.items() if n > 1}
    assert not twice, f"turns stored more than once: {twice}"
    lost = sorted(set(reported) - set(stored))
    assert not lost, f"committed turns lost: {lost}"
    unreported = {t for t in stored if t.startswith("c") and t not in reported} - accepted
    assert len(unreported) <= 1, f"turns stored but not reported: {unreported}"
    assert all(t.startswith(prefix) for t in unreported), f"unexplained turns: {unreported}"
    accepted |= unreported
    rows = store.db.execute(
        "SELECT session_id, number, attempt, answer FROM turns ORDER BY id"
    ).fetchall()
    where = {m.group(1): (str(s), str(n), t) for s, n, t, a in rows if (m := TOKEN.match(a))}
    for token, place in reported.items():
        assert where[token] == place, f"turn {token} stored at {where[token]}, not {place}"
    attempts = Counter((s, n, t) for s, n, t, _ in rows)
    assert not [k for k, n in attempts.items() if n > 1], f"an attempt stored twice: {attempts}"


def killed_session(store: Store, child: Child) -> int | None:
    """The interrupted session after the kill: the one the child was in (unless its end was
    committed), or a new one it had just opened. None when nothing is interrupted."""
    sessions = [int(s[0]) for s in child.tagged("SESSION")]
    finished = {int(s[0]) for s in child.tagged("FINISHED")}
    try:
        interrupted = store.interrupted().session_id
    except StoreError:
        interrupted = None
    last = sessions[-1] if sessions else None
    if last is not None and last not in finished:
        status = store.db.execute("SELECT status FROM sessions WHERE id = ?", (last,)).fetchone()
        if status[0] != "finished":  # its end may be committed, unreported
            assert interrupted == last, f"session {last} was killed but {interrupted} resumes"
            return last
    assert interrupted is None or last is None or interrupted > last
    return interrupted


def open_attempt(turns: list[Turn]) -> Attempt | None:
    """The attempt a coach-mode question still waits for, from its stored turns (None when it
    is done): a first answer not yet given, the follow-up after a short correct first answer,
    or the retry after a hint."""
    if not turns:
        return Attempt.FIRST
    last = turns[-1]
    if last.hint_given:
        return Attempt.RETRY
    short = len(words(last.answer)) < SHALLOW_WORDS
    if last.attempt is Attempt.FIRST and last.grade.verdict is Verdict.CORRECT and short:
        return Attempt.FOLLOW_UP
    return None


def resume_and_check(
    store: Store, banks: list[Bank], data_dir: Path, sid: int, rng: random.Random, *, to_end: bool
) -> int:
    """Resume the killed session as `interbot resume` does: it asks the open question (or the
    next one); answered `to_end`, it finishes with no question asked twice. Returns the
    number of answers given."""
    asked = [
        str(row[0])
        for row in store.db.execute(
            "SELECT json_extract(data, '$.text') FROM questions WHERE session_id = ? "
            "ORDER BY number",
            (sid,),
        )
    ]
    last_turns = [t for t in store.turns(sid) if t.number == len(asked)]
    waiting = open_attempt(last_turns) if asked else None  # none asked yet: ask the first
    events: list[Event] = []
    errors: list[Exception] = []
    session, how = open_session(
        store,
        banks,
        JitteryModel(rng, delays=False),
        data_dir,
        rng.randrange(10**6),
        emit=events.append,
        on_error=errors.append,
    )
    assert how == "resume" and session.session_id == sid
    session.start()
    session.wait()
    first = next(e for e in events if isinstance(e, QuestionAsked | InterviewFinished))
    if waiting is not None:  # the question it stopped at, at the attempt it stopped at
        assert isinstance(first, QuestionAsked), f"question {len(asked)} was not asked again"
        assert (first.number, first.question.text) == (len(asked), asked[-1])
        assert session.interview.attempt is waiting
    elif isinstance(first, QuestionAsked):  # the next one, new
        assert first.number == len(asked) + 1 and first.question.text not in asked
    else:
        assert len(asked) == session.interview.total, "finished before its last question"
    given = 0
    while to_end and not session.finished:
        given += 1
        session.submit(answer(rng, f"p{sid}-{given}"))
        session.wait()
    session.close()
    assert not errors, errors
    if to_end:
        status = store.db.execute("SELECT status FROM sessions WHERE id = ?", (sid,)).fetchone()
        assert status[0] == "finished"
        texts = [
            str(r[0])
            for r in store.db.execute(
                "SELECT json_extract(data, '$.text') FROM questions WHERE session_id = ?", (sid,)
            )
        ]
        assert len(texts) == len(set(texts)), f"a question asked twice: {texts}"
        assert texts[: len(asked)] == asked
    return given


def settle() -> None:
    """Wait for the sessions' work-ahead threads: one still reading the history when the store
    closes would crash SQLite (a closed connection used from another thread)."""
    for thread in threading.enumerate():
        if thread.name == "prepare":
            thread.join(10)


@pytest.mark.slow
def test_kills_at_random_points_lose_nothing_and_resume(data_dir: Path, banks: list[Bank]) -> None:
    seed = int(os.environ.get("INTERBOT_CRASH_SEED") or random.SystemRandom().randrange(10**9))
    print(f"\ncrash fuzz seed={seed} (INTERBOT_CRASH_SEED={seed} repeats it)")
    rng = random.Random(seed)
    reported: dict[str, tuple[str, ...]] = {}
    accepted: set[str] = set()
    phases: Counter[str] = Counter()
    kills = resumed = 0
    start = time.monotonic()
    for kill in range(KILLS):
        if time.monotonic() - start > BUDGET_S:
            break
        child_seed = rng.randrange(10**9)
        child = run_child(data_dir, child_seed, rng)
        where = f"seed={seed}, kill {kill + 1} ({child.phase})"
        assert not child.tagged("ERROR"), f"{where}: {child.tagged('ERROR')}"
        reported.update({t[3]: (t[0], t[1], t[2]) for t in child.tagged("TURN")})
        assert integrity(data_dir / DB_NAME) == ["ok"], where
        store = Store(data_dir)
        try:
            assert not store.notice, f"{where}: {store.notice}"
            try:
                check_turns(store, reported, accepted, f"c{child_seed}-")
                sid = killed_session(store, child)
                if sid is not None:
                    # Half the time the next child resumes it (and may be killed in the resume).
                    last = kill == KILLS - 1 or time.monotonic() - start > BUDGET_S
                    to_end = last or rng.random() < 0.5
                    resume_and_check(store, banks, data_dir, sid, rng, to_end=to_end)
                    resumed += to_end
            except AssertionError as exc:
                raise AssertionError(f"{where}: {exc}") from exc
        finally:
            settle()
            store.close()
        kills += 1
        phases[child.phase] += 1
    elapsed = time.monotonic() - start
    print(
        f"crash fuzz: {kills} kills survived in {elapsed:.0f} s, {len(reported)} committed turns "
        f"checked, {resumed} sessions resumed to the end; killed while: {dict(phases)}"
    )
    assert kills >= MIN_KILLS, f"seed={seed}: only {kills} kills in {elapsed:.0f} s"
    assert integrity(data_dir / DB_NAME) == ["ok"]
    assert not list(data_dir.glob("*.damaged-*"))
