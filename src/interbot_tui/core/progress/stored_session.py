"""What progress is computed from: one stored session with its turns, as plain data."""

from __future__ import annotations

from dataclasses import dataclass

from interbot_tui.core.interview.turn import Turn


@dataclass(frozen=True)
class StoredSession:
    id: int
    started_at: float  # epoch seconds
    role: str
    status: str  # finished | interrupted | active
    turns: tuple[Turn, ...]
    topic: str = ""
