"""A chat model for persona tests: counts tokens as words, records every prompt it saw, streams
its replies word by word, and fails like llama.cpp when a prompt would overflow its context."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from interbot_tui.core.ports import Message, ModelError, TextSink

OVERHEAD = 6  # tokens per message, as core.persona.context counts them


def words(text: str) -> int:
    return len(text.split())


class CountingChatModel:
    """`replies` answer the questions in order (then `answer(messages)`, then a stock answer);
    a summary request gets `summary` (an Exception is raised)."""

    name = "counting-fake"

    def __init__(
        self,
        *,
        context_size: int = 4096,
        replies: Iterable[str | Exception] = (),
        answer: Callable[[list[Message]], str] | None = None,
        summary: str | Exception = "The candidate talked about pipelines at Freightline.",
    ) -> None:
        self.context_size = context_size
        self.replies = list(replies)
        self.answer = answer
        self.summary = summary
        self.calls: list[list[Message]] = []  # answer prompts
        self.summary_calls: list[list[Message]] = []
        self.streamed: list[str] = []
        self._inside = threading.Lock()

    def count_tokens(self, text: str) -> int:
        return words(text)

    def prompt_tokens(self, messages: list[Message]) -> int:
        return sum(words(m["content"]) + OVERHEAD for m in messages)

    def chat(
        self,
        messages: list[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 256,
        temperature: float = 0.2,
        on_text: TextSink | None = None,
    ) -> str:
        if not self._inside.acquire(blocking=False):
            raise AssertionError("the model was entered by two threads at once")
        try:
            if self.prompt_tokens(messages) + max_tokens > self.context_size:
                raise ModelError(f"prompt of {self.prompt_tokens(messages)} tokens overflows")
            if messages[0]["content"].startswith("Summarise"):
                self.summary_calls.append(messages)
                reply: str | Exception = self.summary
            else:
                self.calls.append(messages)
                if self.replies:
                    reply = self.replies.pop(0)
                elif self.answer is not None:
                    reply = self.answer(messages)
                else:
                    reply = f"I built pipelines at Freightline, answer {len(self.calls)}."
            if isinstance(reply, Exception):
                raise reply
            for word in reply.split(" "):
                piece = word + " "
                self.streamed.append(piece)
                if on_text is not None:
                    on_text(piece)
            return reply
        finally:
            self._inside.release()
