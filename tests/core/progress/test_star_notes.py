"""STAR parts read from the probe grader's note, and key points from "missing" notes."""

from __future__ import annotations

from interbot_tui.core.grading.star import Star, star_summary
from interbot_tui.core.progress.key_points import matching_key_point, missed_key_points
from interbot_tui.core.progress.star_notes import star_missing, star_present
from tests.core.progress._sessions import Q2


def test_reads_what_star_summary_writes() -> None:
    for missing in ([], [Star.RESULT], [Star.SITUATION, Star.TASK, Star.ACTION, Star.RESULT]):
        assert star_missing(star_summary(Q2, missing)) == tuple(missing)
    assert star_present("STAR complete") == 1.0
    assert star_present("STAR: missing situation, result") == 0.5


def test_a_models_free_text_note_is_not_read() -> None:
    assert star_missing("") is None
    assert star_missing("Good STAR structure, but the result is vague") is None
    assert star_missing("STAR: missing the point") is None
    assert star_present("clear and concise") is None


def test_missing_notes_name_key_points_or_nothing() -> None:
    points = ("uses a B-tree structure", "every write gets slower")
    assert matching_key_point("Every write gets slower", points) == points[1]  # verbatim
    assert matching_key_point("writes become slower", points) == points[1]  # the report's rule
    assert matching_key_point("missing", points) is None
    assert missed_key_points(("missing", "b-tree", "uses a B-tree structure"), points) == [
        points[0]
    ]
