"""The score model: anchored features, the two logistic steps, verdicts and bands."""

from __future__ import annotations

import pytest

from interbot_tui.core.grading.grade import SCORE_BANDS, Verdict
from interbot_tui.core.grading.probes import Anchors, ProbeResult
from interbot_tui.core.grading.score_model import band_score, decide
from interbot_tui.core.questions.question import Kind
from tests.core.grading.test_probes import probe

# The probes on "I don't know" and on the rubric itself, roughly as the default model gives them.
ANCHORS = Anchors(low=probe(0.08, (0.6, 0.7), 3, 0.0), high=probe(0.85, (0.99, 0.995), 40, 1.0))
STRONG = probe(0.9, (0.99, 0.99), 120, 0.6)
WRONG = probe(0.05, (0.55, 0.6), 45, 0.1)


def test_strong_and_weak_probes_give_the_ends_of_the_scale() -> None:
    good = decide(STRONG, Kind.TECHNICAL, ANCHORS)
    bad = decide(WRONG, Kind.TECHNICAL, ANCHORS)
    assert good.verdict is Verdict.CORRECT and good.score >= 9
    assert bad.verdict is Verdict.INCORRECT and bad.score <= 2


def test_wording_and_length_do_not_lift_a_wrong_answer() -> None:
    fluent_but_wrong = probe(0.05, (0.55, 0.6), 140, 0.7)  # the rubric's words, at length
    assert decide(fluent_but_wrong, Kind.TECHNICAL, ANCHORS).verdict is Verdict.INCORRECT


def test_a_right_but_thin_answer_is_partial() -> None:
    thin = probe(0.8, (0.97, 0.9), 30, 0.15)  # a fair reaction, one point made well
    decision = decide(thin, Kind.TECHNICAL, ANCHORS)
    assert decision.verdict is Verdict.PARTIAL and 4 <= decision.score <= 7


def test_probes_are_read_relative_to_the_anchors() -> None:
    answer = probe(0.5, (0.95, 0.97), 60, 0.3)
    easy_rubric = Anchors(low=probe(0.08, (0.93, 0.95), 3, 0.0), high=ANCHORS.high)
    assert answer.features(easy_rubric)["points_gain"] < answer.features(ANCHORS)["points_gain"]
    assert answer.features(ANCHORS)["points_gain"] == pytest.approx(
        (answer.point_logodds - ANCHORS.low.point_logodds)
        / (ANCHORS.high.point_logodds - ANCHORS.low.point_logodds)
    )
    flat = Anchors(low=ANCHORS.high, high=ANCHORS.high)  # no spread: no division blow-up
    assert abs(answer.features(flat)["points_gain"]) < 10


def test_scores_stay_in_their_verdict_band_and_keep_order() -> None:
    for verdict, (low, high) in SCORE_BANDS.items():
        for any_credit in (0.0, 0.3, 0.5, 0.9, 1.0):
            for full_credit in (0.0, 0.2, 0.49, 0.5, 0.8, 1.0):
                assert low <= band_score(verdict, any_credit, full_credit) <= high
    assert band_score(Verdict.PARTIAL, 0.9, 0.05) < band_score(Verdict.PARTIAL, 0.9, 0.45)
    assert band_score(Verdict.INCORRECT, 0.05, 0) < band_score(Verdict.INCORRECT, 0.45, 0)


def test_a_generic_behavioural_answer_is_at_best_partial() -> None:
    generic = ProbeResult(**{**STRONG.__dict__, "hypothetical": True})
    decision = decide(generic, Kind.BEHAVIOURAL, ANCHORS)
    assert decision.verdict is Verdict.PARTIAL and decision.score == 7
    assert decide(generic, Kind.TECHNICAL, ANCHORS).verdict is Verdict.CORRECT


def test_a_short_reference_answer_has_its_own_fit_and_a_rubric_of_points_the_interviews() -> None:
    from interbot_tui.core.grading.score_model import (
        DEFAULT_MODEL,
        REFERENCE_MODEL,
        default_model_for,
    )
    from interbot_tui.core.profile import Difficulty
    from interbot_tui.core.questions.question import Question

    def question(points: int) -> Question:
        rubric = tuple(f"point {i}" for i in range(points))
        return Question("q", "Why?", Kind.TECHNICAL, Difficulty.MEDIUM, rubric, "", "")

    assert default_model_for(question(1)) is REFERENCE_MODEL
    assert default_model_for(question(2)) is REFERENCE_MODEL
    assert default_model_for(question(3)) is DEFAULT_MODEL is not REFERENCE_MODEL
    # the same thin evidence earns more against a one-line reference than against a rubric
    thin = probe(0.7, (0.9,), 15, 0.3)
    anchors = Anchors(low=probe(0.08, (0.6,), 3, 0.0), high=probe(0.85, (0.99,), 15, 1.0))
    as_reference = decide(thin, Kind.TECHNICAL, anchors, REFERENCE_MODEL)
    as_rubric = decide(thin, Kind.TECHNICAL, anchors, DEFAULT_MODEL)
    assert as_reference.any_credit > as_rubric.any_credit
