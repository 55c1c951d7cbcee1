"""`interbot history` and `interbot report`: listing, exports, the data dir, clear errors."""

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


def test_html_report_draws_the_role_progress_up_to_that_session(
    banks: list[Bank], data_dir: Path, tmp_path: Path
) -> None:
    seed_session(banks, data_dir)
    seed_session(banks, data_dir)
    out = tmp_path / "r.html"
    assert main(["report", "2", "--format", "html", "-o", str(out)]) == 0
    page = out.read_text()
    assert "<svg" in page and "Progress over 2 sessions" in page
    assert "Compared with earlier sessions" in page and "last time" in page
    assert main(["report", "1", "--format", "html", "-o", str(out)]) == 0
    assert "<svg" not in out.read_text()  # one session up to then: nothing to draw
