"""Progress over sessions: trends, the week-ago change, groups, delivery, role filter, JSON."""

from __future__ import annotations

import json

import pytest

from interbot_tui.core.progress import build_progress, role_matches
from tests.core.progress._sessions import all_sessions, backend_sessions


def test_sessions_in_time_order_without_empty_ones() -> None:
    progress = build_progress(all_sessions())
    assert [s.id for s in progress.sessions] == [1, 4, 2, 3]  # session 5 has no answers


def test_overall_trends_and_week_ago_change() -> None:
    o = build_progress(backend_sessions()).overall
    # accuracy 2/3, 1/2, 1/2: with three points the slope is (last - first) / 2.
    assert o["accuracy"].slope == pytest.approx((0.5 - 2 / 3) / 2)
    assert o["accuracy"].direction == "down" and o["accuracy"].improving is False
    assert o["first_try"].slope == pytest.approx((0.5 - 1 / 3) / 2)
    assert o["first_try"].direction == "up"
    assert o["star"].slope == pytest.approx(0.25) and o["star"].latest == 1.0
    assert o["mean_score"].slope == pytest.approx((6 - 19 / 3) / 2)
    assert o["mean_score"].direction == "flat"  # under 0.2 a session
    # The latest session is day 10; the last one at least a week older is day 3.
    assert o["mean_score"].week_change == pytest.approx(6.0 - 7.5)
    assert o["star"].week_change == pytest.approx(0.25)
    assert o["accuracy"].week_change == pytest.approx(0.0)


def test_by_kind_and_by_domain_over_sessions() -> None:
    progress = build_progress(backend_sessions())
    behavioural = progress.by_kind["behavioural"]
    assert [p.value for p in behavioural.trends["accuracy"].points] == [0.0, 0.0, 1.0]
    assert behavioural.trends["accuracy"].slope == pytest.approx(0.5)
    assert progress.by_kind["warmup"].trends["accuracy"].slope is None  # one session only
    assert progress.by_domain["databases"].questions == 3  # Q1 twice and Q4; Q6 ungraded
    technical = progress.by_kind["technical"].trends["accuracy"]
    assert [p.session for p in technical.points] == [1, 2, 3]


def test_delivery_and_face_trends() -> None:
    progress = build_progress(backend_sessions())
    fillers = progress.delivery["fillers_per_min"]
    assert [p.session for p in fillers.points] == [1, 3]
    assert fillers.slope == pytest.approx(-2.0) and fillers.improving is True
    assert fillers.week_change == pytest.approx(-2.0)
    assert progress.delivery["wpm"].week_change == pytest.approx(50.0)
    assert progress.face_share is not None and progress.face_share.latest == pytest.approx(0.875)
    assert build_progress([backend_sessions()[1]]).delivery == {}


def test_role_filter_is_a_case_insensitive_substring() -> None:
    assert role_matches("Backend engineer", "BACKEND") and role_matches("x", None)
    assert not role_matches("Backend engineer", "frontend") and role_matches("x", "  ")
    assert [s.id for s in build_progress(all_sessions(), "backend").sessions] == [1, 2, 3]
    assert [s.id for s in build_progress(all_sessions(), "Scientist").sessions] == [4]
    assert build_progress(all_sessions(), "nurse").sessions == []
    assert build_progress(all_sessions(), " backend ").role == "backend"


def test_json_has_every_part() -> None:
    data = json.loads(json.dumps(build_progress(all_sessions(), "backend").to_dict()))
    assert set(data) == {
        "role",
        "trend",
        "sessions",
        "overall",
        "by_kind",
        "by_domain",
        "delivery",
        "face_share",
        "weak_areas",
    }
    first = data["sessions"][0]
    for key in ("id", "started", "role", "status", "accuracy", "mean_score", "first_try"):
        assert key in first
    assert {"coverage", "star", "by_kind", "by_domain", "delivery", "face_share"} <= set(first)
    assert set(data["overall"]) == {"accuracy", "mean_score", "first_try", "coverage", "star"}
    assert set(data["delivery"]) == {"wpm", "fillers_per_min", "pauses_per_min"}
    assert set(data["weak_areas"]) == {"key_points", "questions", "domains", "star_parts"}


def test_no_sessions() -> None:
    progress = build_progress([])
    assert progress.sessions == [] and progress.face_share is None
    assert progress.overall["accuracy"].latest is None and progress.weak.questions == []
