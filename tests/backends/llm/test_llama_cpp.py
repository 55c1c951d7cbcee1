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


# --- the model file removed or replaced while the model is loaded ---------------------------------


class RecordingLlama(StandInLlama):
    opened: list[dict[str, Any]] = []

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        RecordingLlama.opened.append(kw)


@pytest.fixture
def on_disk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[LlamaCppChatModel, Path]:
    import llama_cpp

    RecordingLlama.opened.clear()
    monkeypatch.setattr(llama_cpp, "Llama", RecordingLlama)
    path = tmp_path / "m.gguf"
    path.write_bytes(b"GGUF" + b"\0" * 64)
    return LlamaCppChatModel(path, n_ctx=512), path


def test_weights_are_copied_into_memory_not_mapped(on_disk: tuple[LlamaCppChatModel, Path]) -> None:
    """A mapped file overwritten or truncated in place would change the weights under a running
    model or kill the process with SIGBUS; a private copy is immune (see model_file.py)."""
    [opened] = RecordingLlama.opened
    assert opened["use_mmap"] is False


def test_a_removed_model_file_is_said_once_it_is_gone(
    on_disk: tuple[LlamaCppChatModel, Path],
) -> None:
    from interbot_tui.backends.llm.model_file import FileBacked

    model, path = on_disk
    assert isinstance(model, FileBacked)
    assert model.file_change() is None
    path.unlink()
    change = model.file_change()
    assert change is not None and str(path) in change and "was removed" in change
    assert "goes on with the model already loaded" in change and "reinstall" in change
    assert model.count_tokens("still works") == 2  # the loaded model is untouched


@pytest.mark.parametrize("how", ["renamed over", "overwritten in place"])
def test_a_replaced_model_file_is_said(on_disk: tuple[LlamaCppChatModel, Path], how: str) -> None:
    import os

    model, path = on_disk
    if how == "renamed over":  # as `interbot models install --force` does
        new = path.with_name("new.gguf")
        new.write_bytes(b"GGUF" + b"\1" * 64)
        new.replace(path)
    else:  # as `cp other.gguf m.gguf` does: same inode, new bytes
        inode = path.stat().st_ino
        with path.open("r+b") as f:
            f.truncate(10)
        os.utime(path, ns=(1, 1))
        assert path.stat().st_ino == inode
    change = model.file_change()
    assert change is not None and "was replaced or changed" in change
    assert "next start loads the new file and checks it first" in change


def test_after_removal_the_next_start_says_how_to_get_the_model_back(tmp_path: Path) -> None:
    from interbot_tui.backends.llm.factory import load_chat_model

    path = tmp_path / "gone.gguf"
    with pytest.raises(ModelError, match=r"--model .*gone\.gguf.* is neither a known model"):
        load_chat_model(str(path), tmp_path)
    with pytest.raises(ModelError, match=r"smollm2-135m is missing .* models install smollm2-135m"):
        load_chat_model("smollm2-135m", tmp_path)
