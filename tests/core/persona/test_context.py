"""The context budget: the oldest exchanges are summarised (at most 200 tokens), the summary is
folded again with the next oldest, then exchanges are dropped; the fixed part is never cut."""

from __future__ import annotations

import pytest

from interbot_tui.core.persona.context import (
    MESSAGE_OVERHEAD,
    ContextWindow,
    Exchange,
    estimate_tokens,
)
from interbot_tui.core.ports import ModelError


def words(text: str) -> int:
    return len(text.split())


class Summariser:
    def __init__(self, reply: str = "They talked about pipelines.", fail: bool = False) -> None:
        self.calls: list[tuple[str, list[Exchange]]] = []
        self.reply = reply
        self.fail = fail

    def __call__(self, earlier: str, exchanges: list[Exchange]) -> str:
        self.calls.append((earlier, list(exchanges)))
        if self.fail:
            raise ModelError("the model failed")
        return self.reply


def exchange(i: int, size: int = 20) -> Exchange:
    return Exchange(
        f"question {i} " + "q " * (size // 2 - 2), f"answer {i} " + "a " * (size // 2 - 2)
    )


def per_exchange(size: int = 20) -> int:
    return size + 2 * MESSAGE_OVERHEAD


def test_under_budget_nothing_changes() -> None:
    summarise = Summariser()
    window = ContextWindow(1000, words, summarise)
    for i in range(5):
        window.add(exchange(i))
    assert window.fit(100) == 100 + 5 * per_exchange()
    assert len(window.exchanges) == 5 and window.summary == "" and summarise.calls == []
    assert window.size == 100 + 5 * per_exchange()


def test_over_budget_the_oldest_are_summarised_under_the_low_water_mark() -> None:
    summarise = Summariser()
    window = ContextWindow(300, words, summarise, summary_tokens=20)
    for i in range(8):  # 8 x 32 = 256 tokens of history
        window.add(exchange(i))
    size = window.fit(100)
    assert size <= 300
    [(earlier, folded)] = summarise.calls
    # Folded until fixed + a full summary + the rest is under 70% of the budget: 2 stay.
    assert earlier == "" and folded == [exchange(i) for i in range(6)]  # the oldest
    assert window.exchanges == (exchange(6), exchange(7))  # word for word, in order
    assert window.summary == "They talked about pipelines." and window.summaries == 1
    assert size == 100 + words(window.summary) + MESSAGE_OVERHEAD + 2 * per_exchange()


def test_the_summary_is_folded_again_with_the_next_oldest() -> None:
    summarise = Summariser()
    window = ContextWindow(300, words, summarise, summary_tokens=20)
    for i in range(8):
        window.add(exchange(i))
    window.fit(100)
    for i in range(8, 16):
        window.add(exchange(i))
    window.fit(100)
    assert len(summarise.calls) == 2
    earlier, folded = summarise.calls[1]
    assert earlier == "They talked about pipelines." and folded[0] == exchange(
        len(summarise.calls[0][1])
    )


def test_a_long_summary_is_cut_to_the_summary_budget() -> None:
    window = ContextWindow(2000, words, Summariser("word " * 500), summary_tokens=200)
    for i in range(80):
        window.add(exchange(i))
    window.fit(100)
    assert words(window.summary) <= 200 and window.summary.endswith("…")


def test_when_summarising_fails_the_oldest_are_dropped() -> None:
    summarise = Summariser(fail=True)
    window = ContextWindow(300, words, summarise)
    for i in range(8):
        window.add(exchange(i))
    assert window.fit(100) <= 300
    assert window.summary == "" and window.dropped >= 1 and window.exchanges[-1] == exchange(7)


def test_still_over_drops_exchanges_then_the_summary_never_the_fixed_part() -> None:
    window = ContextWindow(300, words, Summariser())
    for i in range(4):
        window.add(exchange(i, size=100))  # each exchange alone is a third of the budget
    size = window.fit(180)
    assert size <= 300 and window.exchanges == ()  # the latest went too: it did not fit
    assert window.fit(400) == 400  # the fixed part alone is over: all history goes, it stays
    assert window.summary == ""


def test_keeps_the_latest_exchange_when_it_fits() -> None:
    window = ContextWindow(300, words, Summariser())
    for i in range(10):
        window.add(exchange(i))
    window.fit(150)
    assert window.exchanges and window.exchanges[-1] == exchange(9)


@pytest.mark.parametrize(("text", "tokens"), [("", 0), ("abc", 1), ("a" * 35, 10), ("a" * 36, 11)])
def test_estimate(text: str, tokens: int) -> None:
    assert estimate_tokens(text) == tokens
