"""Weak areas: missed most often first, then the most recently missed."""

from __future__ import annotations

from interbot_tui.core.progress import build_progress
from tests.core.progress._sessions import DAY, Q2, Q4, T0, backend_sessions


def test_key_points_by_count_then_recency() -> None:
    weak = build_progress(backend_sessions()).weak
    assert [(m.name, m.missed) for m in weak.key_points] == [
        ("says what was learned", 2),  # sessions 1 and 2
        ("x snapshots", 1),  # day 10
        ("y versions", 1),
        ("delta point", 1),  # day 0; the retry's notes count, not the first attempt's
        ("names the people involved", 1),
    ]
    top = weak.key_points[0]
    assert top.last_missed == T0 + 3 * DAY and top.asked == 3 and top.question == Q2.text
    assert top.domain == "behavioural"


def test_questions_domains_and_star_parts() -> None:
    weak = build_progress(backend_sessions()).weak
    assert [(m.question_id, m.missed, m.asked) for m in weak.questions] == [
        (Q2.id, 2, 3),
        (Q4.id, 1, 1),
    ]
    assert weak.questions[0].right_since and not weak.questions[1].right_since
    assert weak.questions[1].last_missed == T0 + 10 * DAY and weak.questions[1].name == Q4.text
    assert [(m.name, m.missed, m.asked) for m in weak.domains] == [
        ("behavioural", 2, 3),
        ("databases", 1, 3),
    ]
    assert [(m.name, m.missed) for m in weak.star_parts] == [("result", 2), ("situation", 1)]


def test_json_of_a_weak_question() -> None:
    data = build_progress(backend_sessions()).weak.to_dict()
    assert set(data["questions"][0]) == {
        "name",
        "missed",
        "asked",
        "last_missed",
        "right_since",
        "question_id",
        "domain",
    }
    assert data["key_points"][0]["question"] == Q2.text
