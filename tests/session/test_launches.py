"""Launches from history: retry a past question, practise the missed ones, resume."""

from __future__ import annotations

from pathlib import Path

import pytest

from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.interview.plan import SessionKind
from interbot_tui.core.profile import Mode, Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.question import Kind, Question
from interbot_tui.session.launches import (
    asked_question,
    practice_launch,
    profile_for_role,
    resume_launch,
    retry_launch,
)
from interbot_tui.store.sessions import Store, StoreError
from tests.fakes.llm import FakeChatModel, grade

ANSWER = (
    "A full answer with enough words to avoid a follow-up question: it says what the idea is, why "
    "it matters in production, and gives a concrete example from a project I worked on last year."
)
PROFILE = Profile(role="Backend engineer", topic="Python", questions=4, mode=Mode.STRICT)


def interview(store: Store, banks: list[Bank], verdicts: list[str], finish: bool = True) -> int:
    recorder = store.start_session(PROFILE, "fake")
    grades = [grade(v, {"correct": 9, "partial": 5, "incorrect": 2}[v]) for v in verdicts]
    engine = Interview(PROFILE, banks, LLMGrader(FakeChatModel(grades)), recorder=recorder, seed=2)
    engine.start()
    for _ in verdicts:
        engine.submit(ANSWER)
    if finish:
        engine.finish()
    return recorder.session_id


def test_retry_is_one_question_of_that_session(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    sid = interview(store, banks, ["correct", "incorrect"])
    second = store.turns(sid)[1].question
    prepared = retry_launch(store, sid, 2)
    assert prepared.launch.kind is SessionKind.RETRY and prepared.launch.plan == (second,)
    assert prepared.profile.questions == 1 and prepared.profile.role == PROFILE.role
    assert second.text in prepared.summary
    with pytest.raises(StoreError, match=r"session 1 has questions 1-2; `interbot report 1`"):
        asked_question(store, sid, 7)
    with pytest.raises(StoreError, match="no session 5"):
        retry_launch(store, 5, 1)


def test_practice_brings_back_what_was_missed_with_fresh_slots(
    data_dir: Path, banks: list[Bank]
) -> None:
    store = Store(data_dir)
    with pytest.raises(StoreError, match="nothing to practise yet"):
        practice_launch(store, PROFILE, 5)
    sid = interview(store, banks, ["correct", "incorrect", "incorrect", "correct"])
    missed = {t.question.id for t in store.turns(sid) if t.grade.verdict == "incorrect"}
    prepared = practice_launch(store, PROFILE, 5, now=10**10)
    fixed = [s for s in prepared.launch.plan if isinstance(s, Question)]
    fresh = [s for s in prepared.launch.plan if isinstance(s, Kind)]
    assert missed <= {q.id for q in fixed}  # the misses come back
    assert len(prepared.launch.plan) == prepared.profile.questions == 5 and fresh
    assert prepared.launch.kind is SessionKind.PRACTICE and "you missed" in prepared.summary
    # Just answered: the misses are not due again for a few minutes.
    with pytest.raises(StoreError, match="nothing is due yet"):
        practice_launch(store, PROFILE, 5, now=store.sessions()[0].started_at + 1)


def test_resume_the_latest_interrupted_session(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    with pytest.raises(StoreError, match="no interrupted interview"):
        resume_launch(store)
    sid = interview(store, banks, ["correct"], finish=False)
    prepared = resume_launch(store)
    assert prepared.launch.resume is not None and prepared.launch.resume.session_id == sid
    assert "stopped at question 2 of 4, with 1 answered" in prepared.summary
    assert profile_for_role(store, "backend") == PROFILE
    assert profile_for_role(store, "designer") is None
