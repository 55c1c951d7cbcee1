"""The parser as a whole: --help, each flag on its own command, settings errors, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from interbot_tui.cli import main

COMMANDS = ["plain", "history", "report", "models", "banks", "say", "transcribe", "expression",
            "doctor", "where", "config", "bench", "eval-grader", "fit-grader"]  # fmt: skip


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert all(f"\n    {name} " in out for name in COMMANDS), out
    assert "camera (full-screen app)" in out


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "interbot_tui", "--help"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("usage: interbot")


@pytest.mark.parametrize(
    ("argv", "flag", "command"),
    [
        (["--camera", "1", "history"], "--camera", "history"),
        (["--text", "plain"], "--text", "plain"),
        (["--no-camera", "where"], "--no-camera", "where"),
        (["--mute", "say", "hi"], "--mute", "say"),
        (["--mic-file", "a.wav", "report", "1"], "--mic-file", "report"),
    ],
)
def test_app_flags_are_refused_with_a_command(
    argv: list[str], flag: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"interbot: {flag} applies to the full-screen app only (`interbot {flag} …` with no "
        f"command); `interbot {command}` does not take it\n"
    )


def test_speech_flags_before_say_still_apply(capsys: pytest.CaptureFixture[str]) -> None:
    """`say` takes --rate, so `interbot --rate N say` is not refused: the value is checked."""
    assert main(["--rate", "20", "say", "hi"]) == 2
    assert capsys.readouterr().err == "interbot: --rate must be 80–400 words per minute\n"


def test_common_flags_work_before_and_after_the_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for argv in (["--language", "de", "config"], ["config", "--language", "de"]):
        assert main([*argv, "--json"]) == 0
        assert '"value": "de"' in capsys.readouterr().out


def test_a_broken_config_file_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], config_file: Path
) -> None:
    config_file.parent.mkdir()
    config_file.write_text('model = "x"\nrate = \n')
    assert main(["history"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"interbot: {config_file}:2: not valid TOML")


def test_a_bad_value_in_the_config_names_file_key_and_fix(
    capsys: pytest.CaptureFixture[str], config_file: Path
) -> None:
    config_file.parent.mkdir()
    config_file.write_text("\nvolume = 3\n")
    assert main(["where"]) == 2
    assert capsys.readouterr().err == (
        f"interbot: {config_file}:2: volume must be between 0 and 1 (it is 3). "
        "Fix the value, or delete the line.\n"
    )


def test_unknown_config_keys_warn_and_go_on(
    capsys: pytest.CaptureFixture[str], config_file: Path
) -> None:
    config_file.parent.mkdir()
    config_file.write_text("theme = 'dark'\n")
    assert main(["history"]) == 0
    captured = capsys.readouterr()
    assert "No sessions yet" in captured.out
    assert captured.err.startswith(f"interbot: warning: {config_file}:1: unknown setting 'theme'")
