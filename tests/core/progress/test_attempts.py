"""Attempts at one question across sessions: what each covered and missed, the side-by-side
table, and the sentence on what changed since the last try."""

from __future__ import annotations

import dataclasses
import json
import time

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.turn import Attempt
from interbot_tui.core.profile import Difficulty
from interbot_tui.core.progress import StoredSession
from interbot_tui.core.progress.attempts import (
    AttemptView,
    attempt_view,
    attempts_of,
    compare_lines,
    point_name,
    what_changed,
)
from interbot_tui.core.questions.question import Kind, Question
from interbot_tui.core.speech.delivery import Delivery
from tests.core.progress._sessions import DAY, Q1, turn

RESULT = "States a measurable result"
TRADE_OFF = "Names a trade-off they made"
SITUATION = "Describes the situation and their own task"
DEADLINE = Question(
    "beh-deadline",
    "Tell me about a tight deadline.",
    Kind.BEHAVIOURAL,
    Difficulty.MEDIUM,
    (SITUATION, RESULT, TRADE_OFF),
    "hint",
    "answer",
    domain="behavioural",
)
# 2 Dec 2026 at 10:00 local time, so dates read the same in every time zone.
DEC_2 = time.mktime((2026, 12, 2, 10, 0, 0, 0, 0, -1))
FAST = Delivery(60, 20.0, 180.0, {"um": 3}, 2, 3.0, 21.0)
CALM = Delivery(60, 30.0, 120.0, {}, 0, 1.0, 31.0)


