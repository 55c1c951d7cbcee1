"""The conversation persona mode keeps under a token budget.

Each answer's prompt is the system message (instructions, resume passages, examples: never
summarised or removed), the conversation so far, and the question. When that goes over the
budget, the oldest exchanges are summarised by the model into at most `summary_tokens`, and the
summary takes their place; the next time, the summary and the next oldest are summarised
together. Enough is folded at once to get well under the budget (`low_water`), so the model is
asked for a summary rarely, not at every answer. If it is still over (or the model could not
summarise), the oldest exchanges are dropped, then the summary.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

from interbot_tui.core.ports import ModelError

log = logging.getLogger("interbot.persona")

MESSAGE_OVERHEAD = 6  # tokens a chat template adds around each message (role, markers)
SUMMARY_TOKENS = 200
CHARS_PER_TOKEN = 3.5  # the estimate for models that cannot count their tokens


def estimate_tokens(text: str) -> int:
    """A model-free token count: about 3.5 characters a token for English and code."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


@dataclass(frozen=True)
class Exchange:
    """One question and the candidate's answer to it."""

    question: str
    answer: str


Counter = Callable[[str], int]
# (the summary so far, "" at first; the exchanges to fold in) -> the new summary.
Summariser = Callable[[str, list[Exchange]], str]


class ContextWindow:
    """The exchanges and summary that fit, next to `fixed_tokens` of system message and question.

    Not thread-safe: its owner (the persona session) serialises calls.
    """

    def __init__(
        self,
        budget_tokens: int,
        count: Counter,
        summarise: Summariser,
        *,
        summary_tokens: int = SUMMARY_TOKENS,
        low_water: float = 0.7,
        keep_recent: int = 1,
    ) -> None:
        self.budget_tokens = budget_tokens
        self.count = count
        self.summarise = summarise
        self.summary_tokens = summary_tokens
        self.low_water = low_water
        self.keep_recent = keep_recent  # the latest exchanges kept word for word when summarising
        self._kept: list[tuple[Exchange, int]] = []
        self._summary = ""
        self._summary_size = 0
        self.size = 0  # tokens of the context at the last `fit`: fixed part and history
        self.summaries = 0  # how many times the model summarised
        self.dropped = 0  # exchanges dropped without a summary

    @property
    def exchanges(self) -> tuple[Exchange, ...]:
        """The exchanges kept word for word, oldest first."""
        return tuple(exchange for exchange, _ in self._kept)

    @property
    def summary(self) -> str:
        """What the earlier, folded exchanges said; "" when none were folded."""
        return self._summary

    def add(self, exchange: Exchange) -> None:
        tokens = self.count(exchange.question) + self.count(exchange.answer) + 2 * MESSAGE_OVERHEAD
        self._kept.append((exchange, tokens))

    def history_tokens(self) -> int:
        summary = self._summary_size + MESSAGE_OVERHEAD if self._summary else 0
        return summary + sum(tokens for _, tokens in self._kept)

    def fit(self, fixed_tokens: int) -> int:
        """Summarise, then drop, the oldest exchanges until everything fits the budget; return
        the context size. The fixed part is never cut: if it alone is over, all history goes."""
        if self._over(fixed_tokens) and len(self._kept) > self.keep_recent:
            self._fold(fixed_tokens)
        while self._over(fixed_tokens) and self._kept:
            self._kept.pop(0)
            self.dropped += 1
        if self._over(fixed_tokens) and self._summary:
            self._summary, self._summary_size = "", 0
        self.size = fixed_tokens + self.history_tokens()
        return self.size

    def _over(self, fixed_tokens: int) -> bool:
        return fixed_tokens + self.history_tokens() > self.budget_tokens

    def _fold(self, fixed_tokens: int) -> None:
        target = int(self.budget_tokens * self.low_water)
        room = fixed_tokens + self.summary_tokens + MESSAGE_OVERHEAD
        fold: list[Exchange] = []
        while len(self._kept) > self.keep_recent and room + self._rest() > target:
            fold.append(self._kept.pop(0)[0])
        if not fold:
            return
        try:
            text = " ".join(self.summarise(self._summary, fold).split())
        except ModelError as exc:
            log.warning("could not summarise the conversation: %s", exc)
            text = ""
        summary = self._cut(text) if text else ""
        if not summary:  # no summary: the folded exchanges are dropped, the old summary stays
            self.dropped += len(fold)
            return
        self._summary, self._summary_size = summary, self.count(summary)
        self.summaries += 1

    def _rest(self) -> int:
        return sum(tokens for _, tokens in self._kept)

    def _cut(self, text: str) -> str:
        """`text` in at most `summary_tokens`, cut at a word (the model may write more)."""
        if self.count(text) <= self.summary_tokens:
            return text
        words = text.split()
        low, high = 0, len(words)  # the most words that fit, by halving
        while low < high:
            middle = (low + high + 1) // 2
            if self.count(" ".join(words[:middle]) + "…") <= self.summary_tokens:
                low = middle
            else:
                high = middle - 1
        return " ".join(words[:low]) + "…" if low else ""
