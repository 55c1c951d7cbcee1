"""Every attempt at a question asked in a past session, across all sessions, from history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interbot_tui.core.progress.attempts import AttemptView, attempts_of
from interbot_tui.core.questions.question import Question
from interbot_tui.store.progress import stored_sessions
from interbot_tui.store.sessions import StoreError

if TYPE_CHECKING:
    from interbot_tui.store.sessions import Store


def _numbers(numbers: list[int]) -> str:
    """The numbers a session has, in words: "questions 1-6", "questions 1, 2 and 4"."""
    if len(numbers) == 1:
        return f"question {numbers[0]} only"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"questions {numbers[0]}-{numbers[-1]}"
    return "questions " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def question_and_attempts(
    store: Store, session_id: int, number: int
) -> tuple[Question, list[AttemptView]]:
    """The question that was number `number` of session `session_id`, as asked then, and every
    attempt at it (by question id) in every session, oldest first. Raises StoreError, saying
    what exists, for a session or question number that does not."""
    sessions = stored_sessions(store)
    session = next((s for s in sessions if s.id == session_id), None)
    if session is None:
        raise StoreError(f"no session {session_id}; `interbot history` lists them")
    asked = next((t.question for t in session.turns if t.number == number), None)
    if asked is None:
        numbers = sorted({t.number for t in session.turns})
        if not numbers:
            raise StoreError(
                f"session {session_id} has no answered questions; `interbot history` lists "
                "the sessions"
            )
        raise StoreError(
            f"session {session_id} has {_numbers(numbers)}; `interbot report {session_id}` "
            "lists them"
        )
    return asked, attempts_of(sessions, asked.id)


def question_attempts(store: Store, session_id: int, number: int) -> list[AttemptView]:
    """Every attempt at question `number` of session `session_id`, oldest first."""
    return question_and_attempts(store, session_id, number)[1]
