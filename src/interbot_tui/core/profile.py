"""Who is being interviewed, for what, and how."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any

from interbot_tui.core.text import terminal_safe


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"

    def step(self, delta: int) -> Difficulty:
        order = list(Difficulty)
        index = min(max(order.index(self) + delta, 0), len(order) - 1)
        return order[index]


class InterviewType(StrEnum):
    BEHAVIOURAL = "behavioural"
    TECHNICAL = "technical"
    SYSTEM_DESIGN = "system_design"
    MIXED = "mixed"


class Mode(StrEnum):
    COACH = "coach"  # hint -> retry -> reveal, feedback after every answer
    STRICT = "strict"  # like a real interview: no help, feedback only in the report


MAX_QUESTIONS = 25


class ProfileError(ValueError):
    """A profile value is out of range; the message says which and what is allowed."""


@dataclass(frozen=True)
class Profile:
    name: str = ""
    role: str = "Software engineer"
    topic: str = ""
    years: int = 2
    difficulty: Difficulty = Difficulty.MEDIUM
    interview_type: InterviewType = InterviewType.MIXED
    questions: int = 8
    mode: Mode = Mode.COACH
    language: str = "en"

    def __post_init__(self) -> None:
        for key in ("name", "role", "topic"):  # typed, or read from a config file: shown on screen
            object.__setattr__(self, key, terminal_safe(getattr(self, key)))
        if not 1 <= self.questions <= MAX_QUESTIONS:
            raise ProfileError(f"questions must be 1–{MAX_QUESTIONS}, not {self.questions}")
        if not 0 <= self.years <= 60:
            raise ProfileError(f"years of experience must be 0–60, not {self.years}")
        if not self.role.strip():
            raise ProfileError("the target role must not be empty")
        for name, value in (("name", self.name), ("role", self.role), ("topic", self.topic)):
            if len(value) > 200:
                raise ProfileError(f"{name} is longer than 200 characters")

    @property
    def subject(self) -> str:
        """Role and stack in one phrase, for prompts and matching."""
        return f"{self.role} ({self.topic})" if self.topic.strip() else self.role

    def to_dict(self) -> dict[str, Any]:
        return {k: str(v) if isinstance(v, StrEnum) else v for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Profile:
        """Build from stored or user data; unknown keys are ignored, bad values raise ProfileError."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        try:
            if "difficulty" in values:
                values["difficulty"] = Difficulty(values["difficulty"])
            if "interview_type" in values:
                values["interview_type"] = InterviewType(
                    str(values["interview_type"])
                    .replace(" ", "_")
                    .replace("behavioral", "behavioural")
                )
            if "mode" in values:
                values["mode"] = Mode(values["mode"])
            for key in ("years", "questions"):
                if key in values:
                    values[key] = int(values[key])
        except ValueError as exc:
            raise ProfileError(str(exc)) from exc
        return cls(**values)
