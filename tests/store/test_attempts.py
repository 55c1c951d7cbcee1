"""Every attempt at a past question, read from a real history file, and the messages for ids
that do not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.turn import Attempt
from interbot_tui.core.profile import Profile
from interbot_tui.store.attempts import question_and_attempts, question_attempts
from interbot_tui.store.sessions import Store, StoreError
from tests.core.progress._sessions import Q1, Q2, Q3, Q4, turn


def seeded(data_dir: Path) -> Store:
    """Q1 asked in sessions 1 (as question 2, with a retry) and 3 (as question 1); session 2
    answered nothing."""
    store = Store(data_dir)
    first = store.start_session(Profile(role="Backend engineer"), "fake")
    first.record_turn(turn(1, Q2, Verdict.CORRECT, 9, at=100.0))
    first.record_turn(turn(2, Q1, Verdict.PARTIAL, 5, ("gamma point", "delta point"), at=110.0))
    first.record_turn(turn(2, Q1, Verdict.PARTIAL, 6, ("delta point",), Attempt.RETRY, at=120.0))
    store.start_session(Profile(role="Backend engineer"), "fake")
    third = store.start_session(Profile(role="Backend engineer"), "fake")
    for number, question in enumerate((Q1, Q3, Q4, Q2), start=1):
        third.record_turn(turn(number, question, Verdict.CORRECT, 9, at=300.0 + number))
    return store


def test_all_attempts_of_the_question_across_sessions(data_dir: Path) -> None:
    store = seeded(data_dir)
    attempts = question_attempts(store, 1, 2)
    assert [(a.session_id, a.number, a.score) for a in attempts] == [(1, 2, 6), (3, 1, 9)]
    assert attempts[0].missed == ("delta point",)
    assert attempts[0].covered == ("alpha point", "beta point", "gamma point")
    assert attempts[1].missed == () and len(attempts[1].covered) == 4
    # Asked from the later session, the same attempts.
    question, again = question_and_attempts(store, 3, 1)
    assert question == Q1 and again == attempts


def test_a_question_answered_once(data_dir: Path) -> None:
    attempts = question_attempts(seeded(data_dir), 3, 2)
    assert [(a.session_id, a.question_id) for a in attempts] == [(3, Q3.id)]


def test_bad_ids_say_what_exists(data_dir: Path) -> None:
    store = seeded(data_dir)
    with pytest.raises(StoreError, match=r"^no session 9; `interbot history` lists them$"):
        question_attempts(store, 9, 1)
    with pytest.raises(
        StoreError, match=r"^session 3 has questions 1-4; `interbot report 3` lists them$"
    ):
        question_attempts(store, 3, 5)
    with pytest.raises(StoreError, match="session 2 has no answered questions"):
        question_attempts(store, 2, 1)


def test_gaps_in_the_numbers_are_listed(data_dir: Path) -> None:
    store = Store(data_dir)
    recorder = store.start_session(Profile(), "fake")
    for number in (1, 2, 4):
        recorder.record_turn(turn(number, Q1, Verdict.CORRECT, 9))
    with pytest.raises(StoreError, match=r"session 1 has questions 1, 2 and 4;"):
        question_attempts(store, 1, 3)
    other = store.start_session(Profile(), "fake")
    other.record_turn(turn(1, Q2, Verdict.CORRECT, 9))
    with pytest.raises(StoreError, match=r"session 2 has question 1 only;"):
        question_attempts(store, 2, 2)
