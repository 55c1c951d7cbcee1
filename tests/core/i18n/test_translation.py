"""Bank text into the interview language: cached, and never worse than the English original."""

from __future__ import annotations

from typing import Any

import pytest

from interbot_tui.core.i18n.translation import LLMTranslator, plausible_translation
from interbot_tui.core.ports import Message, ModelError, TextSink


class ScriptedModel:
    name = "scripted"

    def __init__(self, *replies: str | Exception) -> None:
        self.replies = list(replies)
        self.calls: list[list[Message]] = []

    def chat(
        self,
        messages: list[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 256,
        temperature: float = 0.2,
        on_text: TextSink | None = None,
    ) -> str:
        self.calls.append(messages)
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply


QUESTION = "What is a database index?"


def test_translates_into_the_named_language_and_caches() -> None:
    model = ScriptedModel("¿Qué es un índice de base de datos?")
    translator = LLMTranslator(model)
    assert translator.translate(QUESTION, "es") == "¿Qué es un índice de base de datos?"
    assert translator.translate(QUESTION, "es") == "¿Qué es un índice de base de datos?"
    assert len(model.calls) == 1
    system = model.calls[0][0]["content"]
    assert "Spanish" in system and "Do not answer it" in system
    assert model.calls[0][-1] == {"role": "user", "content": f"<text>{QUESTION}</text>"}
    # A worked example comes first, so a small model translates rather than answers.
    roles = [m["role"] for m in model.calls[0]]
    assert roles == ["system", "user", "assistant", "user", "assistant", "user"]


def test_english_and_blank_text_need_no_model() -> None:
    model = ScriptedModel()
    translator = LLMTranslator(model)
    assert translator.translate(QUESTION, "en") == QUESTION
    assert translator.translate("  ", "de") == "  "
    assert model.calls == []


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "Here is the translation: ¿Qué es un índice?",
        "Sure, " + "bla " * 40,
        "word " * 60,
        "An index is a B-tree that speeds up reads.",  # answered, not translated
        QUESTION,  # left in English
    ],
)
def test_implausible_output_falls_back_to_english(reply: str) -> None:
    assert LLMTranslator(ScriptedModel(reply)).translate(QUESTION, "es") == QUESTION


def test_a_model_error_falls_back_to_english() -> None:
    model = ScriptedModel(ModelError("out of memory"))
    assert LLMTranslator(model).translate(QUESTION, "fr") == QUESTION


def test_quotes_around_the_translation_are_removed() -> None:
    model = ScriptedModel("  \"Qu'est-ce qu'un index ?\"  ")
    assert LLMTranslator(model).translate(QUESTION, "fr") == "Qu'est-ce qu'un index ?"


def test_plausibility_rules() -> None:
    assert plausible_translation("Hello there.", "Hola.")
    assert not plausible_translation("Hello.", "Translation: Hola.")
    assert not plausible_translation("Hi.", "x" * 100)
