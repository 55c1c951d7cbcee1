"""The questions `interbot practice --weak` brings back, read from history."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from interbot_tui.core.progress import next_due, practice_plan
from interbot_tui.core.questions.question import Question
from interbot_tui.store.progress import stored_sessions

if TYPE_CHECKING:
    from interbot_tui.store.sessions import Store


def weak_plan(
    store: Store, count: int, *, role: str | None = None, now: float | None = None
) -> tuple[list[Question], float | None]:
    """The due questions for a practice session of `count` (at most ceil(2/3 × count): the
    caller fills the rest with fresh questions, see `core.progress.practice_plan`) and, when
    the plan is empty, when the next question becomes due: None if there is nothing in the
    history to practise at all. `now` defaults to the clock."""
    at = time.time() if now is None else now
    sessions = stored_sessions(store)  # one query, used for both answers
    plan = practice_plan(sessions, at, count, role=role)
    return plan, None if plan else next_due(sessions, at, role=role)
