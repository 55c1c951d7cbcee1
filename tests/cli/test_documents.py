"""--resume and --jd: checked, passed to the app, read for `interbot plain`, refused elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import interbot_tui.cli.interview as interview_cli
from interbot_tui.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_app_gets_the_documents(data_dir: Path, app_kwargs: dict[str, Any]) -> None:
    seen = app_kwargs
    resume, jd = str(EXAMPLES / "resume.md"), str(EXAMPLES / "job.md")
    assert main(["--text", "--resume", resume, "--jd", jd]) == 0
    assert seen["documents"].resume == resume and seen["documents"].job == jd
    assert main(["--text"]) == 0
    assert seen["documents"] is None  # the setup form starts with the remembered ones


def test_a_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plain", "--resume", str(tmp_path / "cv.pdf"), "--questions", "1"]) == 2
    err = capsys.readouterr().err
    assert "--resume" in err and "no such file" in err


def test_documents_are_for_the_interview_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--resume", str(EXAMPLES / "resume.md"), "history"]) == 2
    assert "--resume applies to the full-screen app only" in capsys.readouterr().err


def test_plain_reads_them_says_what_it_read_and_grounds_the_plan(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    launched: list[Any] = []
    monkeypatch.setattr(
        interview_cli,
        "plain_session",
        lambda settings, profile, *, seed, launch: launched.append(launch) or 0,
    )
    argv = ["plain", "--resume", str(EXAMPLES / "resume.md"), "--jd", str(EXAMPLES / "job.md")]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "Resume:" in err and "Job:" in err and "Not on your resume: " in err
    grounding = launched[0].grounding
    assert grounding.resume.claims and grounding.job.must_haves
    assert "Apache Iceberg" in grounding.gaps()
    kept = data_dir / "documents" / "resume.txt"
    assert kept.stat().st_mode & 0o777 == 0o600
