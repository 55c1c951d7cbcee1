"""One answer to one question (an attempt), as committed to history."""

from __future__ import annotations

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
