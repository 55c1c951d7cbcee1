"""What a session asks: its kind and its plan, one slot per question.

A slot is either a question fixed in advance (a retry, a practised question) or a kind the
interview draws or writes a question for when it gets there. The plan is stored with the
session, so an interrupted one resumes with the same slots.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from interbot_tui.core.documents.facts import Grounding
from interbot_tui.core.interview.turn import Turn
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.question import Kind, Question

Slot = Question | Kind


class SessionKind(StrEnum):
    INTERVIEW = "interview"  # the profile's usual mix of questions
    RETRY = "retry"  # one past question, answered again
    PRACTICE = "practice"  # the questions missed most, spaced out, with fresh ones


def slot_kind(slot: Slot) -> Kind:
    return slot.kind if isinstance(slot, Question) else slot


def plan_to_data(plan: Sequence[Slot]) -> list[Any]:
    """JSON-ready: a question as its dict, a kind as its name."""
    return [slot.to_dict() if isinstance(slot, Question) else str(slot) for slot in plan]


def plan_from_data(data: object) -> list[Slot]:
    """The inverse of `plan_to_data`; raises ValueError on anything else."""
    if not isinstance(data, list):
        raise ValueError("a session plan is a list")
    plan: list[Slot] = []
    for item in data:
        if isinstance(item, dict):
            plan.append(Question.from_dict(item))
        elif isinstance(item, str):
            plan.append(Kind(item))
        else:
            raise ValueError(f"not a plan slot: {item!r}")
    return plan


@dataclass(frozen=True)
class Interrupted:
    """An interrupted session as the store gives it back, to continue where it stopped."""

    session_id: int
    profile: Profile
    kind: SessionKind
    plan: tuple[Slot, ...]  # empty for sessions stored before plans were kept
    asked: tuple[Question, ...]  # in order; the last may have no answer yet
    turns: tuple[Turn, ...]  # every committed attempt, in order
    grounding: Grounding | None = None  # the resume and job description it was grounded in

    @property
    def answered(self) -> int:
        """Questions with at least one committed answer (one the model could not grade because
        it had stopped does not count: that question is asked again)."""
        return len({t.number for t in self.turns if not t.grade.model_lost})
