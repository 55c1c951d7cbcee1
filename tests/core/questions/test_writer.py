from __future__ import annotations

import pytest

from interbot_tui.core.profile import Difficulty, Profile
from interbot_tui.core.questions.question import Kind, Source
from interbot_tui.core.questions.writer import LLMQuestionWriter, check_question_text
from tests.fakes.llm import FakeChatModel

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
        ("How would the candidate, with 4 years of experience, use indexes?", "echoes"),
        ("My database is slow. Can you help me troubleshoot it?", "more than one sentence"),
        ("How " + "very " * 40 + "slow?", "words"),
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
    first, retry = (call[0][1]["content"] for call in model.calls)
    assert "PostgreSQL" in first and GOOD["question"] not in first  # not shown: it gets copied
    assert GOOD["question"] in retry  # the rejected repeat is named


def test_writer_gives_up_after_two_bad_tries() -> None:
    model = FakeChatModel(questions=["{}", dict(GOOD, hint=GOOD["model_answer"])])
    assert LLMQuestionWriter(model).write(Profile(), Kind.TECHNICAL, Difficulty.EASY, []) is None


def test_a_repeat_is_named_in_the_retry_prompt_and_remembered() -> None:
    first = dict(GOOD, question="How do you design idempotent REST endpoints for payments?")
    version = dict(GOOD, question="How do you version a public REST API without breaking clients?")
    model = FakeChatModel(questions=[GOOD, first, first, version])
    writer = LLMQuestionWriter(model)
    profile = Profile(role="Backend engineer", topic="PostgreSQL")
    assert writer.write(profile, Kind.TECHNICAL, Difficulty.MEDIUM, [GOOD["question"]]) is not None
    retry_prompt = model.calls[1][0][1]["content"]
    assert retry_prompt.count(GOOD["question"]) == 1  # the rejected repeat, named once
    # the writer remembers what it wrote, even when the caller does not pass it back
    q = writer.write(profile, Kind.TECHNICAL, Difficulty.MEDIUM, [])
    assert q is not None and "version" in q.text
    assert writer.rejections.count("near-duplicate of an earlier question") == 2


def test_measure_questions_counts_duplicates_and_checks_each_text() -> None:
    from interbot_tui.core.questions.writer import LLMQuestionWriter as Writer
    from interbot_tui.tools.question_eval import measure_questions

    class Echo(Writer):
        """Returns scripted texts without the duplicate filter, to test the measurement."""

        def __init__(self, texts: list[str]) -> None:
            super().__init__(FakeChatModel())
            self.texts = texts

        def write(self, profile, kind, difficulty, avoid):  # type: ignore[no-untyped-def]
            from dataclasses import replace

            from interbot_tui.core.questions.writer import parse_question

            question, _ = parse_question(__import__("json").dumps(GOOD), kind, difficulty, "g")
            return replace(question, text=self.texts.pop(0)) if self.texts else None

    texts = [
        "How do you find slow queries in PostgreSQL and confirm an index fixes them?",
        "How do you find slow queries in PostgreSQL and confirm that an index fixes them?",
        "Explain MVCC.",
    ]
    stats = measure_questions(
        Echo(texts), Profile(role="Backend engineer", topic="PostgreSQL"), n=4
    )
    data = stats.to_dict()
    assert data["written"] == 3 and data["gave_up"] == 1 and data["near_duplicates"] == 1
    assert stats.questions[1].duplicate_of == 0 and data["invalid"] == 1  # "Explain MVCC."
    assert data["off_topic"] == 1
    assert data["sharing_two_subject_words"] == 1 and stats.questions[1].overlaps == 0
    assert {"slow", "index"} <= set(stats.questions[1].shared)


def test_each_request_names_a_new_angle_and_stack_item() -> None:
    model = FakeChatModel(questions=[GOOD, GOOD, GOOD])
    writer = LLMQuestionWriter(model, seed=3)
    profile = Profile(role="Backend engineer", topic="Python, PostgreSQL and REST APIs")
    writer.write(profile, Kind.TECHNICAL, Difficulty.MEDIUM, [])  # accepted
    writer.write(profile, Kind.TECHNICAL, Difficulty.MEDIUM, [])  # repeats, retried each time
    focuses = [
        line
        for messages, _ in model.calls
        for line in messages[1]["content"].splitlines()
        if line.startswith("Focus of this question:")
    ]
    assert len(focuses) == 4 and len(set(focuses)) == 4
    items = [line.rsplit(", in ", 1)[1] for line in focuses[:3]]
    assert set(items) == {"Python", "PostgreSQL", "REST APIs"}
