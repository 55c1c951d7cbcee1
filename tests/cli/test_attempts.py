"""`interbot compare SESSION QUESTION`: the attempts side by side in 80 columns, what changed,
`--json`, and bad ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interbot_tui.cli import main
from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.profile import Profile
from interbot_tui.store.sessions import Store
from tests.core.progress._sessions import DAY, Q1, Q2, T0, turn


def seed(data_dir: Path, sessions: int = 2) -> None:
    """Q1 in every session as question 2, scoring one more each time (up to 7) and missing one
    key point fewer (down to none)."""
    store = Store(data_dir)
    missing = ("beta point", "gamma point", "delta point")
    for i in range(sessions):
        recorder = store.start_session(Profile(role="Backend engineer"), "fake")
        recorder.record_turn(turn(1, Q2, Verdict.CORRECT, 9, at=T0 + i * DAY))
        recorder.record_turn(
            turn(2, Q1, Verdict.PARTIAL, min(4 + i, 7), missing[i:], at=T0 + i * DAY + 60)
        )
    store.close()


def test_two_attempts_side_by_side_with_what_changed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    assert main(["compare", "2", "2"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"Question 2 of session 2: {Q1.text}"
    assert max(len(line) for line in lines) <= 80
    result = next(line for line in lines if line.startswith("result"))
    assert result.split() == ["result", "partial", "4/10", "partial", "5/10"]
    assert "· beta point" in out
    said = " ".join(out.strip().split("\n\n")[-1].split())  # the last paragraph, unwrapped
    assert said.startswith("Since your last try on")
    assert "your score went up to 5/10; this time you covered beta point;" in said
    assert "you still left out gamma point." in said


def test_json_lists_every_attempt(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(data_dir, sessions=3)
    # Asked from the first session, the later tries are there too.
    assert main(["compare", "1", "2", "--json"]) == 0
    attempts = json.loads(capsys.readouterr().out)
    assert [(a["session_id"], a["score"]) for a in attempts] == [(1, 4), (2, 5), (3, 6)]
    assert attempts[2]["missed"] == ["delta point"] and attempts[0]["verdict"] == "partial"
    assert attempts[0]["answer"] == "an answer" and attempts[0]["wpm"] is None


def test_many_attempts_keep_to_80_columns(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir, sessions=5)
    assert main(["compare", "1", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[2] == "The latest 3 of 5 attempts (2 older attempts left out)."
    assert lines[3].split()[::4] == ["#3", "#4", "#5"]
    # The last two both missed nothing and scored 7: nothing to say.
    assert not any(line.startswith("Since your last try") for line in lines)


def test_a_question_answered_once_says_how_to_answer_it_again(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir, sessions=1)
    assert main(["compare", "1", "1"]) == 0
    out = capsys.readouterr().out
    assert "#1 session 1 Q1" in out and "Since your last try" not in out
    assert "Answered once so far; `interbot retry 1 1` answers it again." in out


def test_bad_ids_exit_2_with_what_exists(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    assert main(["compare", "7", "1"]) == 2
    assert "interbot: no session 7; `interbot history` lists them" in capsys.readouterr().err
    assert main(["compare", "1", "3", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "session 1 has questions 1-2; `interbot report 1` lists them" in captured.err
