"""Expression readings: smoothing, per-answer summaries, and honest report notes."""

from __future__ import annotations

import threading

import pytest

from interbot_tui.core.vision.expression import (
    CAVEAT,
    LABELS,
    AnswerExpression,
    ExpressionSummary,
    ExpressionTracker,
    Reading,
    Smoother,
    combine,
    leading,
    notes,
    pattern,
    pattern_text,
    probabilities_from,
    report_dict,
    report_lines,
    summarise,
)


def probs(label: str, p: float = 0.9) -> dict[str, float]:
    rest = (1 - p) / (len(LABELS) - 1)
    return {name: (p if name == label else rest) for name in LABELS}


def summary(frames: int, face: int, **shares: float) -> ExpressionSummary:
    return ExpressionSummary(frames=frames, face_frames=face, shares=shares)


def test_probabilities_are_labelled_in_model_order() -> None:
    values = [0.0, 0.0, 0.0, 0.9, 0.0, 0.0, 0.1]
    assert probabilities_from(values) == dict(zip(LABELS, values, strict=True))
    assert leading(probabilities_from(values)) == "happy"
    assert leading({"fear": 0.4, "neutral": 0.4}) == "neutral"  # a tie reads as neutral
    with pytest.raises(ValueError, match="expected 7"):
        probabilities_from([1.0])


def test_one_odd_frame_does_not_flip_the_smoothed_reading() -> None:
    smoother = Smoother(tau_s=1.0)
    for i in range(10):
        smoother.update(Reading(i * 0.2, probs("neutral")))
    odd = smoother.update(Reading(2.0, probs("fear", 0.99)))
    assert odd.expression == "neutral" and odd.face
    for i in range(11, 30):
        last = smoother.update(Reading(i * 0.2, probs("fear", 0.99)))
    assert last.expression == "fear"  # a lasting change does come through


def test_a_face_lost_for_long_starts_afresh() -> None:
    smoother = Smoother(tau_s=1.0, forget_s=2.0)
    smoother.update(Reading(0.0, probs("happy", 0.99)))
    gone = smoother.update(Reading(0.2, None))
    assert not gone.face and gone.expression is None
    smoother.update(Reading(5.0, None))
    back = smoother.update(Reading(5.2, probs("sad", 0.6)))
    assert back.probabilities == pytest.approx(probs("sad", 0.6))


def test_tracker_summarises_only_the_open_answer() -> None:
    tracker = ExpressionTracker(Smoother(tau_s=0.01))
    tracker.update(Reading(0.0, probs("angry")))  # between answers: not counted
    tracker.start_answer()
    for i in range(6):
        tracker.update(Reading(1 + i * 0.2, probs("happy")))
    for i in range(2):
        tracker.update(Reading(3 + i * 0.2, None))
    for i in range(2):
        tracker.update(Reading(4 + i * 0.2, probs("neutral")))
    result = tracker.end_answer()
    assert result is not None
    assert (result.frames, result.face_frames) == (10, 8)
    assert result.shares == {"happy": 0.75, "neutral": 0.25}
    assert result.dominant == "happy" and result.face_share == 0.8
    assert tracker.latest is not None and tracker.latest.expression == "neutral"
    tracker.start_answer()
    assert tracker.end_answer() is None  # no reading arrived: nothing to store


