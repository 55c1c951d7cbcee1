"""Choosing the sentence encoder: by catalog name, by directory, and clear errors otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from interbot_tui.backends.embeddings.factory import load_encoder, resolve_encoder
from interbot_tui.core.ports import ModelError
from tests.backends.embeddings.tiny_bert import HIDDEN, write_tiny_bert


def test_a_missing_encoder_names_the_install_command(tmp_path: Path) -> None:
    for spec in (None, "minilm-l6-v2"):
        with pytest.raises(ModelError, match="`interbot models install minilm-l6-v2`"):
            load_encoder(spec, tmp_path / "models")


def test_a_damaged_encoder_says_to_reinstall(tmp_path: Path) -> None:
    folder = tmp_path / "models" / "minilm-l6-v2"
    write_tiny_bert(folder)  # the right file names, not the catalog's sizes
    with pytest.raises(ModelError, match=r"damaged.*install minilm-l6-v2 --force"):
        load_encoder(None, tmp_path / "models")


def test_a_directory_loads_and_anything_else_is_refused(tmp_path: Path) -> None:
    folder = write_tiny_bert(tmp_path / "my-encoder")
    encoder = load_encoder(str(folder), tmp_path / "models")
    assert encoder.name == "my-encoder" and encoder.encode(["alpha"]).shape == (1, HIDDEN)
    with pytest.raises(ModelError, match="neither a known sentence encoder"):
        resolve_encoder(str(tmp_path), tmp_path / "models")
    with pytest.raises(ModelError, match="is a llm model, not a sentence encoder"):
        resolve_encoder("smollm2-135m", tmp_path / "models")
