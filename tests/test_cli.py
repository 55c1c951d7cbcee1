"""The `interbot` command: subcommands, exit codes and messages (no model needed)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from interbot_tui.cli import main
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.plain import run_plain
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel, grade


def seed_session(banks: list[Bank], data_dir: Path) -> None:
    import io

    run_plain(
        Profile(role="Data scientist", questions=2),
        banks,
        FakeChatModel(default_grade=grade("correct", 9, "Good.")),
        Store(data_dir),
        seed=1,
        stdin=io.StringIO(("word " * 40 + "\n") * 2),
        stdout=io.StringIO(),
    )


def test_history_and_report(
    banks: list[Bank], data_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["history"]) == 0
    assert "No sessions yet" in capsys.readouterr().out
    seed_session(banks, data_dir)
    assert main(["history", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert {k: entry[k] for k in ("id", "role", "questions", "accuracy")} == {
        "id": 1,
        "role": "Data scientist",
        "questions": 2,
        "accuracy": 1.0,
    }
    assert main(["report", "1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (
        data["session"] == 1
        and len(data["turns"]) == 2
        and data["turns"][0]["verdict"] == "correct"
    )
    out = tmp_path / "r.html"
    assert main(["report", "1", "--format", "html", "-o", str(out)]) == 0
    assert (
        out.read_text().startswith("<!doctype html>") and stat.S_IMODE(out.stat().st_mode) == 0o600
    )
    assert main(["report", "1"]) == 0
    assert "# Interview report" in capsys.readouterr().out


def test_data_dir_flag_overrides_env(
    banks: list[Bank], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "elsewhere"
    seed_session(banks, other)
    assert main(["history", "--data-dir", str(other)]) == 0
    assert "Data scientist" in capsys.readouterr().out
    assert main(["--data-dir", str(other), "history"]) == 0
    assert "Data scientist" in capsys.readouterr().out


def test_unknown_session_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "9"]) == 2
    assert "no session 9" in capsys.readouterr().err


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


def test_plain_with_missing_model_file_says_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["plain", "--model", str(tmp_path / "nope.gguf"), "--questions", "1"]) == 2
    err = capsys.readouterr().err
    assert "nope.gguf" in err and "neither a known model" in err and "Traceback" not in err


def test_plain_rejects_bad_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plain", "--questions", "40"]) == 2
    assert "questions must be 1–25" in capsys.readouterr().err


def test_where(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["where"]) == 0
    assert str(data_dir / "history.sqlite3") in capsys.readouterr().out
