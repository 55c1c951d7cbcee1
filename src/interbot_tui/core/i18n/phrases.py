"""Everything the interviewer and the report say in fixed words, in the interview's language.

The wording is data: one TOML file per Whisper language code in `phrases/`, `en.toml` the source.
A translation may leave keys out (they fall back to English) but must keep every `{placeholder}`
of the English text; loading checks that, and names the file and key when one is wrong. Words the
model writes (generated questions, feedback) follow the language through the prompts instead;
see `language_name`.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable

from interbot_tui.core.speech.transcript import LANGUAGES

PHRASE_FILES: Traversable = resources.files("interbot_tui.core.i18n") / "phrases"


class PhraseFileError(ValueError):
    """A phrase file that cannot be used; the message names the file and what is wrong."""


def _placeholders(text: str, where: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:  # a lone "{" or "}"
        raise PhraseFileError(f"{where}: {exc} (write {{{{ or }}}} for a literal brace)") from None


def load_phrase_file(path: Traversable, english: Mapping[str, str] | None = None) -> dict[str, str]:
    """One language's table, in file order. With `english`, a translation: every key must be an
    English key and keep the English text's placeholders. Raises PhraseFileError."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PhraseFileError(f"phrase file {path.name}: {exc}") from None
    table: dict[str, str] = {}
    for key, text in data.items():
        where = f"phrase file {path.name}, key {key!r}"
        if not isinstance(text, str):
            kind = type(text).__name__
            raise PhraseFileError(f"{where}: expected text in quotes, found a {kind}")
        found = _placeholders(text, where)
        if english is not None:
            if key not in english:
                raise PhraseFileError(f"{where}: not a key of en.toml (a typo?)")
            wanted = _placeholders(english[key], f"phrase file en.toml, key {key!r}")
            if found != wanted:
                raise PhraseFileError(
                    f"{where}: placeholders {sorted(found)} differ from English {sorted(wanted)}"
                )
        table[key] = text
    return table


def load_phrases(directory: Traversable) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """The English table and every translation in `directory`, by language code."""
    english = load_phrase_file(directory / "en.toml")
    translations = {
        entry.name.removesuffix(".toml"): load_phrase_file(entry, english)
        for entry in sorted(directory.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml") and entry.name != "en.toml"
    }
    return english, translations


ENGLISH, TRANSLATIONS = load_phrases(PHRASE_FILES)


def language_name(code: str) -> str:
    """The English name of a language code, for prompts ("Spanish"); unknown codes are English."""
    return LANGUAGES.get(code, "English")


class Phrases:
    """Fixed wording in one language: `phrases["key"]` or `phrases.say("key", **values)`."""

    def __init__(self, code: str = "en") -> None:
        self.code = code if code in LANGUAGES else "en"
        self._table = {**ENGLISH, **TRANSLATIONS.get(self.code, {})}

    def __getitem__(self, key: str) -> str:
        return self._table[key]

    def say(self, key: str, **values: object) -> str:
        return self._table[key].format(**values)

    def choices(self, key: str) -> list[str]:
        """The alternatives of a `|`-separated entry, such as the praise lines."""
        return [part.strip() for part in self._table[key].split("|") if part.strip()]

    @property
    def translated(self) -> bool:
        """Whether this language has its own wording (otherwise everything is English)."""
        return self.code == "en" or bool(TRANSLATIONS.get(self.code))


def phrases_for(code: str) -> Phrases:
    return Phrases(code)
