from __future__ import annotations

from dataclasses import replace

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.grading.probes import (
    ProbeResult,
    anchor_answers,
    lexical_coverage,
    missing_points,
    probe_messages,
    reaction_choices,
    reaction_shares,
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


def test_missing_points_weakest_first() -> None:
    p = probe(0.5, (0.95, 0.4), 50, 0.2)
    assert missing_points(TECH, p, Verdict.CORRECT) == (TECH.key_points[1],)
    # the model says yes readily: a partial answer still names its weakest point
    eager = probe(0.5, (0.97, 0.9), 50, 0.2)
    assert missing_points(TECH, eager, Verdict.CORRECT) == ()
    assert missing_points(TECH, eager, Verdict.PARTIAL) == (TECH.key_points[1],)


def test_a_point_the_answer_plainly_says_is_not_named_missing_on_relative_doubt() -> None:
    from interbot_tui.core.grading.probes import point_said, points_said

    point = "Decide whether to fail open or closed if the limiter's store is unavailable"
    assert point_said(point, "If Redis is down I would fail open so the API stays up.")
    assert not point_said(point, "I would return 429 to the client.")
    assert not point_said(point, "")
    said = points_said(TECH, "Writes get slower: every INSERT must also update the index.")
    assert said == (False, True)
    eager = replace(probe(0.5, (0.97, 0.9), 50, 0.2), said=said)
    # the weakest point was plainly said, so the other, unsaid one is named instead
    assert missing_points(TECH, eager, Verdict.PARTIAL) == (TECH.key_points[0],)
    both = replace(eager, said=(True, True))
    assert missing_points(TECH, both, Verdict.PARTIAL) == ()
    # a point the model is sure is missing is still named, whatever words the answer uses
    sure = replace(probe(0.5, (0.97, 0.1), 50, 0.2), said=(True, True))
    assert missing_points(TECH, sure, Verdict.PARTIAL) == (TECH.key_points[1],)


def test_lexical_coverage() -> None:
    assert lexical_coverage(TECH, "") == 0.0
    assert lexical_coverage(TECH, " ".join(TECH.key_points)) == 1.0


def test_made_points_need_a_sure_yes_well_above_the_dont_know_anchor() -> None:
    from interbot_tui.core.grading.probes import Anchors, made_points

    question = replace(TECH, key_points=(*TECH.key_points, "Indexes take disk and memory."))
    n = len(question.key_points)
    anchors = Anchors(low=probe(0.1, (0.6,) * n, 3, 0.0), high=probe(0.9, (0.99,) * n, 40, 1.0))
    answer = probe(0.8, (0.99, 0.92) + (0.97,) * (n - 2), 60, 0.4)
    made = made_points(question, answer, anchors)
    assert made == (question.key_points[0], question.key_points[2])  # surest first, at most 2
    yes_to_all = Anchors(low=probe(0.1, (0.95,) * n, 3, 0.0), high=anchors.high)
    assert made_points(question, answer, yes_to_all) == ()  # a rubric the model affirms anyway


def test_point_said_finds_the_point_in_other_word_order() -> None:
    from interbot_tui.core.grading.probes import point_said

    point = "Shared counters across instances, e.g. Redis with atomic INCR or Lua scripts"
    assert point_said(point, "I would use Redis INCR so it is atomic.")
    assert point_said("Shared counters across instances", "one counter every instance can see")
    assert not point_said(point, "I keep the limit in memory on each server.")
