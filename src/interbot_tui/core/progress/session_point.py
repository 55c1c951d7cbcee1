"""One session as one point of progress: its scores overall, by kind and by domain, and how
the answers were spoken and seen."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from interbot_tui.core.progress.outcome import QuestionOutcome, outcomes
from interbot_tui.core.progress.scores import Scores, score
from interbot_tui.core.progress.stored_session import StoredSession
from interbot_tui.core.speech.delivery import summarise


def iso(epoch: float) -> str:
    """Local time, as `interbot history --json` writes it."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(epoch))


@dataclass(frozen=True)
class DeliveryFigures:
    """Over the session's spoken answers (every attempt that was spoken)."""

    answers: int
    wpm: float  # weighted by speaking time; 0 when too little speech to say
    fillers_per_min: float
    pauses_per_min: float  # long pauses (over 2 s)

    def value(self, metric: str) -> float | None:
        """A figure by its metric name; a pace of 0 (too little speech to say) is None."""
        found = float(getattr(self, metric))
        return None if metric == "wpm" and not found else found

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "wpm": round(self.wpm, 1),
            "fillers_per_min": round(self.fillers_per_min, 2),
            "pauses_per_min": round(self.pauses_per_min, 2),
        }


@dataclass(frozen=True)
class SessionPoint:
    id: int
    started_at: float
    role: str
    topic: str
    status: str
    overall: Scores
    by_kind: dict[str, Scores]
    by_domain: dict[str, Scores]
    delivery: DeliveryFigures | None  # None: nothing was spoken
    face_share: float | None  # share of camera frames with a face; None: camera off
    outcomes: tuple[QuestionOutcome, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started": iso(self.started_at),
            "started_at": self.started_at,
            "role": self.role,
            "topic": self.topic,
            "status": self.status,
            **self.overall.to_dict(),
            "by_kind": {k: v.to_dict() for k, v in self.by_kind.items()},
            "by_domain": {k: v.to_dict() for k, v in self.by_domain.items()},
            "delivery": self.delivery.to_dict() if self.delivery else None,
            "face_share": None if self.face_share is None else round(self.face_share, 4),
        }


def _grouped(found: list[QuestionOutcome], key: str) -> dict[str, Scores]:
    groups: dict[str, list[QuestionOutcome]] = defaultdict(list)
    for o in found:
        groups[str(getattr(o.question, key))].append(o)
    return {name: score(group) for name, group in sorted(groups.items())}


def _delivery(session: StoredSession) -> DeliveryFigures | None:
    spoken = summarise([t.delivery for t in session.turns if t.delivery is not None])
    if not spoken.answers:
        return None
    return DeliveryFigures(
        spoken.answers, spoken.wpm, spoken.fillers_per_min, spoken.pauses_per_min
    )


def _face_share(session: StoredSession) -> float | None:
    seen = [t.expression for t in session.turns if t.expression is not None]
    frames = sum(e.frames for e in seen)
    return sum(e.face_frames for e in seen) / frames if frames else None


def session_point(session: StoredSession) -> SessionPoint:
    found = outcomes(session.turns, session.started_at)
    return SessionPoint(
        id=session.id,
        started_at=session.started_at,
        role=session.role,
        topic=session.topic,
        status=session.status,
        overall=score(found),
        by_kind=_grouped(found, "kind"),
        by_domain=_grouped(found, "domain"),
        delivery=_delivery(session),
        face_share=_face_share(session),
        outcomes=tuple(found),
    )
