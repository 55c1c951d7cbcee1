"""`interbot models` and `interbot banks`."""

from __future__ import annotations

from pathlib import Path

import pytest

from interbot_tui.cli import main


def test_banks_listing_and_validation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["banks"]) == 0
    out = capsys.readouterr().out
    assert "system_design" in out and "law" in out
    bad = tmp_path / "mine.toml"
    bad.write_text("[bank]\ndomain = 'mine'\nkind = 'technical'\n[[questions]]\nid = 'm-1'\n")
    assert main(["banks", "--validate", str(bad)]) == 1
    assert f"{bad}:4: question 1: missing field 'difficulty'" in capsys.readouterr().out


def test_models_listing(capsys: pytest.CaptureFixture[str]) -> None:
    main(["models"])
    out = capsys.readouterr().out
    assert "qwen2.5-coder-1.5b" in out and "(default)" in out and "gemma-3-4b-it" in out


def test_unknown_model_name_for_install(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "install", "gpt-9"]) == 2
    assert "unknown model(s): gpt-9" in capsys.readouterr().err
