"""Progress over time from stored sessions: pure, plain data in (`StoredSession`), dataclasses
out, each with `to_dict` for JSON. No store, no UI."""

from interbot_tui.core.progress.attempts import (
    AttemptView,
    attempt_view,
    attempts_of,
    compare_lines,
    what_changed,
)
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
    "AttemptView",
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
    "attempt_view",
    "attempts_of",
    "build_progress",
    "compare_lines",
    "due_questions",
    "next_due",
    "practice_plan",
    "practising_ids",
    "review_slots",
    "role_matches",
    "what_changed",
]
