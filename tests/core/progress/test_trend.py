"""The trend (least-squares slope per session) and the change since a week ago."""

from __future__ import annotations

import pytest

from interbot_tui.core.progress.trend import WEEK_S, TrendPoint, slope, trend, week_change


def test_slope_is_least_squares_per_session() -> None:
    assert slope([1.0, 2.0, 3.0]) == pytest.approx(1.0)
    # Points (0,1), (1,3), (2,2): mean x 1, mean y 2, sum dx*dy = -1*-1 + 1*0 = 1, sum dx^2 = 2.
    assert slope([1.0, 3.0, 2.0]) == pytest.approx(0.5)
    assert slope([4.0, 2.0]) == pytest.approx(-2.0)
    assert slope([5.0]) is None and slope([]) is None


def test_week_change_is_against_the_last_point_a_week_older_than_the_latest() -> None:
    day = 24 * 3600.0
    points = [
        TrendPoint(1, 0.0, 0.2),
        TrendPoint(2, 2 * day, 0.4),  # the last one at least 7 days before day 9
        TrendPoint(3, 8 * day, 0.5),
        TrendPoint(4, 9 * day, 0.9),
    ]
    assert week_change(points) == pytest.approx(0.9 - 0.4)
    assert week_change(points[2:]) is None  # nothing a week older
    assert week_change([TrendPoint(1, 0.0, 1.0), TrendPoint(2, WEEK_S, 3.0)]) == 2.0  # exactly 7 d
    assert week_change([]) is None


def test_direction_flat_band_and_whether_it_improves() -> None:
    up = trend("accuracy", [TrendPoint(i, float(i), 0.1 * i) for i in range(3)])
    assert up.direction == "up" and up.improving is True and up.latest == pytest.approx(0.2)
    flat = trend("mean_score", [TrendPoint(1, 0.0, 7.0), TrendPoint(2, 1.0, 7.1)])
    assert flat.direction == "flat" and flat.improving is None
    fewer_fillers = trend("fillers_per_min", [TrendPoint(1, 0.0, 3.0), TrendPoint(2, 1.0, 1.0)])
    assert fewer_fillers.direction == "down" and fewer_fillers.improving is True
    faster = trend("wpm", [TrendPoint(1, 0.0, 100.0), TrendPoint(2, 1.0, 150.0)])
    assert faster.direction == "up" and faster.improving is None  # pace has no good direction
    single = trend("accuracy", [TrendPoint(1, 0.0, 0.5)])
    assert single.slope is None and single.direction is None


def test_points_are_put_in_time_order() -> None:
    t = trend("accuracy", [TrendPoint(2, 5.0, 1.0), TrendPoint(1, 1.0, 0.0)])
    assert [p.session for p in t.points] == [1, 2] and t.slope == pytest.approx(1.0)
    d = t.to_dict()
    assert set(d) == {
        "metric",
        "latest",
        "slope_per_session",
        "direction",
        "improving",
        "since_week_ago",
        "points",
    }
    assert d["points"][0] == {"session": 1, "started_at": 1.0, "value": 0.0}
