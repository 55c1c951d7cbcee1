"""Which bank questions fit a profile, with the project's own banks."""

from __future__ import annotations

import random

from interbot_tui.core.profile import Difficulty, Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.question import Kind
from interbot_tui.core.questions.selection import QuestionPool, close_and_loose_matches


def test_a_backend_profile_gets_backend_questions_before_data_science(banks: list[Bank]) -> None:
    profile = Profile(role="Backend engineer", topic="Python, PostgreSQL")
    close, loose = close_and_loose_matches(banks, profile)
    assert [b.domain for b in close] == ["backend"]
    assert "data_science" in {b.domain for b in loose}  # "python" alone: kept for later
    pool = QuestionPool.for_profile(banks, profile, random.Random(1))
    backend = {q.id for b in close for q in b.questions}
    asked: list[str] = []
    for _ in range(len(backend)):
        question = pool.draw(Kind.TECHNICAL, Difficulty.MEDIUM, asked)
        assert question is not None and question.id in backend
        asked.append(question.text)
    spare = pool.draw(Kind.TECHNICAL, Difficulty.MEDIUM, asked)  # backend used up
    assert spare is not None and spare.id not in backend


def test_a_shared_word_keeps_both_banks_when_nothing_else_decides(banks: list[Bank]) -> None:
    close, _ = close_and_loose_matches(banks, Profile(role="Data scientist", topic="PyTorch"))
    assert {"data_science", "machine_learning"} <= {b.domain for b in close}


def test_questions_of_recent_sessions_come_back_only_when_nothing_fresher(
    banks: list[Bank],
) -> None:
    profile = Profile(role="Backend engineer", topic="Python, PostgreSQL")
    close, _ = close_and_loose_matches(banks, profile)
    backend = [q for b in close for q in b.questions]
    recent = {q.id for q in backend[:-2]}  # all but two were asked lately
    pool = QuestionPool.for_profile(banks, profile, random.Random(1), recent)
    asked: list[str] = []
    drawn = []
    for _ in range(3):
        question = pool.draw(Kind.TECHNICAL, Difficulty.MEDIUM, asked)
        assert question is not None
        drawn.append(question.id)
        asked.append(question.text)
    assert set(drawn[:2]) == {q.id for q in backend[-2:]}  # the fresh ones first, any level
    assert drawn[2] in recent  # then a recent one rather than another domain's