def view(**changes: object) -> AttemptView:
    """A graded, typed attempt at DEADLINE that missed the result and the trade-off."""
    base = AttemptView(
        session_id=1,
        number=2,
        at=DEC_2,
        question_id=DEADLINE.id,
        verdict=Verdict.PARTIAL,
        score=5,
        covered=(SITUATION,),
        missed=(RESULT, TRADE_OFF),
        words=80,
        hint_used=False,
        wpm=None,
        fillers_per_min=None,
        long_pauses=None,
        answer="an answer",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


# --- one attempt ------------------------------------------------------------------------------


def test_the_best_grade_decides_and_its_missing_notes_name_key_points() -> None:
    first = turn(
        2,
        DEADLINE,
        Verdict.PARTIAL,
        5,
        ("no measurable result", "did not name a trade-off"),
        answer="We shipped late.",
        hint_given=True,
        at=DEC_2 + 60,
    )
    retry = turn(
        2,
        DEADLINE,
        Verdict.CORRECT,
        8,
        ("did not name a trade-off", "missing"),  # a vague note names no key point
        Attempt.RETRY,
        answer="We cut scope and shipped 3 days early, cutting latency by 40%.",
        at=DEC_2 + 120,
    )
    a = attempt_view(7, [first, retry])
    assert (a.session_id, a.number, a.question_id, a.at) == (7, 2, DEADLINE.id, DEC_2 + 60)
    assert (a.verdict, a.score) == (Verdict.CORRECT, 8)
    assert a.missed == (TRADE_OFF,)
    assert a.covered == (SITUATION, RESULT)  # in rubric order
    assert a.words == 3 + 12 and a.hint_used
    assert (
        a.answer
        == "We shipped late.\n\nWe cut scope and shipped 3 days early, cutting latency by 40%."
    )
    assert (a.wpm, a.fillers_per_min, a.long_pauses) == (None, None, None)  # typed


def test_the_last_grade_decides_as_in_the_report() -> None:
    """A retry is graded with the first answer, so its grade is on all that was said."""
    good = turn(1, DEADLINE, Verdict.PARTIAL, 7, ("no measurable result",))
    worse = turn(1, DEADLINE, Verdict.PARTIAL, 4, ("no measurable result", "no trade-off"))
    a = attempt_view(1, [good, worse])
    assert a.score == 4 and len(a.missed) == 2 and RESULT in a.missed


def test_an_ungraded_attempt_covers_and_misses_nothing() -> None:
    a = attempt_view(1, [turn(1, DEADLINE, None, None, answer="one two three")], DEC_2)
    assert (a.verdict, a.score, a.covered, a.missed, a.words) == (None, None, (), (), 3)
    assert a.at == DEC_2  # stored without a time: the session's start


def test_spoken_answers_give_delivery_figures() -> None:
    turns = [
        turn(1, DEADLINE, Verdict.PARTIAL, 5, delivery=FAST),
        turn(1, DEADLINE, Verdict.PARTIAL, 6, attempt=Attempt.RETRY, delivery=CALM),
    ]
    a = attempt_view(1, turns)
    # Pace weighted by speaking time: (180×20 + 120×30) / 50 = 144; 3 fillers in 50 s.
    assert a.wpm == 144.0 and a.fillers_per_min == 3.6 and a.long_pauses == 2
    json.dumps(a.to_dict())
    assert a.to_dict()["verdict"] == "partial" and a.to_dict()["missed"] == []


def test_attempts_of_one_question_across_sessions_oldest_first() -> None:
    late = StoredSession(
        5,
        DEC_2 + 3 * DAY,
        "PM",
        "finished",
        (turn(1, Q1, Verdict.CORRECT, 9), turn(2, DEADLINE, Verdict.CORRECT, 9)),
    )
    early = StoredSession(2, DEC_2, "PM", "finished", (turn(4, DEADLINE, Verdict.PARTIAL, 5),))
    none = StoredSession(3, DEC_2 + DAY, "PM", "interrupted", (turn(1, Q1, Verdict.PARTIAL, 5),))
    found = attempts_of([late, none, early], DEADLINE.id)
    assert [(a.session_id, a.number, a.score) for a in found] == [(2, 4, 5), (5, 2, 9)]
    assert attempts_of([late], "no-such-question") == []


# --- the table --------------------------------------------------------------------------------


def test_the_table_has_one_column_per_attempt_and_names_the_points() -> None:
    older = view()
    newer = view(
        session_id=4,
        number=1,
        at=DEC_2 + 3 * DAY,
        verdict=Verdict.CORRECT,
        score=8,
        covered=(SITUATION, RESULT),
        missed=(TRADE_OFF,),
        hint_used=True,
        wpm=142.0,
        fillers_per_min=1.5,
        long_pauses=1,
    )
    lines = compare_lines([older, newer])
    assert max(len(line) for line in lines) <= 80
    text = "\n".join(lines)
    assert lines[0].split() == ["#1", "session", "1", "Q2", "#2", "session", "4", "Q1"]
    assert lines[1].split() == ["date", "2", "Dec", "2026", "10:00", "5", "Dec", "2026", "10:00"]
    assert lines[2].split() == ["result", "partial", "5/10", "correct", "8/10"]
    row = {line.split()[0]: line.split()[1:] for line in lines if line[:1] != " "}
    assert row["covered"] == ["1", "of", "3", "2", "of", "3"]
    assert row["missed"] == ["2", "1"]
    assert row["hint"] == ["no", "yes"]
    assert row["pace"] == ["typed", "142", "wpm"]
    assert "· a measurable result" in text and "· a trade-off you made" in text
    assert "left out" not in text  # both fit


def test_at_80_columns_only_the_latest_three_show() -> None:
    attempts = [view(session_id=i, at=DEC_2 + i * DAY, score=i + 1) for i in range(1, 6)]
    lines = compare_lines(attempts, width=80)
    assert max(len(line) for line in lines) <= 80
    assert lines[0] == "The latest 3 of 5 attempts (2 older attempts left out)."
    assert lines[1].split()[::4] == ["#3", "#4", "#5"]
    assert "session 5" in lines[1] and "session 2" not in lines[1]
    assert lines[3].split() == ["result", "partial", "4/10", "partial", "5/10", "partial", "6/10"]
    wide = compare_lines(attempts, width=120)
    assert "left out" not in wide[0] and wide[0].split()[::4] == ["#1", "#2", "#3", "#4", "#5"]
    assert max(len(line) for line in wide) <= 120


def test_point_names_drop_the_rubric_verb() -> None:
    assert point_name(RESULT) == "a measurable result"
    assert point_name("Measurable or clear result") == "measurable or clear result"
    assert compare_lines([]) == []


# --- what changed -----------------------------------------------------------------------------


def test_a_newly_covered_point_and_a_higher_score_are_said() -> None:
    now = view(
        session_id=2,
        at=DEC_2 + 2 * DAY,
        verdict=Verdict.PARTIAL,
        score=7,
        covered=(SITUATION, RESULT),
        missed=(TRADE_OFF,),
    )
    assert what_changed(view(), now) == (
        "Since your last try on 2 Dec (partial, 5/10): your score went up to 7/10; "
        "this time you stated a measurable result; you still did not name a trade-off you made."
    )


def test_nothing_changed_says_nothing() -> None:
    assert what_changed(view(), view(session_id=2, at=DEC_2 + DAY)) == ""
    # A few more words, a slightly different pace: not worth a sentence either.
    spoken = view(wpm=130.0, fillers_per_min=2.0, long_pauses=0)
    assert what_changed(spoken, dataclasses.replace(spoken, words=95, wpm=140.0)) == ""


def test_a_lost_point_and_a_lower_score() -> None:
    now = view(verdict=Verdict.INCORRECT, score=3, covered=(), missed=(SITUATION, RESULT))
    said = what_changed(view(), now)
    assert said.startswith("Since your last try on 2 Dec (partial, 5/10): your score went down")
    assert "to 3/10 (incorrect)" in said
    assert "you did not describe the situation and your own task this time" in said
    assert "you still did not state a measurable result" in said


def test_length_pace_and_fillers_of_spoken_answers() -> None:
    before = view(words=200, wpm=120.0, fillers_per_min=5.0, long_pauses=2)
    after = view(words=60, wpm=165.0, fillers_per_min=1.0, long_pauses=0)
    said = what_changed(before, after)
    # The grade in the first sentence, even unchanged; how it was said in the second.
    assert said == (
        "Since your last try on 2 Dec (partial, 5/10): your score stayed at 5/10; you still did "
        "not state a measurable result. Your answer was much shorter (60 words, 200 before); you "
        "spoke faster (165 wpm, 120 before); you used fewer filler words (1.0 a minute, 5.0 "
        "before)."
    )
    slower = what_changed(after, dataclasses.replace(before, fillers_per_min=1.0))
    assert "you spoke slower (120 wpm, 165 before)" in slower and "filler" not in slower
    assert "much longer (200 words, 60 before)" in slower


def test_an_ungraded_try_is_compared_on_length_alone() -> None:
    ungraded = view(verdict=None, score=None, covered=(), missed=())
    assert what_changed(ungraded, view()) == ""
    longer = view(words=200)
    assert what_changed(ungraded, longer) == (
        "Since your last try on 2 Dec (not graded): your answer was much longer "
        "(200 words, 80 before)."
    )


def test_an_older_year_is_named() -> None:
    said = what_changed(view(at=DEC_2 - 365 * DAY), view(score=7))
    assert said.startswith("Since your last try on 2 Dec 2025 (partial, 5/10)")


def test_an_incorrect_answer_covered_nothing_and_an_empty_one_is_not_shorter() -> None:
    wrong = attempt_view(1, [turn(1, DEADLINE, Verdict.INCORRECT, 1, (RESULT,), answer="")])
    assert wrong.covered == () and wrong.missed == DEADLINE.key_points
    now = view(
        at=DEC_2 + DAY,
        verdict=Verdict.CORRECT,
        score=9,
        covered=(SITUATION, RESULT, TRADE_OFF),
        missed=(),
    )
    text = what_changed(dataclasses.replace(wrong, at=DEC_2), now)
    assert "went up to 9/10" in text and "3 more key points" in text
    assert "left out" not in text and "longer" not in text  # nothing was lost or said before
