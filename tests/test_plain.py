"""Plain mode: lines in, lines out, same engine and store as the TUI."""

from __future__ import annotations

import io
from pathlib import Path

from interbot_tui.core.profile import Mode, Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.plain import run_plain
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel, grade

LONG = (
    "It is a complete answer: what it is, why it matters, how I used it in production last "
    "year and what I measured before and after the change went live."
)


def run(
    banks: list[Bank], data_dir: Path, lines: list[str], model: FakeChatModel, **kw: object
) -> str:
    out = io.StringIO()
    run_plain(
        Profile(role="Backend engineer", **kw),
        banks,
        model,
        Store(data_dir),  # type: ignore[arg-type]
        seed=3,
        stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
        stdout=out,
    )
    return out.getvalue()


def test_full_plain_interview(banks: list[Bank], data_dir: Path) -> None:
    model = FakeChatModel(
        [
            grade("correct", 9, "Nice."),
            grade("partial", 5, "Say more."),
            grade("incorrect", 2, "No."),
        ]
    )
    text = run(banks, data_dir, [LONG, LONG, LONG], model, questions=2)
    assert "Question 1/2" in text and "Question 2/2" in text
    assert "Verdict: correct (9/10)" in text and "Feedback: Nice." in text
    assert (
        "Interviewer: Hint:" in text and "Interviewer: Here is what a strong answer covers:" in text
    )
    assert "Accuracy: 1/2 (50%)" in text
    assert text.rstrip().splitlines()[-1] == "Session: 1"
    assert "\x1b" not in text  # no colour or cursor codes


def test_end_of_input_finishes_with_report(banks: list[Bank], data_dir: Path) -> None:
    text = run(
        banks, data_dir, [LONG], FakeChatModel(default_grade=grade("correct", 9)), questions=5
    )
    assert "Accuracy: 1/1 (100%)" in text and "Session: 1" in text
    assert Store(data_dir).sessions()[0].status == "finished"


def test_finish_command_and_strict_mode(banks: list[Bank], data_dir: Path) -> None:
    model = FakeChatModel(default_grade=grade("incorrect", 2, "Wrong."))
    text = run(
        banks, data_dir, [LONG, "finish interview", LONG], model, questions=5, mode=Mode.STRICT
    )
    assert "Verdict:" not in text and "Feedback:" not in text and "Hint:" not in text
    assert "Accuracy: 0/1 (0%)" in text
