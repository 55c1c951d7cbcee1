"""Progress over time from stored sessions: pure, plain data in (`StoredSession`), dataclasses
out, each with `to_dict` for JSON. No store, no UI."""

from interbot_tui.core.progress.progress import GroupProgress, Progress, build_progress
from interbot_tui.core.progress.role_filter import role_matches
from interbot_tui.core.progress.schedule import (
    DueQuestion,
    due_questions,
    next_due,
    practice_plan,
    practising_ids,
    review_slots,
)
from interbot_tui.core.progress.scores import Scores
from interbot_tui.core.progress.session_point import DeliveryFigures, SessionPoint
from interbot_tui.core.progress.stored_session import StoredSession
from interbot_tui.core.progress.trend import METRICS, Metric, Trend, TrendPoint
from interbot_tui.core.progress.weak_areas import Missed, WeakAreas

__all__ = [
    "METRICS",
    "DeliveryFigures",
    "DueQuestion",
    "GroupProgress",
    "Metric",
    "Missed",
    "Progress",
    "Scores",
    "SessionPoint",
    "StoredSession",
    "Trend",
    "TrendPoint",
    "WeakAreas",
    "build_progress",
    "due_questions",
    "next_due",
    "practice_plan",
    "practising_ids",
    "review_slots",
    "role_matches",
]
