"""LlamaCppChatModel counts tokens with the model's own tokenizer, under its lock, and says the
context size it was opened with (a stand-in Llama: no weights are loaded)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from interbot_tui.backends.llm.llama_cpp import LlamaCppChatModel
from interbot_tui.core.ports import ModelError, TokenCounter


class StandInLlama:
    def __init__(self, *, model_path: str, n_ctx: int, **_: Any) -> None:
        self._n_ctx = n_ctx
        self.calls: list[tuple[bytes, bool, bool]] = []

    def n_ctx(self) -> int:
        return self._n_ctx

    def tokenize(self, text: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
        self.calls.append((text, add_bos, special))
        return list(range(len(text.split())))


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> LlamaCppChatModel:
    import llama_cpp

    monkeypatch.setattr(llama_cpp, "Llama", StandInLlama)
    return LlamaCppChatModel(tmp_path / "m.gguf", n_ctx=2048)


def test_counts_with_the_tokenizer_and_knows_its_context(model: LlamaCppChatModel) -> None:
    assert isinstance(model, TokenCounter)
    assert model.context_size == 2048
    assert model.count_tokens("three little words") == 3
    assert model._llm.calls == [(b"three little words", False, False)]


def test_counting_waits_for_a_call_in_progress(model: LlamaCppChatModel) -> None:
    counted: list[int] = []
    with model._lock:  # as a chat call holds it
        worker = threading.Thread(target=lambda: counted.append(model.count_tokens("a b")))
        worker.start()
        worker.join(0.2)
        assert counted == []  # still waiting
    worker.join(5)
    assert counted == [2]


def test_a_closed_model_does_not_count(model: LlamaCppChatModel) -> None:
    model.close()
    with pytest.raises(ModelError, match="closed"):
        model.count_tokens("a")
