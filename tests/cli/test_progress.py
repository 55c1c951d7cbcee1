"""`interbot progress`, `interbot forget` and the scores `interbot history --json` gained."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from interbot_tui.cli import main
from interbot_tui.core.profile import Profile
from interbot_tui.private_files import write_private_text
from interbot_tui.store.sessions import Store
from tests.core.progress._sessions import all_sessions


def seed(data_dir: Path) -> None:
    """The hand-worked sessions of tests/core/progress, stored with their start times."""
    store = Store(data_dir)
    for s in sorted(all_sessions(), key=lambda s: s.id):
        recorder = store.start_session(Profile(role=s.role), "fake")
        store.db.execute(
            "UPDATE sessions SET started_at = ? WHERE id = ?", (s.started_at, recorder.session_id)
        )
        for turn in s.turns:
            recorder.record_turn(turn)
    store.close()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_with_no_sessions_says_how_to_start(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress"]) == 0
    assert "No answered sessions yet. Start one with `interbot`" in capsys.readouterr().out
    assert main(["progress", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sessions"] == []


def test_progress_text_fits_80_columns_without_colour(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    assert main(["progress", "--role", "BACKEND"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80 and "\x1b" not in out
    assert lines[0].startswith("Progress: 3 sessions") and 'roles containing "BACKEND"' in lines[0]
    assert "Data scientist" not in out
    # The behavioural row: latest 100%, rising, +100 points since the session of day 3.
    behavioural = next(line for line in lines if line.startswith("  behavioural "))
    assert "100% ↑ +100" in behavioural
    assert "STAR parts present in behavioural answers: 100% ↑ +25" in out
    assert "fillers a minute        1.0 ↓ -2.0" in out
    practise = out[out.index("Practise next:") :]
    assert practise.index("Say what was learned (missed 2 of 3") < practise.index("X snapshots")
    assert "right last time" in practise


def test_progress_json_and_a_role_that_matches_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    assert main(["progress", "--role", "backend", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in data["sessions"]] == [1, 2, 3]  # session 5 has no answers
    assert data["overall"]["star"]["since_week_ago"] == 0.25
    assert data["weak_areas"]["questions"][0]["question_id"] == "beh-conflict"
    assert main(["progress", "--role", "nurse"]) == 0
    assert 'No answered sessions for a role containing "nurse"' in capsys.readouterr().out


def test_history_json_gains_mean_score_and_first_try(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    assert main(["history", "--json"]) == 0
    entries = {e["id"]: e for e in json.loads(capsys.readouterr().out)}
    first = entries[1]
    assert {"id", "started", "role", "topic", "status", "questions", "correct", "accuracy"} <= set(
        first
    )
    assert first["mean_score"] == round(19 / 3, 2) and first["first_try"] == round(1 / 3, 4)
    assert entries[5]["mean_score"] is None and entries[5]["first_try"] is None


def test_forget_refuses_without_yes_off_a_terminal(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(data_dir)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # a pipe: "y" is not a confirmation
    assert main(["forget", "--session", "1"]) == 2
    assert "add --yes" in capsys.readouterr().err
    assert len(Store(data_dir).sessions()) == 5


def test_forget_asks_on_a_terminal(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(data_dir)
    write_private_text(data_dir / "exports" / "session-1.md", "report")
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(["forget", "--session", "1"]) == 1
    out = capsys.readouterr().out
    assert "Forget session 1 (Backend engineer, " in out and "[y/N]" in out
    assert "Nothing forgotten." in out and len(Store(data_dir).sessions()) == 5

    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    assert main(["forget", "--session", "1"]) == 0
    out = capsys.readouterr().out
    assert "Forgot 1 session (1), 4 answers, 0 recordings, 1 export." in out
    assert "removed exports/session-1.md" in out
    assert [s.id for s in Store(data_dir).sessions()] == [2, 3, 4, 5]


def test_forget_all_with_yes_and_an_unknown_session(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    assert main(["forget", "--session", "42", "--yes"]) == 2
    assert "no session 42" in capsys.readouterr().err
    assert main(["forget", "--all", "--yes"]) == 0
    assert "Forgot 5 sessions (1, 2, 3, 4, 5), 10 answers," in capsys.readouterr().out
    assert main(["progress"]) == 0
    assert "No answered sessions yet" in capsys.readouterr().out


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "\n    progress " in out and "\n    forget " in out
    with pytest.raises(SystemExit) as exit_:
        main(["forget"])
    assert exit_.value.code == 2  # --session or --all is required


def test_progress_html_writes_a_private_page_with_charts(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    out = tmp_path / "exports" / "progress.html"
    assert main(["progress", "--role", "backend", "--html", str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote progress over 3 sessions to {out}\n"
    assert out.stat().st_mode & 0o777 == 0o600
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.count("<svg") >= 4
    accuracy = page[page.index("<svg") : page.index("</svg>")]
    assert accuracy.count("<circle") == 3  # one point per backend session
    assert "Data scientist" not in page and "Practise next:" in page
    with pytest.raises(SystemExit) as exit_:
        main(["progress", "--json", "--html", str(out)])
    assert exit_.value.code == 2  # one output at a time
    assert main(["progress", "--html", str(tmp_path)]) == 2  # a folder: a clear error
    assert "cannot write" in capsys.readouterr().err