def test_tracker_is_safe_across_threads() -> None:
    tracker = ExpressionTracker()
    tracker.start_answer()

    def feed(offset: float) -> None:
        for i in range(200):
            tracker.update(Reading(offset + i * 0.01, probs("neutral")))

    threads = [threading.Thread(target=feed, args=(k * 10.0,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = tracker.end_answer()
    assert result is not None and result.frames == 800 == result.face_frames


def test_summary_round_trips_through_json_dicts() -> None:
    original = summarise({"happy": 3, "fear": 1}, frames=5)
    data = original.to_dict()
    assert data == {
        "frames": 5,
        "face_frames": 4,
        "face_share": 0.8,
        "dominant": "happy",
        "shares": {"fear": 0.25, "happy": 0.75},
    }
    assert ExpressionSummary.from_dict(data) == original
    assert ExpressionSummary.from_dict({}) == ExpressionSummary(0, 0)
    assert ExpressionSummary.from_dict({"shares": {"bogus": 1.0}}).shares == {}


def test_combine_weights_by_face_frames() -> None:
    merged = combine([summary(10, 10, happy=1.0), summary(40, 30, sad=1.0), summary(5, 0)])
    assert (merged.frames, merged.face_frames) == (55, 40)
    assert merged.shares == {"happy": 0.25, "sad": 0.75}
    assert merged.tense_share == 0.75
    assert combine([]) == ExpressionSummary(0, 0)


def _interview() -> list[AnswerExpression]:
    return [
        AnswerExpression(1, "warm-up", summary(20, 20, neutral=0.9, happy=0.1)),
        AnswerExpression(2, "technical", summary(30, 28, neutral=0.8, fear=0.2)),
        AnswerExpression(3, "system design", summary(30, 30, fear=0.4, sad=0.2, neutral=0.4)),
        AnswerExpression(4, "behavioural", summary(25, 25, happy=0.6, neutral=0.4)),
        AnswerExpression(5, "system design", summary(30, 27, neutral=0.5, angry=0.3, fear=0.2)),
    ]


def test_notes_name_the_kind_of_question_that_looked_tense() -> None:
    found = notes(_interview())
    assert found[0].startswith("Looked tense on system design questions (")
    assert "on the others" in found[0]
    assert any(n.startswith("Looked most at ease on behavioural questions") for n in found)
    assert not any("technical" in n or "warm-up" in n for n in found)


def test_too_little_footage_says_nothing() -> None:
    short = [AnswerExpression(1, "technical", summary(4, 4, fear=1.0))]
    assert notes(short) == []


def test_face_often_out_of_frame_gets_a_note() -> None:
    answers = [AnswerExpression(1, "technical", summary(40, 10, neutral=1.0))]
    assert any("in frame 25% of the time" in n for n in notes(answers))


def test_trend_across_the_interview() -> None:
    calm_then_tense = [
        AnswerExpression(
            n,
            "technical",
            summary(20, 20, **({"neutral": 1.0} if n < 3 else {"fear": 0.6, "neutral": 0.4})),
        )
        for n in range(1, 5)
    ]
    assert "Looked more tense as the interview went on." in notes(calm_then_tense)
    reversed_ = [AnswerExpression(5 - a.number, a.group, a.summary) for a in calm_then_tense]
    assert "Looked more at ease as the interview went on." in notes(reversed_)


def test_report_lines_are_honest_and_specific() -> None:
    lines = report_lines(_interview())
    assert lines[0] == f"Expression on camera: {CAVEAT}."
    assert "not a judgement of your feelings" in lines[0]
    assert lines[1].startswith("Mostly neutral (")
    assert "face in frame 96% of the time" in lines[1]
    assert lines[2] == "By question: Q1–3 neutral · Q4 happy · Q5 neutral"  # Q3: a tie → neutral
    assert any("system design" in line for line in lines[3:])


def test_pattern_text_joins_runs() -> None:
    steps = [(1, "neutral"), (2, "neutral"), (3, "happy"), (5, "happy"), (6, "sad")]
    assert pattern_text(steps) == "Q1–2 neutral · Q3–5 happy · Q6 sad"
    assert pattern_text([]) == ""


def test_retries_of_one_question_are_one_step_of_the_pattern() -> None:
    answers = [
        AnswerExpression(1, "technical", summary(10, 10, sad=1.0)),
        AnswerExpression(1, "technical", summary(30, 30, happy=1.0)),
        AnswerExpression(2, "technical", summary(10, 0)),
    ]
    assert pattern(answers) == [(1, "happy"), (2, "no face")]


def test_no_camera_means_no_section() -> None:
    assert report_lines([]) == [] and report_dict([]) is None
    blind = [AnswerExpression(1, "technical", summary(12, 0))]
    assert report_lines(blind)[1:] == ["No face was seen during the answers."]


def test_report_dict_for_exports() -> None:
    data = report_dict(_interview())
    assert data is not None
    assert data["dominant"] == "neutral" and data["caveat"] == CAVEAT
    assert data["by_question"][1] == {"number": 2, "expression": "neutral"}
    assert data["notes"] == notes(_interview())
