from __future__ import annotations

import re
import string

import pytest

from interbot_tui.core.i18n.phrase_translations import TRANSLATIONS
from interbot_tui.core.i18n.phrases import ENGLISH, Phrases, language_name, phrases_for
from interbot_tui.core.interview.commands import is_finish_command

LANGUAGES = ("de", "es", "fr", "it", "pt", "nl", "pl")
# A word of letters, with at most one elision apostrophe ("l'entretien").
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_expected_language_has_a_table() -> None:
    assert set(LANGUAGES) <= set(TRANSLATIONS)


@pytest.mark.parametrize("code", LANGUAGES)
def test_translation_keys_exist_in_english(code: str) -> None:
    assert set(TRANSLATIONS[code]) - set(ENGLISH) == set()


@pytest.mark.parametrize("code", LANGUAGES)
def test_translation_covers_every_english_key_in_order(code: str) -> None:
    assert list(TRANSLATIONS[code]) == list(ENGLISH)


@pytest.mark.parametrize("code", LANGUAGES)
def test_placeholders_match_english(code: str) -> None:
    for key, text in TRANSLATIONS[code].items():
        assert placeholders(text) == placeholders(ENGLISH[key]), (code, key)


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_are_non_empty_and_trimmed(code: str) -> None:
    for key, text in TRANSLATIONS[code].items():
        assert text and text == text.strip(), (code, key)


@pytest.mark.parametrize("code", LANGUAGES)
def test_praise_has_five_alternatives(code: str) -> None:
    assert len(Phrases(code).choices("praise")) == 5
    assert len(TRANSLATIONS[code]["praise"].split("|")) == 5


@pytest.mark.parametrize("code", LANGUAGES)
def test_finish_command_is_a_few_lowercase_words(code: str) -> None:
    command = TRANSLATIONS[code]["finish_command"]
    words = command.split(" ")
    assert 2 <= len(words) <= 3, command
    assert command == command.lower(), command
    assert all(_WORD.fullmatch(word) for word in words), command


@pytest.mark.parametrize("code", LANGUAGES)
def test_finish_command_is_recognised(code: str) -> None:
    command = TRANSLATIONS[code]["finish_command"]
    assert is_finish_command(command, extra=command)
    assert is_finish_command(command.capitalize() + ".", extra=command)


@pytest.mark.parametrize("code", LANGUAGES)
def test_report_heading_is_uppercase(code: str) -> None:
    heading = TRANSLATIONS[code]["report_heading"]
    assert heading == heading.upper()


@pytest.mark.parametrize("code", LANGUAGES)
def test_use_star_keeps_the_acronym(code: str) -> None:
    assert "STAR" in TRANSLATIONS[code]["use_star"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_entry_formats(code: str) -> None:
    phrases = Phrases(code)
    for key in ENGLISH:
        values = {name: "X" for name in placeholders(ENGLISH[key])}
        assert "{" not in phrases.say(key, **values), (code, key)


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("level", ["easy", "medium", "hard"])
def test_level_sentences_use_the_translated_level(code: str, level: str) -> None:
    phrases = Phrases(code)
    name = phrases[level]
    assert name != level or code == "en"
    assert name in phrases.say("level_up", level=name)
    assert name in phrases.say("level_down", level=name)


@pytest.mark.parametrize("code", LANGUAGES)
def test_translated_language(code: str) -> None:
    phrases = phrases_for(code)
    assert phrases.code == code
    assert phrases.translated
    assert phrases["greeting"] == TRANSLATIONS[code]["greeting"]


def test_unknown_code_falls_back_to_english() -> None:
    phrases = Phrases("xx")
    assert phrases.code == "en"
    assert phrases.translated
    assert phrases["greeting"] == ENGLISH["greeting"]
    assert language_name("xx") == "English"


def test_language_without_a_table_falls_back_to_english() -> None:
    phrases = Phrases("ja")
    assert phrases.code == "ja"
    assert not phrases.translated
    assert phrases["closing"] == ENGLISH["closing"]
    assert phrases.say("hint", hint="Think of caching.") == "Hint: Think of caching."
    assert language_name("ja") == "Japanese"


def test_missing_key_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    partial = {k: v for k, v in TRANSLATIONS["de"].items() if k != "closing"}
    monkeypatch.setitem(TRANSLATIONS, "de", partial)
    phrases = Phrases("de")
    assert phrases["closing"] == ENGLISH["closing"]
    assert phrases["greeting"] == TRANSLATIONS["de"]["greeting"]


def test_say_formats_values() -> None:
    assert Phrases().say("plan", total=5, subject="Backend") == (
        "We'll go through 5 questions for the Backend role."
    )
    assert Phrases("es").say("accuracy", correct=3, total=4, percent="75%") == (
        "Aciertos: 3/4 (75%)"
    )
    assert (
        Phrases("de").say("how_to_finish", finish="gespräch beenden").count("gespräch beenden") == 1
    )


def test_say_without_placeholders_returns_the_text() -> None:
    assert Phrases("fr").say("move_on") == TRANSLATIONS["fr"]["move_on"]


def test_choices_splits_and_strips() -> None:
    assert Phrases().choices("praise") == [
        "Good answer.",
        "Nicely done.",
        "That's right.",
        "Well explained.",
        "Solid answer.",
    ]
    # An entry without "|" is a single choice.
    assert Phrases("it").choices("move_on") == [TRANSLATIONS["it"]["move_on"]]
