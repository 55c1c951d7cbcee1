"""Stored sessions for the Progress screen's tests and snapshot, at local wall-clock times so
the dates on screen are the same in every time zone."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from pathlib import Path

from interbot_tui.core.profile import Profile
from interbot_tui.core.progress import StoredSession
from interbot_tui.store.sessions import Store

START = time.mktime((2026, 1, 5, 10, 0, 0, 0, 0, -1))


def at_local_times(sessions: Sequence[StoredSession]) -> list[StoredSession]:
    """The sessions moved to start at START, keeping their days apart."""
    first = min(s.started_at for s in sessions)
    return [dataclasses.replace(s, started_at=START + s.started_at - first) for s in sessions]


def seed(data_dir: Path, sessions: Sequence[StoredSession]) -> None:
    """Store the sessions (in id order) with their start times and turns."""
    store = Store(data_dir)
    for s in sorted(sessions, key=lambda s: s.id):
        recorder = store.start_session(Profile(role=s.role), "fake")
        store.db.execute(
            "UPDATE sessions SET started_at = ? WHERE id = ?", (s.started_at, recorder.session_id)
        )
        for t in s.turns:
            recorder.record_turn(t)
    store.close()
