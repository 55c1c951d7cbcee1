"""The STAR check: parts from rubric wording, generic answers, missing parts, one wording."""

from __future__ import annotations

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.grading.json_grader import grading_messages
from interbot_tui.core.grading.probes import ProbeResult, probe_messages
from interbot_tui.core.grading.star import (
    STAR_EXPLANATION,
    Star,
    hypothetical,
    missing_star,
    star_part,
    star_points,
    star_summary,
)
from tests.core.grading.test_probes import BEH, TECH


def test_hypothetical_detection() -> None:
    assert hypothetical("I would stay calm, check the logs and then I'd talk to people.")
    assert not hypothetical(
        "Last year I was on call when checkout failed. I rolled back the deploy and we recovered."
    )


def test_star_parts_from_key_point_wording() -> None:
    assert star_part("Result: a clear outcome") is Star.RESULT
    assert star_part("States their own task or responsibility") is Star.TASK
    assert star_part("Describes a specific situation") is Star.SITUATION
    where = star_points(BEH)
    assert where[Star.SITUATION] == 0 and where[Star.ACTION] == 1
    assert where[Star.TASK] is None and where[Star.RESULT] is None


def test_missing_star_parts_are_named() -> None:
    p = ProbeResult(
        reaction={Verdict.CORRECT: 0.5, Verdict.PARTIAL: 0.3, Verdict.INCORRECT: 0.2},
        points=(0.95, 0.9),
        star={Star.TASK: 0.9, Star.RESULT: 0.3},
        n_words=60,
        hypothetical=True,
    )
    assert missing_star(BEH, p) == [Star.SITUATION, Star.RESULT]
    assert missing_star(TECH, p) == []


def test_both_graders_explain_star_in_the_same_words() -> None:
    assert STAR_EXPLANATION in probe_messages(BEH, "x")[0]["content"]
    assert STAR_EXPLANATION in grading_messages(BEH, "x")[0]["content"]
    assert "STAR" not in probe_messages(TECH, "x")[0]["content"]


def test_star_summary_names_the_missing_parts() -> None:
    assert star_summary(BEH, []) == "STAR complete"
    assert star_summary(BEH, [Star.TASK, Star.RESULT]) == "STAR: missing task, result"
    assert star_summary(TECH, [Star.TASK]) == ""
