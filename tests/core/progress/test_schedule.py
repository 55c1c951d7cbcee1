"""The practice scheduler: what comes back when, in what order, with what reason."""

from __future__ import annotations

from dataclasses import replace

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.turn import Attempt, Turn
from interbot_tui.core.progress import (
    DueQuestion,
    StoredSession,
    due_questions,
    next_due,
    practice_plan,
    practising_ids,
    review_slots,
)
from interbot_tui.core.progress.schedule import (
    GOOD_INTERVAL,
    MAX_INTERVAL,
    MISSED_INTERVAL,
    SHAKY_INTERVAL,
)
from interbot_tui.core.questions.question import Question, Source
from tests.core.progress._sessions import DAY, Q1, Q2, Q3, Q4, Q5, Q6, T0, turn

HOUR = 3600.0
FAR = T0 + 1000 * DAY  # everything ever scheduled is due by then


def session(sid: int, at: float, *turns: Turn, role: str = "Backend engineer") -> StoredSession:
    return StoredSession(sid, at, role, "finished", turns)


def right(number: int, q: Question, at: float) -> Turn:
    return turn(number, q, Verdict.CORRECT, 9, at=at)


def wrong(number: int, q: Question, at: float, missing: tuple[str, ...] = ()) -> Turn:
    return turn(number, q, Verdict.INCORRECT, 2, missing, at=at)


def ids(found: list[DueQuestion] | list[Question]) -> list[str]:
    return [(d.question if isinstance(d, DueQuestion) else d).id for d in found]


def test_a_missed_question_comes_back_before_a_good_one() -> None:
    history = [session(1, T0, wrong(1, Q1, T0), right(2, Q4, T0))]

    assert ids(due_questions(history, T0 + HOUR)) == ["db-index"]
    assert due_questions(history, T0 + HOUR)[0].due_at == T0 + MISSED_INTERVAL
    assert due_questions(history, T0 + MISSED_INTERVAL - 1) == []
    assert next_due(history, T0 + HOUR) == T0 + GOOD_INTERVAL
    assert ids(due_questions(history, T0 + GOOD_INTERVAL)) == ["db-index", "db-mvcc"]


def test_each_kind_of_answer_gets_its_interval() -> None:
    hinted = (
        turn(1, Q1, Verdict.PARTIAL, 5, at=T0, hint_given=True),
        turn(1, Q1, Verdict.CORRECT, 8, attempt=Attempt.RETRY, at=T0 + 60),
    )
    revealed = (
        turn(2, Q2, Verdict.PARTIAL, 5, at=T0, hint_given=True),
        turn(2, Q2, Verdict.PARTIAL, 6, attempt=Attempt.RETRY, at=T0 + 60, revealed=True),
    )
    strict_partial = turn(3, Q4, Verdict.PARTIAL, 6, at=T0)
    history = [session(1, T0, *hinted, *revealed, strict_partial, right(4, Q6, T0))]

    found = {d.question.id: d for d in due_questions(history, FAR)}

    assert {k: (d.last_outcome, d.due_at - d.last_at) for k, d in found.items()} == {
        "db-index": ("shaky", SHAKY_INTERVAL),
        "beh-conflict": ("missed", MISSED_INTERVAL),
        "db-mvcc": ("shaky", SHAKY_INTERVAL),
        "db-acid": ("good", GOOD_INTERVAL),
    }
    # One outcome per session: the retry decides, dated when it was answered.
    assert found["db-index"].attempts == 1 and found["db-index"].last_at == T0 + 60
    assert found["db-index"].reason == "last time correct after a hint"
    assert found["beh-conflict"].reason == (
        "missed 1 of 1 time; last time partial after a hint, answer revealed"
    )


def test_the_good_interval_doubles_with_a_streak_up_to_the_cap() -> None:
    days = [0, 3, 9, 21, 45, 93]  # each answered when it fell due
    history = [session(i + 1, T0 + d * DAY, right(1, Q1, T0 + d * DAY)) for i, d in enumerate(days)]

    def interval_after(n: int) -> float:
        [due] = due_questions(history[:n], FAR)
        return due.due_at - due.last_at

    assert [interval_after(n) / DAY for n in range(1, 7)] == [3, 6, 12, 24, 48, 60]
    assert interval_after(6) == MAX_INTERVAL
    assert due_questions(history[:3], T0 + 21 * DAY - 1) == []
    assert due_questions(history[:3], FAR)[0].reason == "correct 3 times in a row; due for a review"


def test_a_miss_resets_the_streak() -> None:
    history = [
        session(1, T0, right(1, Q1, T0)),
        session(2, T0 + 3 * DAY, right(1, Q1, T0 + 3 * DAY)),
        session(3, T0 + 9 * DAY, wrong(1, Q1, T0 + 9 * DAY)),
        session(4, T0 + 10 * DAY, right(1, Q1, T0 + 10 * DAY)),
    ]

    [due] = due_questions(history, FAR)

    assert due.due_at == T0 + 10 * DAY + GOOD_INTERVAL  # back to the short good interval
    assert (due.attempts, due.misses, due.last_outcome) == (4, 1, "good")
    assert due.reason == "missed 1 of 4 times; last time correct"


def test_ranked_by_misses_then_most_overdue() -> None:
    s1, s2 = T0, T0 + 2 * DAY
    history = [
        session(1, s1, wrong(1, Q1, s1), wrong(2, Q4, s1 + 60)),
        session(2, s2, wrong(1, Q1, s2), wrong(2, Q6, s2)),
    ]

    found = due_questions(history, FAR)

    # db-index missed twice; db-mvcc and db-acid once each, db-mvcc due first.
    assert ids(found) == ["db-index", "db-mvcc", "db-acid"]
    assert [d.misses for d in found] == [2, 1, 1]
    assert found[0].reason == "missed 2 of 2 times; last time incorrect"


