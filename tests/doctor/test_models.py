"""The chat and speech models: found, missing or damaged, never loaded."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from interbot_tui.doctor import exit_code, models


def test_missing_language_model_names_the_install_command(tmp_path: Path) -> None:
    check = models.check_language_model(tmp_path)
    assert not check.ok and not check.optional
    assert "not installed" in check.detail
    assert "interbot models install qwen2.5-coder-1.5b" in check.fix
    assert "Install it with" not in check.detail


def test_language_model_given_as_a_path_is_not_loaded(tmp_path: Path) -> None:
    model = tmp_path / "mine.gguf"
    model.write_bytes(b"not even a real model: doctor must not load it")
    check = models.check_language_model(tmp_path, str(model))
    assert check.ok and str(model) in check.detail


def test_bogus_language_model_spec(tmp_path: Path) -> None:
    check = models.check_language_model(tmp_path, "no-such-model")
    assert not check.ok
    assert "neither a known model" in check.detail
    assert "interbot models list" in check.fix


def test_missing_speech_model_names_the_install_command(tmp_path: Path) -> None:
    check = models.check_speech_model(tmp_path)
    assert not check.ok and check.optional
    assert "interbot models install" in check.fix
    assert exit_code([check]) == 0


def test_speech_model_directory_and_missing_faster_whisper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "model.bin").write_bytes(b"x")
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # import now raises ImportError
    check = models.check_speech_model(tmp_path / "models", str(tmp_path))
    assert not check.ok
    assert str(tmp_path) in check.detail and "faster-whisper does not import" in check.detail
    assert check.fix == "pip install 'interbot-tui[voice]'"
