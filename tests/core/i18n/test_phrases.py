from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from interbot_tui.core.i18n.phrases import (
    ENGLISH,
    PHRASE_FILES,
    TRANSLATIONS,
    PhraseFileError,
    Phrases,
    language_name,
    load_phrase_file,
    load_phrases,
    phrases_for,
)
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


def test_the_tables_are_the_phrase_files() -> None:
    names = {entry.name for entry in PHRASE_FILES.iterdir()}
    assert {"en.toml", *(f"{code}.toml" for code in LANGUAGES)} <= names
    assert load_phrase_file(PHRASE_FILES / "de.toml", ENGLISH) == TRANSLATIONS["de"]


def phrase_dir(tmp_path: Path, translation: str) -> Path:
    (tmp_path / "en.toml").write_text('greeting = "Hi {name}."\nclosing = "Bye."\n')
    (tmp_path / "xx.toml").write_text(translation, encoding="utf-8")
    return tmp_path


def test_a_partial_translation_loads(tmp_path: Path) -> None:
    english, translations = load_phrases(phrase_dir(tmp_path, 'greeting = "Hallo {name}."\n'))
    assert list(english) == ["greeting", "closing"]
    assert translations == {"xx": {"greeting": "Hallo {name}."}}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('greeting = "Hallo {name}.\n', "xx.toml"),  # unterminated string
        ("greeting = 3\n", "expected text in quotes, found a int"),
        ("[greeting]\nx = 'a'\n", "expected text in quotes, found a dict"),
        ('greting = "Hallo."\n', "'greting': not a key of en.toml"),
        ('greeting = "Hallo {nom}."\n', "placeholders ['nom'] differ from English ['name']"),
        ('greeting = "Hallo {name."\n', "literal brace"),
    ],
)
def test_a_malformed_phrase_file_is_named_with_the_fault(
    tmp_path: Path, text: str, problem: str
) -> None:
    with pytest.raises(PhraseFileError, match=re.escape(problem)) as caught:
        load_phrases(phrase_dir(tmp_path, text))
    assert "xx.toml" in str(caught.value)


def test_a_missing_english_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PhraseFileError, match=r"en\.toml"):
        load_phrases(tmp_path)
