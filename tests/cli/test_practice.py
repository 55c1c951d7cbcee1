"""`interbot resume`, `retry` and `practice --weak`: clear refusals, plain runs, the app's launch,
and history's attempt links."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from interbot_tui.cli import main
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.plain import run_plain
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel, grade

WORDS = "word " * 40


def seed_session(banks: list[Bank], data_dir: Path, verdict: str = "incorrect") -> None:
    run_plain(
        Profile(role="Data scientist", questions=3),
        banks,
        FakeChatModel(default_grade=grade(verdict, 2 if verdict == "incorrect" else 9)),
        Store(data_dir),
        seed=1,
        stdin=io.StringIO((WORDS + "\n") * 6),
        stdout=io.StringIO(),
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["resume"], "no interrupted interview to resume"),
        (["resume", "4"], "no session 4"),
        (["retry", "3", "1"], "no session 3"),
        (["practice", "--weak", "--plain"], "nothing to practise yet"),
    ],
)
def test_refusals_say_what_to_do(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_finished_sessions_are_not_resumed_and_practice_needs_weak(
    banks: list[Bank], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_session(banks, data_dir)
    assert main(["resume", "1"]) == 2
    assert "finished: nothing to resume. `interbot retry 1 N`" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["practice"])  # --weak is the only practice there is, and it is asked for


def test_retry_and_practice_open_the_app_on_that_session(
    banks: list[Bank],
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    app_kwargs: dict[str, Any],
) -> None:
    seen = app_kwargs
    seed_session(banks, data_dir)
    assert main(["retry", "1", "2", "--text"]) == 0
    assert seen["prepared"].launch.kind == "retry" and seen["text_only"] is True
    import interbot_tui.store.practice as practice

    later = practice.time.time() + 86400  # a missed question comes back after a short break
    monkeypatch.setattr(practice.time, "time", lambda: later)
    assert main(["practice", "--weak", "--questions", "3", "--role", "data"]) == 0
    plan = seen["prepared"].launch.plan
    assert seen["prepared"].launch.kind == "practice" and len(plan) == 3


def test_history_json_has_the_attempt_links(
    banks: list[Bank],
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seed_session(banks, data_dir)
    store = Store(data_dir)
    from interbot_tui.session.launches import retry_launch

    prepared = retry_launch(store, 1, 2)
    run_plain(
        prepared.profile,
        banks,
        FakeChatModel(default_grade=grade("correct", 9)),
        store,
        launch=prepared.launch,
        stdin=io.StringIO(WORDS + "\n"),
        stdout=io.StringIO(),
    )
    capsys.readouterr()
    assert main(["history", "--json"]) == 0
    first, retry = json.loads(capsys.readouterr().out)
    assert first["repeats"] == [] and first["kind"] == "interview"
    assert retry["kind"] == "retry"
    assert retry["repeats"] == [{"number": 1, "repeats_session": 1, "repeats_number": 2}]
    assert main(["history"]) == 0
    assert "finished · retry" in capsys.readouterr().out.splitlines()[-1]
