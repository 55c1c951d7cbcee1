"""Small text helpers: words and content words, cleaning untrusted text."""

from __future__ import annotations

import re
import unicodedata

_WORD_RE = re.compile(r"[a-z0-9][a-z0-9+#.\-]*")
_STOPWORDS = frozenset(
    """a an and are as at be by can do does for from how i in is it its me of on or tell that the
    this to what when where which who why with would you your we our they their could should
    describe explain give example""".split()
)
# C0/C1 control characters except tab and newline; ANSI escape sequences.
_ANSI_RE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates: they reorder what follows them on screen.
_BIDI_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")

MAX_ANSWER_CHARS = 8000


def clean_user_text(text: str, limit: int = MAX_ANSWER_CHARS) -> tuple[str, bool]:
    """Strip terminal escape sequences and control characters; cut to `limit` characters.

    Returns the cleaned text and whether it was truncated, so the caller can say so.
    """
    text = terminal_safe(unicodedata.normalize("NFC", _ANSI_RE.sub("", text))).strip()
    if len(text) > limit:
        return text[:limit], True
    return text, False


def terminal_safe(text: str) -> str:
    """`text` with nothing in it that a terminal acts on: escape sequences, control characters
    (tab and newline kept) and bidi overrides taken out; everything else left as it was."""
    return _BIDI_RE.sub("", _CONTROL_RE.sub("", _ANSI_RE.sub("", text)))


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def content_words(text: str) -> set[str]:
    return set(content_sequence(text))


def content_sequence(text: str) -> list[str]:
    """The stemmed content words of `text`, in order (for phrases such as "fail open")."""
    return [_stem(w) for w in words(text) if w not in _STOPWORDS and len(w) > 1]


def _stem(word: str) -> str:
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class NotText(ValueError):
    """Bytes that are no text: `binary` (NUL bytes) or broken UTF-16."""

    def __init__(self, binary: bool) -> None:
        super().__init__("binary data" if binary else "invalid UTF-16")
        self.binary = binary


def decode_text(data: bytes) -> str:
    """A user's text file in any common encoding: UTF-16 with a byte-order mark, UTF-8 (with or
    without one), Windows-1252, else Latin-1 (every byte is a character). NotText otherwise."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotText(binary=False) from None
    if b"\x00" in data:
        raise NotText(binary=True)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
