"""Labelled interview answers (the `grading_dev.jsonl` format) for measuring a grader.

One JSON object per line: id, kind (technical|behavioural), role, difficulty, question,
key_points (list), answer, label (correct|partial|incorrect), score (1-10). The items carry no
reference answer, so the Question built from one has key points only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from interbot_tui.core.grading.grade import SCORE_BANDS, Verdict
from interbot_tui.core.profile import Difficulty
from interbot_tui.core.questions.question import Kind, Question

KINDS = {"technical": Kind.TECHNICAL, "behavioural": Kind.BEHAVIOURAL}
REQUIRED = ("id", "kind", "question", "key_points", "answer", "label", "score")


class LabelledItemError(ValueError):
    """A line that is not a usable labelled answer; the message names the line and the fix."""


@dataclass(frozen=True)
class LabelledAnswer:
    id: str
    kind: Kind
    role: str
    difficulty: Difficulty
    question: str
    key_points: tuple[str, ...]
    answer: str
    label: Verdict
    score: int
    human_score: float | None = None  # human graders' mean where the file has it (Mohler: 0-5)

    def to_question(self) -> Question:
        return Question(
            id=self.id,
            text=self.question,
            kind=self.kind,
            difficulty=self.difficulty,
            key_points=self.key_points,
            hint="",
            model_answer="",
            domain=self.role or "general",
        )


def parse_labelled_line(line: str, number: int) -> LabelledAnswer:
    """One line of the file as a LabelledAnswer; LabelledItemError says what is wrong and where."""

    def fail(why: str) -> LabelledItemError:
        return LabelledItemError(f"line {number}: {why}")

    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise fail(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise fail("expected a JSON object with id, question, key_points, answer, label, score")
    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise fail(f"missing field(s): {', '.join(missing)}")
    kind = KINDS.get(str(data["kind"]))
    if kind is None:
        raise fail(f"kind {data['kind']!r} is not one of {', '.join(KINDS)}")
    try:
        label = Verdict(data["label"])
    except ValueError:
        raise fail(
            f"label {data['label']!r} is not one of {', '.join(v.value for v in Verdict)}"
        ) from None
    try:
        difficulty = Difficulty(data.get("difficulty", "medium"))
    except ValueError:
        raise fail(f"difficulty {data.get('difficulty')!r} is not easy, medium or hard") from None
    score = data["score"]
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 10:
        raise fail(f"score {score!r} is not a whole number from 1 to 10")
    low, high = SCORE_BANDS[label]
    if not low <= score <= high:
        raise fail(f"score {score} does not fit label {label} ({low}-{high})")
    points = data["key_points"]
    if not isinstance(points, list) or not points or not all(isinstance(p, str) for p in points):
        raise fail("key_points must be a non-empty list of strings")
    for key in ("id", "question", "answer"):
        if not isinstance(data[key], str):
            raise fail(f"{key} must be a string")
    if not data["id"].strip() or not data["question"].strip():
        raise fail("id and question must not be empty")
    human = data.get("human_score")
    if human is not None and (isinstance(human, bool) or not isinstance(human, int | float)):
        raise fail(f"human_score {human!r} is not a number")
    return LabelledAnswer(
        id=data["id"].strip(),
        kind=kind,
        role=str(data.get("role", "")),
        difficulty=difficulty,
        question=data["question"].strip(),
        key_points=tuple(p.strip() for p in points if p.strip()),
        answer=data["answer"],
        label=label,
        score=score,
        human_score=None if human is None else float(human),
    )


def parse_labelled(text: str) -> list[LabelledAnswer]:
    """Every non-blank line; the first bad line raises LabelledItemError; ids must be unique."""
    items: list[LabelledAnswer] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item = parse_labelled_line(line, number)
        if item.id in seen:
            raise LabelledItemError(
                f"line {number}: id {item.id!r} was already used on line {seen[item.id]}"
            )
        seen[item.id] = number
        items.append(item)
    if not items:
        raise LabelledItemError("the file has no items (one JSON object per line expected)")
    return items
