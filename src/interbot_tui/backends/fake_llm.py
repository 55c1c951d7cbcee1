"""A scripted ChatModel for fast tests and demos: replies from lists, streamed in small pieces."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from interbot_tui.core.ports import Message, ModelError, TextSink

Reply = str | dict[str, Any] | Exception


class FakeChatModel:
    """Answers grading calls from `grades` and question-writing calls from `questions`, in order.

    A dict is sent as JSON, a str as-is (to test unusable output), an Exception is raised.
    When a list runs out, `default_grade` / no question (an exception) is used.
    """

    name = "fake"

    def __init__(
        self,
        grades: Iterable[Reply] = (),
        questions: Iterable[Reply] = (),
        *,
        default_grade: dict[str, Any] | Callable[[list[Message]], dict[str, Any]] | None = None,
    ) -> None:
        self.grades = list(grades)
        self.questions = list(questions)
        self.default_grade = default_grade
        self.calls: list[tuple[list[Message], dict[str, Any] | None]] = []

    def chat(
        self,
        messages: list[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 256,
        temperature: float = 0.2,
        on_text: TextSink | None = None,
    ) -> str:
        self.calls.append((messages, schema))
        properties = (schema or {}).get("properties", {})
        queue = self.grades if "verdict" in properties else self.questions
        if queue:
            reply: Reply = queue.pop(0)
        elif "verdict" in properties and self.default_grade is not None:
            reply = (
                self.default_grade(messages) if callable(self.default_grade) else self.default_grade
            )
        else:
            raise ModelError("fake model: no scripted reply left")
        if isinstance(reply, Exception):
            raise reply
        text = reply if isinstance(reply, str) else json.dumps(reply)
        if on_text:
            for i in range(0, len(text), 7):
                on_text(text[i : i + 7])
        return text


def grade(
    verdict: str, score: int, feedback: str = "", missing: list[str] | None = None
) -> dict[str, Any]:
    """A well-formed grader reply for scripting."""
    return {
        "verdict": verdict,
        "score": score,
        "feedback": feedback or f"That answer is {verdict}.",
        "missing": missing or [],
        "clarity": "clear",
        "relevance": "relevant",
        "communication": "fine",
    }