def test_recent_misses_weigh_more_than_old_ones() -> None:
    days = [T0, T0 + DAY, T0 + 2 * DAY]
    old = [wrong(1, Q1, days[0]), wrong(1, Q1, days[1]), right(1, Q1, days[2])]
    recent = [right(2, Q4, days[0]), right(2, Q4, days[1]), wrong(2, Q4, days[2])]
    history = [session(i + 1, days[i], old[i], recent[i]) for i in range(3)]

    found = due_questions(history, FAR)

    assert ids(found) == ["db-mvcc", "db-index"]  # one recent miss beats two older ones
    assert [d.misses for d in found] == [1, 2]


def test_the_key_points_missed_most_often_come_first() -> None:
    s1, s2 = T0, T0 + DAY
    history = [
        session(
            1,
            s1,
            turn(1, Q4, Verdict.PARTIAL, 5, at=s1),  # first asked, no point named
            turn(2, Q1, Verdict.PARTIAL, 5, ("alpha point",), at=s1),
        ),
        session(
            2,
            s2,
            wrong(1, Q4, s2),
            wrong(2, Q1, s2, ("beta point", "alpha point")),
        ),
    ]

    found = due_questions(history, FAR)

    # Equal misses and equally overdue: the question whose point keeps being missed first.
    assert ids(found) == ["db-index", "db-mvcc"]
    assert found[0].missed_points == ("alpha point", "beta point")
    assert found[1].missed_points == ()


def test_role_filter_keeps_matching_sessions_only() -> None:
    history = [
        session(1, T0, wrong(1, Q1, T0)),
        session(2, T0, wrong(1, Q5, T0), role="Data scientist"),
        session(3, T0 + DAY, right(1, Q1, T0 + DAY), role="Senior data scientist"),
    ]

    assert ids(due_questions(history, FAR, role="backend")) == ["db-index"]
    assert due_questions(history, FAR, role="backend")[0].misses == 1
    assert ids(due_questions(history, FAR, role="data")) == ["ml-bias", "db-index"]
    assert due_questions(history, FAR, role="data")[1].last_outcome == "good"
    assert next_due(history, T0, role="data") == T0 + MISSED_INTERVAL
    assert len(due_questions(history, FAR)) == 2  # no role: every session


def test_warm_ups_and_generated_questions_without_key_points_are_skipped() -> None:
    bare = replace(Q5, id="gen-1", source=Source.GENERATED, key_points=())
    pointed = replace(Q5, id="gen-2", source=Source.GENERATED)
    history = [
        session(1, T0, wrong(1, Q3, T0), wrong(2, bare, T0), wrong(3, pointed, T0)),
    ]

    assert ids(due_questions(history, FAR)) == ["gen-2"]


def test_ungraded_answers_are_not_attempts() -> None:
    history = [
        session(1, T0, right(1, Q1, T0), turn(2, Q4, None, None, at=T0)),
        session(2, T0 + DAY, turn(1, Q1, None, None, at=T0 + DAY)),
    ]

    [due] = due_questions(history, FAR)

    assert due.question.id == "db-index" and due.attempts == 1
    assert due.due_at == T0 + GOOD_INTERVAL  # the failed grading did not reset anything


def test_the_latest_version_of_a_question_is_practised() -> None:
    reworded = replace(Q1, text="Why are indexed reads fast?")
    history = [
        session(2, T0 + DAY, wrong(1, reworded, T0 + DAY)),
        session(1, T0, wrong(1, Q1, T0)),
    ]

    [due] = due_questions(history, FAR)

    assert due.question.text == "Why are indexed reads fast?" and due.attempts == 2
    assert due.to_dict()["question"] == "Why are indexed reads fast?"
    assert due.to_dict()["missed_points"] == []


def test_practice_plan_leaves_a_third_for_fresh_questions() -> None:
    questions = [Q1, Q2, Q4, Q5, Q6, replace(Q6, id="db-wal")]
    history = [session(1, T0, *(wrong(i + 1, q, T0 + i) for i, q in enumerate(questions)))]

    assert [review_slots(n) for n in (0, 1, 2, 3, 4, 5, 6)] == [0, 1, 2, 2, 3, 4, 4]
    assert len(practice_plan(history, FAR, 5)) == 4
    assert len(practice_plan(history, FAR, 3)) == 2
    assert practice_plan(history, FAR, 0) == []
    assert len(practice_plan(history, FAR, 5, mix_fresh=False)) == 5
    assert ids(practice_plan(history, FAR, 3)) == ["db-index", "beh-conflict"]  # most overdue
    assert len(practice_plan(history, FAR, 25)) == 6  # fewer due than slots: only those
    plan = practice_plan(history, FAR, 3)
    assert practising_ids(plan) == {"db-index", "beh-conflict"}
    assert practising_ids(due_questions(history, FAR)[:1]) == {"db-index"}


def test_next_due_is_the_earliest_after_now() -> None:
    history = [session(1, T0, right(1, Q1, T0), turn(2, Q4, Verdict.PARTIAL, 5, at=T0 + 5))]

    assert next_due([], T0) is None
    assert next_due(history, T0) == T0 + 5 + SHAKY_INTERVAL
    assert next_due(history, T0 + 2 * DAY) == T0 + GOOD_INTERVAL
    assert next_due(history, T0 + GOOD_INTERVAL) is None  # all due already
    assert practice_plan(history, T0, 5) == []
