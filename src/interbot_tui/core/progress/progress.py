"""Progress over stored sessions: one point per session, trends overall, by question kind and
by domain, delivery and camera figures, and the weak areas to practise next."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from interbot_tui.core.progress.role_filter import role_matches
from interbot_tui.core.progress.scores import Scores
from interbot_tui.core.progress.session_point import SessionPoint, session_point
from interbot_tui.core.progress.stored_session import StoredSession
from interbot_tui.core.progress.trend import (
    DELIVERY_METRICS,
    SCORE_METRICS,
    Trend,
    TrendPoint,
    trend,
)
from interbot_tui.core.progress.weak_areas import WeakAreas, weak_areas


@dataclass(frozen=True)
class GroupProgress:
    """One question kind or domain over the sessions that asked it."""

    name: str
    questions: int  # graded questions over all sessions
    trends: dict[str, Trend]

    def to_dict(self) -> dict[str, Any]:
        return {
            "questions": self.questions,
            "trends": {k: v.to_dict() for k, v in self.trends.items()},
        }


@dataclass(frozen=True)
class Progress:
    role: str | None  # the filter asked for
    sessions: list[SessionPoint]  # in time order; sessions with no answered question left out
    overall: dict[str, Trend]
    by_kind: dict[str, GroupProgress]
    by_domain: dict[str, GroupProgress]
    delivery: dict[str, Trend]  # empty when nothing was ever spoken
    face_share: Trend | None  # None when the camera was never on
    weak: WeakAreas

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "trend": "least-squares slope per session; since_week_ago: latest value minus the "
            "last value at least 7 days older",
            "sessions": [s.to_dict() for s in self.sessions],
            "overall": {k: v.to_dict() for k, v in self.overall.items()},
            "by_kind": {k: v.to_dict() for k, v in self.by_kind.items()},
            "by_domain": {k: v.to_dict() for k, v in self.by_domain.items()},
            "delivery": {k: v.to_dict() for k, v in self.delivery.items()},
            "face_share": self.face_share.to_dict() if self.face_share else None,
            "weak_areas": self.weak.to_dict(),
        }


def _series(
    points: Iterable[SessionPoint], value: Callable[[SessionPoint], float | None]
) -> list[TrendPoint]:
    found = ((p, value(p)) for p in points)
    return [TrendPoint(p.id, p.started_at, v) for p, v in found if v is not None]


def _score_trends(
    points: Sequence[SessionPoint], scores: Callable[[SessionPoint], Scores | None]
) -> dict[str, Trend]:
    def value(metric: str) -> Callable[[SessionPoint], float | None]:
        def read(p: SessionPoint) -> float | None:
            found = scores(p)
            return None if found is None else found.value(metric)

        return read

    return {m: trend(m, _series(points, value(m))) for m in SCORE_METRICS}


def _groups(points: Sequence[SessionPoint], attr: str) -> dict[str, GroupProgress]:
    names = sorted({name for p in points for name in getattr(p, attr)})
    groups = {}
    for name in names:

        def scores(p: SessionPoint, name: str = name) -> Scores | None:
            found: Scores | None = getattr(p, attr).get(name)
            return found

        asked = sum(s.questions for p in points if (s := scores(p)) is not None)
        groups[name] = GroupProgress(name, asked, _score_trends(points, scores))
    return groups


def build_progress(sessions: Sequence[StoredSession], role: str | None = None) -> Progress:
    kept = [s for s in sessions if s.turns and role_matches(s.role, role)]
    points = [session_point(s) for s in sorted(kept, key=lambda s: (s.started_at, s.id))]
    spoken = [(p, p.delivery) for p in points if p.delivery is not None]
    delivery = {
        m: trend(
            m,
            [TrendPoint(p.id, p.started_at, v) for p, d in spoken if (v := d.value(m)) is not None],
        )
        for m in DELIVERY_METRICS
        if spoken
    }
    faces = _series(points, lambda p: p.face_share)
    return Progress(
        role=role.strip() if role and role.strip() else None,
        sessions=points,
        overall=_score_trends(points, lambda p: p.overall),
        by_kind=_groups(points, "by_kind"),
        by_domain=_groups(points, "by_domain"),
        delivery=delivery,
        face_share=trend("face_share", faces) if faces else None,
        weak=weak_areas(points),
    )
