"""Feedback: built from the probes, spoken to "you", and model sentences checked."""

from __future__ import annotations

from interbot_tui.core.grading.feedback import (
    _topic,
    feedback_messages,
    feedback_problem,
    template_feedback,
)
from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.grading.probes import probe_messages
from interbot_tui.core.grading.star import Star
from tests.core.grading.test_probes import BEH, TECH


def test_feedback_is_checked_for_echo_and_giveaways() -> None:
    assert feedback_problem("Good, but mention the key points.", TECH)
    assert feedback_problem("The candidate said it well enough overall.", TECH)
    assert feedback_problem("You said " + TECH.key_points[1], TECH)
    assert feedback_problem("Nice.", TECH)
    assert not feedback_problem("You explained lookups well; think about what writes cost.", TECH)
    assert feedback_problem("Good answer, well explained.", TECH, Verdict.INCORRECT)
    assert feedback_problem("This is wrong about writes.", TECH, Verdict.CORRECT)


def test_template_feedback_names_the_gap_without_the_answer() -> None:
    text = template_feedback(TECH, Verdict.PARTIAL, (TECH.key_points[1],), [])
    assert "every INSERT, UPDATE and DELETE must also update the index" in text
    assert "writes get slower" not in text and text.startswith("Partly there")
    beh = template_feedback(BEH, Verdict.PARTIAL, (), [Star.RESULT], instructions_removed=True)
    assert "result" in beh and "ignored" in beh


def test_feedback_messages_reuse_the_probe_prefix_and_the_language() -> None:
    messages = feedback_messages(
        TECH, "A B-tree.", Verdict.PARTIAL, TECH.key_points[1:], [], "Spanish"
    )
    assert messages[:3] == probe_messages(TECH, "A B-tree.")
    assert "in Spanish" in messages[3]["content"] and "INSERT" in messages[3]["content"]


def test_topic_names_the_point_briefly_and_to_you() -> None:
    assert _topic("POST is not idempotent: repeating it can create duplicates.") == (
        "POST is not idempotent"
    )
    assert _topic("Examples: fitting scalers on the full data before splitting.").startswith(
        "fitting scalers"
    )
    assert _topic("Task: the candidate's own role (e.g. on-call).") == "your own role"
    assert _topic("Reflection: what they learned about influencing.") == (
        "what you learned about influencing"
    )
    assert (
        _topic("Score = (Reach x Impact) / Effort; higher wins.")
        == "score = (Reach x Impact) / Effort"
    )


def test_missing_point_is_spoken_to_you() -> None:
    assert _topic("Describes concrete steps they are taking to improve") == (
        "describes concrete steps you are taking to improve"
    )
    assert _topic("Area is not a core requirement that would disqualify them").endswith(
        "disqualify you"
    )
    assert _topic("What they learned about their role") == "what you learned about your role"


def test_retry_added_names_the_points_the_retry_made_in_your_terms() -> None:
    from interbot_tui.core.grading.feedback import retry_added

    before = ["Explains why they are proud of it", "Mentions a measured result"]
    assert retry_added(before, ["Mentions a measured result"]) == (
        "New in your second try: you explained why you are proud of it."
    )
    assert retry_added(before, before) == ""
    assert retry_added([], []) == ""


def test_points_become_advice_and_credit_spoken_to_you() -> None:
    point = "States a concrete outcome, ideally with a number"
    partial = template_feedback(BEH, Verdict.PARTIAL, (point,), [], made=(BEH.key_points[0],))
    assert "The point to work on: state a concrete outcome, ideally with a number." in partial
    good = template_feedback(BEH, Verdict.CORRECT, (point,), [], made=("Mentions a challenge",))
    assert "What you got right: you mentioned a challenge." in good
    assert "To make it complete, also state a concrete outcome" in good
    # a technical point with no leading verb is named as it is
    tech = template_feedback(TECH, Verdict.CORRECT, (TECH.key_points[1],), [])
    assert "also mention every INSERT" in tech


def test_filler_note_only_when_fillers_crowd_the_answer() -> None:
    from interbot_tui.core.grading.feedback import filler_note

    spoken = "Um, so, an index is, um, like, a sorted copy, you know, and, um, it speeds reads up."
    assert filler_note(spoken).startswith('Fewer filler words ("um"')
    assert filler_note("An index is a sorted structure. Um, it speeds up reads.") == ""
    text = template_feedback(TECH, Verdict.PARTIAL, (), [], answer=spoken)
    assert text.endswith("a short pause sounds surer.")


def test_a_shortened_point_ends_its_sentence_once() -> None:
    long_point = (
        "Shared counters across instances, e.g. Redis with atomic INCR or Lua scripts, or enforce "
        "at an API gateway in front of every instance"
    )
    text = template_feedback(TECH, Verdict.PARTIAL, (long_point,), [])
    assert "…." not in text and text.endswith("…")
