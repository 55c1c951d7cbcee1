"""Plain mode with escape sequences, markup and control characters in everything it prints:
the candidate's answers, name, role and topic, bank questions and the model's output. No
escape or control reaches stdout; markup is printed as typed; the answer is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from interbot_tui.core.questions.banks import Bank
from tests.fakes.llm import FakeChatModel, grade
from tests.hostile._hostile import (
    HOSTILE,
    LONG,
    MARKUP,
    TECHNICAL,
    assert_terminal_safe,
    bank_toml,
    question,
    run,
    stored_answers,
    write_bank,
)

CASES = sorted(HOSTILE.items())


@pytest.mark.parametrize(("case", "payload"), CASES, ids=[c for c, _ in CASES])
def test_answer_is_printed_without_escapes_and_stored(
    banks: list[Bank], data_dir: Path, case: str, payload: str
) -> None:
    answer = f"{LONG} {payload} end."
    model = FakeChatModel(default_grade=grade("correct", 9, "Good."))
    out, err = run(banks, data_dir, [answer], model)
    assert_terminal_safe(out + err)
    (stored,) = stored_answers(data_dir)
    assert_terminal_safe(stored)
    assert stored.startswith(LONG) and stored.endswith("end.")  # nothing around it is lost
    grader_saw = "\n".join(m["content"] for m in model.calls[0][0])
    assert LONG in grader_saw
    assert_terminal_safe(grader_saw.replace("\n", " ").replace("\t", " "))


@pytest.mark.parametrize(("case", "payload"), sorted(MARKUP.items()), ids=sorted(MARKUP))
def test_markup_in_an_answer_is_kept_as_typed(
    banks: list[Bank], data_dir: Path, case: str, payload: str
) -> None:
    # Plain mode never echoes a typed answer: the stored answer and what the grader read are
    # as typed (the TUI's bubble is checked in test_escapes_tui).
    model = FakeChatModel(default_grade=grade("correct", 9))
    run(banks, data_dir, [f"{payload} {LONG}"], model)
    assert stored_answers(data_dir)[0] == f"{payload} {LONG}"
    assert f"{payload} {LONG}" in model.calls[0][0][1]["content"]


@pytest.mark.parametrize(("case", "payload"), CASES, ids=[c for c, _ in CASES])
@pytest.mark.parametrize("field", ["name", "role", "topic"])
def test_profile_text_is_printed_without_escapes(
    banks: list[Bank], data_dir: Path, case: str, payload: str, field: str
) -> None:
    value = f"Backend {payload} engineer" if field == "role" else f"Sam {payload}"
    model = FakeChatModel(default_grade=grade("correct", 9))
    out, err = run(banks, data_dir, [LONG], model, **{field: value})
    assert_terminal_safe(out + err)
    assert "Session: 1" in out
    if case in MARKUP and field == "name":
        assert payload in out  # the greeting names them as typed


@pytest.mark.parametrize(("case", "payload"), CASES, ids=[c for c, _ in CASES])
def test_bank_question_text_is_printed_without_escapes(
    tmp_path: Path, data_dir: Path, case: str, payload: str
) -> None:
    text = f"What does an index {payload} speed up, and what does it cost?"
    hostile = question(
        1, text, hint=f"Think of writes {payload}.", model_answer=f"Reads {payload}."
    )
    banks = write_bank(tmp_path / "banks", bank_toml([hostile]))
    # Coach mode with a wrong answer, then a retry: question, hint and model answer are shown.
    model = FakeChatModel(default_grade=grade("incorrect", 2, "Not yet."))
    out, err = run(
        banks, data_dir, ["It is a list of things.", "Still a list."], model, **TECHNICAL
    )
    assert_terminal_safe(out + err)
    assert "What does an index" in out and "Here is what a strong answer covers" in out
    if case in MARKUP:
        assert payload in out


@pytest.mark.parametrize(("case", "payload"), CASES, ids=[c for c, _ in CASES])
def test_model_feedback_is_printed_without_escapes(
    banks: list[Bank], data_dir: Path, case: str, payload: str
) -> None:
    model = FakeChatModel(
        default_grade=grade("correct", 9, f"Nice {payload} work.", missing=[f"x {payload}"])
    )
    out, err = run(banks, data_dir, [LONG], model)
    assert_terminal_safe(out + err)
    assert "Verdict: correct" in out
    if case in MARKUP:
        assert payload in out


@pytest.mark.parametrize(("case", "payload"), CASES, ids=[c for c, _ in CASES])
def test_model_written_question_is_printed_without_escapes(
    tmp_path: Path, data_dir: Path, case: str, payload: str
) -> None:
    # One bank question for two slots: the writer is asked for the second.
    banks = write_bank(tmp_path / "banks", bank_toml([question(1)]))
    written = {
        "question": f"How would you {payload} shard a table of orders by customer?",
        "key_points": ["Pick a key that spreads load", f"Plan for {payload} resharding"],
        "hint": "Think about hot customers.",
        "model_answer": f"Shard by a hash {payload} of the customer id.",
        "terms": ["sharding"],
    }
    model = FakeChatModel(questions=[written] * 3, default_grade=grade("correct", 9))
    out, err = run(banks, data_dir, [LONG] * 2, model, questions=2, **TECHNICAL)
    assert_terminal_safe(out + err)
    assert "shard a table of orders" in out, out
    if case in MARKUP:
        assert payload in out
