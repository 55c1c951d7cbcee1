"""Choosing a model: missing, damaged or bogus files give a message that names the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from interbot_tui.backends.llm.factory import load_chat_model, resolve_model
from interbot_tui.core.ports import ModelError


def test_missing_default_model_names_the_install_command(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as info:
        resolve_model(None, tmp_path)
    message = str(info.value)
    assert "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf" in message
    assert "interbot models install qwen2.5-coder-1.5b" in message


def test_truncated_model_is_reported_as_damaged(tmp_path: Path) -> None:
    (tmp_path / "SmolLM2-135M-Instruct.Q4_1.gguf").write_bytes(b"GGUF" * 10)
    with pytest.raises(ModelError, match=r"damaged.*--force"):
        resolve_model("smollm2-135m", tmp_path)


def test_a_path_that_is_not_a_gguf_fails_cleanly(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.gguf"
    bogus.write_text("this is not a model")
    with pytest.raises(ModelError, match=r"could not load the model file .*notes\.gguf"):
        load_chat_model(str(bogus), tmp_path)


def test_system_prompt_is_folded_for_templates_without_a_system_role() -> None:
    from interbot_tui.backends.llm.llama_cpp import fold_system

    folded = fold_system(
        [{"role": "system", "content": "Rules."}, {"role": "user", "content": "Q"}]
    )
    assert folded == [{"role": "user", "content": "Rules.\n\nQ"}]
    assert fold_system([{"role": "system", "content": "R"}]) == [{"role": "user", "content": "R"}]
