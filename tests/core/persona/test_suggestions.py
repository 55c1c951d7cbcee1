"""Suggested questions: the prepared ones first, then the resume's employers, claims, skills."""

from __future__ import annotations

from interbot_tui.core.documents.resume import parse_resume
from interbot_tui.core.persona.prepared import load_prepared, parse_prepared
from interbot_tui.core.persona.suggestions import MAX_SUGGESTIONS, suggestions
from tests.conftest import REPO

FACTS = parse_resume((REPO / "examples" / "resume.md").read_text())


def test_prepared_first_then_the_resume() -> None:
    qa = load_prepared(REPO / "examples" / "qa.csv")
    found = suggestions(qa, FACTS)
    assert found[: len(qa.pairs)] == qa.questions
    resume = found[len(qa.pairs) :]
    assert resume[:3] == [
        "Tell me about your time at Freightline.",
        "Tell me about your time at Brightcart.",
        "Tell me about your time at Northwind Analytics.",
    ]
    assert "You cut tracking latency from 6 hours to 40 seconds: how did you do it?" in resume
    assert len(found) <= MAX_SUGGESTIONS


def test_without_prepared_answers_the_resume_alone() -> None:
    found = suggestions(None, FACTS)
    assert found[0] == "Tell me about your time at Freightline."
    assert any(q.startswith("Tell me about your experience with") for q in found)


def test_a_resume_question_already_prepared_is_not_repeated() -> None:
    qa = parse_prepared("question,answer\nTell me about your time at Freightline,It was good.\n")
    found = suggestions(qa, FACTS)
    assert found.count("Tell me about your time at Freightline") == 1
    assert "Tell me about your time at Freightline." not in found
