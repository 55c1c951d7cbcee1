"""The cache key (one key per question however it is typed) and the cleaning of a model answer."""

from __future__ import annotations

import pytest

from interbot_tui.core.persona.reply import PersonaReply, clean_answer, question_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("What's your greatest strength?", "what is your greatest strength"),
        ("  What is your\tgreatest strength ?!", "what is your greatest strength"),
        ("Why don’t you use Java?", "why do not you use java"),
        ("I'm curious: can't you?", "i am curious can not you"),
        ("You’ve led teams, haven't you?", "you have led teams have not you"),
        ("C++ or C#?", "c++ or c#"),
        ("'Quoted' question", "quoted question"),
    ],
)
def test_question_key_normalises(a: str, b: str) -> None:
    assert question_key(a) == question_key(b) == b


def test_question_key_keeps_possessives_apart_from_is() -> None:
    assert question_key("The company's goals") == "the company's goals"
    assert question_key("What's next") == "what is next"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Candidate: I built it.", "I built it."),
        ("**Maya Okafor:** I built it.", "I built it."),
        ('Maya: "I built it."', "I built it."),
        ("I built it.\nInterviewer: And then?", "I built it."),
        ("I built it.\n**Q:** next", "I built it."),
        ("Answer: Assistant: I did.", "I did."),
        ("I did \x1b[31mred\x1b[0m things\x07.", "I did red things."),
        ("  I   did.\n\n  Then more. ", "I did.\nThen more."),
        ("Asked about it: I said no.", "Asked about it: I said no."),  # not a label
    ],
)
def test_clean_answer(raw: str, clean: str) -> None:
    assert clean_answer(raw, "Maya Okafor") == clean


def test_reply_as_json() -> None:
    reply = PersonaReply("Hi.", "model", 1.23456, context_tokens=812)
    assert reply.to_dict() == {
        "answer": "Hi.",
        "source": "model",
        "seconds": 1.235,
        "context_tokens": 812,
        "replaced": False,
    }
