"""A figure over sessions: its latest value, its trend and its change since a week ago.

The trend is the least-squares slope of the value against the session's place in the series
(0, 1, 2, … over the sessions that have the figure), so it reads "per session". Per session rather
than per week because practice comes in bursts: five sessions in one evening are five steps, and
a fortnight's break is not a step at all. Fewer than two sessions: no trend.

"Since a week ago" is the latest value minus the value of the last session started at least
seven days before the latest one; None when every session is newer than that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

WEEK_S = 7 * 24 * 3600


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    better: int  # +1: higher is better, -1: lower is better, 0: neither (pace)
    flat_below: float  # a slope (per session) smaller than this in size reads as flat


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("accuracy", "accuracy", +1, 0.02),
        Metric("mean_score", "mean score", +1, 0.2),
        Metric("first_try", "first-try correct", +1, 0.02),
        Metric("coverage", "key points covered", +1, 0.02),
        Metric("star", "STAR parts present", +1, 0.02),
        Metric("wpm", "words per minute", 0, 2.0),
        Metric("fillers_per_min", "fillers per minute", -1, 0.2),
        Metric("pauses_per_min", "long pauses per minute", -1, 0.1),
        Metric("face_share", "face in frame", +1, 0.02),
    )
}
SCORE_METRICS = ("accuracy", "mean_score", "first_try", "coverage", "star")
DELIVERY_METRICS = ("wpm", "fillers_per_min", "pauses_per_min")


@dataclass(frozen=True)
class TrendPoint:
    session: int
    started_at: float
    value: float


def slope(values: Sequence[float]) -> float | None:
    """Least-squares slope of `values` against 0, 1, 2, …; None for fewer than two."""
    n = len(values)
    if n < 2:
        return None
    mean_x = (n - 1) / 2
    mean_y = sum(values) / n
    num = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values))
    den = sum((x - mean_x) ** 2 for x in range(n))
    return num / den


def week_change(points: Sequence[TrendPoint]) -> float | None:
    """Latest value minus the last one at least a week older (points in time order)."""
    if not points:
        return None
    latest = points[-1]
    older = [p for p in points if p.started_at <= latest.started_at - WEEK_S]
    return latest.value - older[-1].value if older else None


@dataclass(frozen=True)
class Trend:
    metric: str
    points: tuple[TrendPoint, ...]  # in time order, sessions that have the figure
    slope: float | None
    week_change: float | None

    @property
    def latest(self) -> float | None:
        return self.points[-1].value if self.points else None

    @property
    def direction(self) -> str | None:
        """ "up", "down" or "flat"; None without a trend."""
        if self.slope is None:
            return None
        if abs(self.slope) < METRICS[self.metric].flat_below:
            return "flat"
        return "up" if self.slope > 0 else "down"

    @property
    def improving(self) -> bool | None:
        """Whether the trend goes the good way; None when flat, unknown, or neither way is."""
        better = METRICS[self.metric].better
        if self.direction not in ("up", "down") or not better:
            return None
        return (self.direction == "up") == (better > 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "latest": None if self.latest is None else round(self.latest, 4),
            "slope_per_session": None if self.slope is None else round(self.slope, 4),
            "direction": self.direction,
            "improving": self.improving,
            "since_week_ago": None if self.week_change is None else round(self.week_change, 4),
            "points": [
                {"session": p.session, "started_at": p.started_at, "value": round(p.value, 4)}
                for p in self.points
            ],
        }


def trend(metric: str, points: Sequence[TrendPoint]) -> Trend:
    ordered = tuple(sorted(points, key=lambda p: (p.started_at, p.session)))
    return Trend(metric, ordered, slope([p.value for p in ordered]), week_change(ordered))
