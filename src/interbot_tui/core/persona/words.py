"""Words as persona mode compares them: a light stemmer and the words a search keys on."""

from __future__ import annotations

from interbot_tui.core.text import words

_SUFFIXES = ("ions", "ion", "ing", "ed", "es", "s")
# Question words that say nothing about the topic ("how did you", "tell me about").
_SEARCH_STOPWORDS = frozenset(
    """a an the and or of to in on at for from with about as by into me my i you your we our us
    is are was were be been do does did have has had can could would will should it its this
    that these those what when where which who why how tell describe explain talk walk give
    share please some any more""".split()
)


def stem(word: str) -> str:
    """Consistent rather than correct: "leaving", "leave", "leaves" -> "leav"; "migrated",
    "migration", "migrate" -> "migrat"; "weaknesses" and "weakness" -> "weakness"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            if not (suffix == "s" and word.endswith("ss")):
                word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def search_words(text: str) -> list[str]:
    """The stemmed topic words of `text`, in order: what a passage search matches on."""
    return [stem(w) for w in words(text) if w not in _SEARCH_STOPWORDS and len(w) > 1]
