"""The text of a resume or job description file: PDF, DOCX, Markdown or plain text.

Everything is read locally. What cannot be read (a scanned PDF, a password, a broken or huge
file) raises `DocumentError`, whose message names the file and says what to do instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from interbot_tui.core.text import NotText, clean_user_text, decode_text

Format = Literal["pdf", "docx", "markdown", "text"]
MAX_BYTES = 10_000_000
MAX_CHARS = 60_000

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word files, and password-protected Office ones
_UNSUPPORTED = {
    ".doc": "an old-format Word file (.doc)",
    ".rtf": "an RTF file",
    ".odt": "an OpenDocument file",
    ".pages": "a Pages file",
    ".png": "an image",
    ".jpg": "an image",
    ".jpeg": "an image",
}
_MARKDOWN = {".md", ".markdown", ".mdown", ".mkd"}
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬆ": "st"})


class DocumentError(ValueError):
    """A file that could not be read; the message says which and what to do."""


@dataclass(frozen=True)
class Document:
    text: str
    format: Format
    pages: int | None  # PDF pages; None for other formats
    truncated: bool  # cut at max_chars
    path: Path

    @property
    def note(self) -> str:
        """A line to tell the user when not all of the file was read; "" when it all was."""
        if not self.truncated:
            return ""
        return f"{self.path.name} is long: only its first {len(self.text):,} characters were read"


def size_text(size: int) -> str:
    """23_400_000 -> "23 MB"; 1_500 -> "1.5 KB"."""
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if size >= scale:
            value = size / scale
            shown = f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")
            return f"{shown} {unit}"
    return f"{size} bytes"


def clean_text(text: str) -> str:
    """Escape sequences and control characters out, newlines kept, spaces and blank lines
    collapsed, PDF ligatures ("ﬁ") spelled out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\f\v\u2028\u2029\x85]", "\n", text).translate(_LIGATURES)
    text, _ = clean_user_text(_INVISIBLE.sub("", text), limit=len(text) + 1)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _cut(text: str, max_chars: int) -> tuple[str, bool]:
    if len(text) <= max_chars:
        return text, False
    cut = text[:max_chars]
    at = max(cut.rfind("\n"), cut.rfind(" "))
    return (cut[:at] if at > max_chars - 200 else cut).rstrip(), True


def _decode(data: bytes, path: Path) -> str:
    try:
        return decode_text(data)
    except NotText as exc:
        if exc.binary:
            raise DocumentError(
                f"{path} is a binary file, not text: save the document as PDF, .docx or .txt"
            ) from None
        raise DocumentError(f"{path} is not valid UTF-16 text: save it as UTF-8") from None


def _read_bytes(path: Path, max_bytes: int, what: str) -> bytes:
    if not path.exists():
        raise DocumentError(f"{path} does not exist: check the path and the file name")
    if path.is_dir():
        raise DocumentError(f"{path} is a folder: give the {what} file inside it")
    if not path.is_file():
        raise DocumentError(f"{path} is not a regular file: give a PDF, .docx, .md or .txt file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            big, limit = size_text(size), size_text(max_bytes)
            if big == limit:
                big, limit = f"{size:,} bytes", f"{max_bytes:,} bytes"
            raise DocumentError(
                f"{path} is {big}; the limit is {limit}: save the {what} as a shorter PDF or "
                "as text"
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise DocumentError(
            f"{path} cannot be read (permission denied): make it readable (chmod u+r) or copy "
            "it somewhere you own"
        ) from exc
    except OSError as exc:
        raise DocumentError(f"{path} cannot be read ({exc.strerror or exc}): try a copy") from exc
    if not data.strip():
        raise DocumentError(f"{path} is empty: give the file with the {what} in it")
    return data


def read_document(
    path: Path,
    *,
    max_bytes: int = MAX_BYTES,
    max_chars: int = MAX_CHARS,
    what: str = "document",
) -> Document:
    """The cleaned text of the file at `path`, cut at `max_chars` characters.

    `what` ("resume", "job description") names the file in messages. Raises DocumentError.
    """
    path = Path(path).expanduser()
    data = _read_bytes(path, max_bytes, what)
    suffix = path.suffix.lower()
    pages: int | None = None
    kind: Format
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        from interbot_tui.backends.documents.pdf_text import pdf_text

        kind = "pdf"
        raw, pages = pdf_text(data, path, max_chars)
    elif data.startswith(_OLE):
        raise DocumentError(
            f"{path} is password-protected or an old-format Word file: remove the password, "
            "or save it as .docx or PDF"
        )
    elif suffix in _UNSUPPORTED:
        raise DocumentError(
            f"{path} is {_UNSUPPORTED[suffix]}, which interbot cannot read: save the {what} as "
            "PDF, .docx or .txt"
        )
    elif suffix in (".docx", ".docm", ".dotx"):
        from interbot_tui.backends.documents.docx_text import docx_text

        kind = "docx"
        raw = docx_text(data, path)
    else:
        kind = "markdown" if suffix in _MARKDOWN else "text"
        raw = _decode(data, path)
    cut_raw = len(raw) > 4 * max_chars  # cleaning 10 MB of text to keep 60,000 characters: 0.65 s
    text = clean_text(raw[: 4 * max_chars] if cut_raw else raw)
    if kind == "pdf" and sum(c.isalpha() for c in text) < 10 * (pages or 1):  # "Page 1 of 2"
        raise DocumentError(
            f"{path} has no text layer (a scanned image?): export it from your editor as PDF "
            "with text, or save it as .txt"
        )
    if not text:
        raise DocumentError(f"{path} has no text in it: give the file with the {what} in it")
    text, truncated = _cut(text, max_chars)
    return Document(text=text, format=kind, pages=pages, truncated=truncated or cut_raw, path=path)
