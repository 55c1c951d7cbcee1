from __future__ import annotations

import pytest

from interbot_tui.backends.fake_llm import FakeChatModel
from interbot_tui.core.llm_questions import LLMQuestionWriter, check_question_text
from interbot_tui.core.profile import Difficulty, Profile
from interbot_tui.core.question import Kind, Source

GOOD = {
    "question": "How do you find slow queries in PostgreSQL and confirm an index fixes them?",
    "key_points": ["pg_stat_statements", "EXPLAIN ANALYZE before and after"],
    "hint": "Think about what PostgreSQL can record about every query.",
    "model_answer": "Enable pg_stat_statements, then compare EXPLAIN ANALYZE plans.",
    "terms": ["PostgreSQL", "EXPLAIN ANALYZE"],
}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Explain indexes.", "question mark"),
        ("What is X? And Y?", "more than one"),
        ("Why?", "words"),
        ("What are the key points of JSON?", "echoes"),
    ],
)
def test_bad_question_texts(text: str, problem: str) -> None:
    assert problem in check_question_text(text)


def test_writer_rejects_duplicate_then_accepts() -> None:
    avoid = [GOOD["question"]]
    other = dict(GOOD, question="When would you choose a partial index in PostgreSQL, and why?")
    model = FakeChatModel(questions=[GOOD, other])
    writer = LLMQuestionWriter(model)
    q = writer.write(
        Profile(role="Backend engineer", topic="PostgreSQL"),
        Kind.TECHNICAL,
        Difficulty.MEDIUM,
        avoid,
    )
    assert q is not None and q.text == other["question"] and q.source is Source.GENERATED
    assert writer.rejections == ["near-duplicate of an earlier question"]
    prompt = model.calls[0][0][1]["content"]
    assert "PostgreSQL" in prompt and GOOD["question"] in prompt


def test_writer_gives_up_after_two_bad_tries() -> None:
    model = FakeChatModel(questions=["{}", dict(GOOD, hint=GOOD["model_answer"])])
    assert LLMQuestionWriter(model).write(Profile(), Kind.TECHNICAL, Difficulty.EASY, []) is None
