from __future__ import annotations

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.grading.probes import (
    ProbeResult,
    Star,
    anchor_answers,
    feedback_messages,
    feedback_problem,
    hypothetical,
    lexical_coverage,
    missing_points,
    missing_star,
    probe_messages,
    reaction_choices,
    reaction_shares,
    star_part,
    star_points,
    template_feedback,
)
from interbot_tui.core.profile import Difficulty
from interbot_tui.core.questions.question import Kind, Question

TECH = Question(
    "t1",
    "What is a database index, and when can it hurt?",
    Kind.TECHNICAL,
    Difficulty.MEDIUM,
    (
        "An index is a separate sorted structure, usually a B-tree, so lookups avoid a full scan.",
        "Every INSERT, UPDATE and DELETE must also update the index, so writes get slower.",
    ),
    "Think of a book.",
    "",
)
BEH = Question(
    "b1",
    "Tell me about a time you resolved a conflict.",
    Kind.BEHAVIOURAL,
    Difficulty.MEDIUM,
    (
        "Describes a specific situation (not a generic 'I would...')",
        "Concrete actions they personally took",
    ),
    "Pick a real one.",
    "",
)


def probe(reaction: float, points: tuple[float, ...], words: int, lexical: float) -> ProbeResult:
    rest = (1 - reaction) / 2
    return ProbeResult(
        reaction={Verdict.CORRECT: reaction, Verdict.PARTIAL: rest, Verdict.INCORRECT: rest},
        points=points,
        n_words=words,
        lexical=lexical,
    )


def test_messages_put_the_answer_last_as_the_candidates_turn() -> None:
    messages = probe_messages(TECH, "It is a B-tree.")
    assert [m["role"] for m in messages] == ["system", "assistant", "user"]
    assert TECH.key_points[1] in messages[0]["content"]
    assert messages[1]["content"] == TECH.text and messages[2]["content"] == "It is a B-tree."
    assert "STAR" in probe_messages(BEH, "x")[0]["content"]


def test_reaction_shares_sum_per_verdict() -> None:
    n = len(reaction_choices())
    shares = reaction_shares([1.0] * 6 + [0.0] * (n - 6))
    assert shares[Verdict.CORRECT] == 1.0 and shares[Verdict.INCORRECT] == 0.0


def test_anchor_answers_are_none_and_the_rubric() -> None:
    low, high = anchor_answers(TECH)
    assert low == "I don't know." and TECH.key_points[1] in high


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


def test_missing_points_weakest_first() -> None:
    p = probe(0.5, (0.95, 0.4), 50, 0.2)
    assert missing_points(TECH, p, Verdict.CORRECT) == (TECH.key_points[1],)
    # the model says yes readily: a partial answer still names its weakest point
    eager = probe(0.5, (0.97, 0.9), 50, 0.2)
    assert missing_points(TECH, eager, Verdict.CORRECT) == ()
    assert missing_points(TECH, eager, Verdict.PARTIAL) == (TECH.key_points[1],)


def test_lexical_coverage() -> None:
    assert lexical_coverage(TECH, "") == 0.0
    assert lexical_coverage(TECH, " ".join(TECH.key_points)) == 1.0


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
    from interbot_tui.core.grading.probes import _topic

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
    from interbot_tui.core.grading.probes import _topic

    assert _topic("Describes concrete steps they are taking to improve") == (
        "describes concrete steps you are taking to improve"
    )
    assert _topic("Area is not a core requirement that would disqualify them").endswith(
        "disqualify you"
    )
    assert _topic("What they learned about their role") == "what you learned about your role"
