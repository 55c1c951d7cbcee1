"""What a front end asks a session to run: a new interview, one past question again, a
practice plan, or the rest of an interrupted session."""

from __future__ import annotations

from dataclasses import dataclass

from interbot_tui.core.documents.facts import Grounding
from interbot_tui.core.interview.plan import Interrupted, SessionKind, Slot


@dataclass(frozen=True)
class Launch:
    kind: SessionKind = SessionKind.INTERVIEW
    plan: tuple[Slot, ...] = ()  # empty: the profile's usual mix
    resume: Interrupted | None = None  # continue this session instead of starting one
    grounding: Grounding | None = None  # a resume and job description to ground questions in

    @classmethod
    def resuming(cls, interrupted: Interrupted) -> Launch:
        return cls(
            kind=interrupted.kind,
            plan=interrupted.plan,
            resume=interrupted,
            grounding=interrupted.grounding,
        )


NEW_INTERVIEW = Launch()
