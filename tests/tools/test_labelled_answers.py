from __future__ import annotations

import json

import pytest

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.questions.question import Kind
from interbot_tui.tools.labelled_answers import LabelledItemError, parse_labelled

ITEM = {
    "id": "x-1",
    "kind": "behavioural",
    "role": "PM",
    "difficulty": "hard",
    "question": "Tell me about a time you pushed back.",
    "key_points": ["Situation: specific", "Result: measurable"],
    "answer": "Last year I ...",
    "label": "partial",
    "score": 5,
}


def line(**changes: object) -> str:
    return json.dumps({**ITEM, **changes})


def test_parses_items_into_questions_without_a_model_answer() -> None:
    items = parse_labelled(
        line() + "\n\n" + line(id="x-2", kind="technical", label="correct", score=9)
    )
    assert [i.id for i in items] == ["x-1", "x-2"]
    q = items[0].to_question()
    assert q.kind is Kind.BEHAVIOURAL and q.model_answer == "" and len(q.key_points) == 2
    assert items[1].label is Verdict.CORRECT


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ("[1, 2]", "line 2: expected a JSON object"),
        (json.dumps({"id": "y"}), "line 2: missing field(s): kind, question"),
        (line(id="y", label="great"), "line 2: label 'great'"),
        (line(id="y", score=11), "line 2: score 11 is not a whole number"),
        (line(id="y", score=9), "line 2: score 9 does not fit label partial"),
        (line(id="y", kind="coding"), "line 2: kind 'coding'"),
        (line(id="y", key_points=[]), "line 2: key_points must be"),
        (line(), "line 2: id 'x-1' was already used on line 1"),
    ],
)
def test_bad_lines_name_the_line_and_the_problem(bad: str, message: str) -> None:
    with pytest.raises(LabelledItemError) as err:
        parse_labelled(line() + "\n" + bad)
    assert message in str(err.value)


def test_empty_file() -> None:
    with pytest.raises(LabelledItemError, match="no items"):
        parse_labelled("\n \n")
