"""A scripted ChatModel for fast tests and demos: replies from lists, streamed in small pieces."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from interbot_tui.core.ports import ChoicesUnsupported, Message, ModelError, TextSink

Reply = str | dict[str, Any] | Exception
# Scores for ChoiceScorer calls: (messages, choices, prefix) -> one weight per choice.
Judge = Callable[[list[Message], Sequence[str], str], Sequence[float]]


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
        judge: Judge | None = None,
        replies: Iterable[Reply] = (),
    ) -> None:
        self.grades = list(grades)
        self.questions = list(questions)
        self.default_grade = default_grade
        self.judge = judge  # without one, choice_probabilities is unsupported (JSON grading)
        self.replies = list(replies)  # free-text replies (no schema), e.g. feedback sentences
        self.calls: list[tuple[list[Message], dict[str, Any] | None]] = []
        self.choice_calls: list[tuple[list[Message], list[str], str]] = []

    def choice_probabilities(
        self, messages: list[Message], choices: Sequence[str], *, prefix: str = ""
    ) -> list[float]:
        """The judge's weights for the choices, normalised; unsupported without a judge."""
        if self.judge is None:
            raise ChoicesUnsupported("fake model: no judge scripted")
        self.choice_calls.append((messages, list(choices), prefix))
        weights = [max(float(w), 0.0) for w in self.judge(messages, choices, prefix)]
        if len(weights) != len(choices):
            raise ModelError(f"fake judge gave {len(weights)} weights for {len(choices)} choices")
        total = sum(weights)
        if total <= 0:
            return [1 / len(choices)] * len(choices)
        return [w / total for w in weights]

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
        if schema is None and self.replies:
            queue = self.replies
        else:
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
