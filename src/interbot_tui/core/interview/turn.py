"""One answer to one question (an attempt), as committed to history."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from interbot_tui.core.grading.grade import Grade
from interbot_tui.core.profile import Difficulty
from interbot_tui.core.questions.question import Question
from interbot_tui.core.speech.delivery import Delivery
from interbot_tui.core.vision.expression import ExpressionSummary


class Attempt(StrEnum):
    FIRST = "first"
    RETRY = "retry"  # after a hint (coach mode)
    FOLLOW_UP = "follow_up"  # after a shallow answer


@dataclass(frozen=True)
class Turn:
    number: int  # question number in the session, 1-based
    attempt: Attempt
    question: Question
    prompt: str  # what the interviewer asked for this attempt
    answer: str
    grade: Grade
    level: Difficulty  # adaptive difficulty when asked
    hint_given: bool = False
    revealed: bool = False
    at: float = 0.0
    delivery: Delivery | None = None  # spoken answers only
    audio: str = ""  # file name of the kept recording (--keep-audio), relative to the data dir
    expression: ExpressionSummary | None = None  # the camera's figures while answering, if on

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "attempt": str(self.attempt),
            "question": self.question.to_dict(),
            "prompt": self.prompt,
            "answer": self.answer,
            "grade": self.grade.to_dict(),
            "level": str(self.level),
            "hint_given": self.hint_given,
            "revealed": self.revealed,
            "at": self.at,
            "delivery": self.delivery.to_dict() if self.delivery else None,
            "audio": self.audio,
            "expression": self.expression.to_dict() if self.expression else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Turn:
        return cls(
            number=int(data["number"]),
            attempt=Attempt(data["attempt"]),
            question=Question.from_dict(data["question"]),
            prompt=str(data.get("prompt", "")),
            answer=str(data.get("answer", "")),
            grade=Grade.from_dict(data.get("grade", {})),
            level=Difficulty(data.get("level", "medium")),
            hint_given=bool(data.get("hint_given", False)),
            revealed=bool(data.get("revealed", False)),
            at=float(data.get("at", 0.0)),
            delivery=Delivery.from_dict(data["delivery"]) if data.get("delivery") else None,
            audio=str(data.get("audio", "")),
            expression=(
                ExpressionSummary.from_dict(data["expression"]) if data.get("expression") else None
            ),
        )


def by_question(turns: Iterable[Turn]) -> list[list[Turn]]:
    """A session's turns grouped by question (first, then any follow-up or retry), in order."""
    groups: dict[int, list[Turn]] = {}
    for turn in turns:
        groups.setdefault(turn.number, []).append(turn)
    return [groups[n] for n in sorted(groups)]


def last_graded(turns: Sequence[Turn]) -> Turn | None:
    """The attempt that decides a question: a retry or follow-up is graded with what came
    before it, so the last grade is the verdict on everything said."""
    graded = [t for t in turns if t.grade.available]
    return graded[-1] if graded else None
