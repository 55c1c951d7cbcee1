"""A question with what a good answer contains, where it came from and how hard it is."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from interbot_tui.core.profile import Difficulty


class Kind(StrEnum):
    WARMUP = "warmup"
    TECHNICAL = "technical"
    BEHAVIOURAL = "behavioural"
    SYSTEM_DESIGN = "system_design"


class Source(StrEnum):
    BANK = "bank"
    GENERATED = "generated"
    GROUNDED = "grounded"  # from the candidate's resume and the job description


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: Kind
    difficulty: Difficulty
    key_points: tuple[str, ...]
    hint: str
    model_answer: str
    terms: tuple[str, ...] = ()
    domain: str = "general"
    source: Source = Source.BANK
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("kind", "difficulty", "source"):
            data[key] = str(data[key])
        data["key_points"] = list(self.key_points)
        data["terms"] = list(self.terms)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            kind=Kind(data.get("kind", "technical")),
            difficulty=Difficulty(data.get("difficulty", "medium")),
            key_points=tuple(data.get("key_points", ())),
            hint=str(data.get("hint", "")),
            model_answer=str(data.get("model_answer", "")),
            terms=tuple(data.get("terms", ())),
            domain=str(data.get("domain", "general")),
            source=Source(data.get("source", "bank")),
            extra=dict(data.get("extra", {})),
        )
