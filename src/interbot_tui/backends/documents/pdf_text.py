"""The text layer of a PDF, with pypdf (pure Python: no poppler or system library)."""

from __future__ import annotations

import io
import logging
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from interbot_tui.backends.documents.reader import DocumentError

# What pypdf raises on a damaged file besides its own errors: it parses untrusted bytes, and
# a broken object table or stream surfaces as any of these.
_BROKEN = (
    PyPdfError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    AssertionError,
    RecursionError,
    OverflowError,
    struct.error,
    zlib.error,
)


@contextmanager
def _quiet() -> Iterator[None]:
    """pypdf logs warnings about odd but readable files; they would print over the TUI."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _reason(exc: BaseException) -> str:
    said = " ".join(str(exc).split())
    return type(exc).__name__ + (f": {said[:100]}" if said else "")


def _protected(path: Path) -> DocumentError:
    return DocumentError(
        f"{path} is password-protected: open it, save a copy without the password "
        "(or print it to PDF), and give that"
    )


def _open(data: bytes, path: Path) -> PdfReader:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # "encrypted" with no user password: opens as is
        except DependencyError as exc:
            raise DocumentError(
                f"{path} is encrypted with AES, which needs the 'cryptography' package: "
                "install it (pip install cryptography) or save the PDF without protection"
            ) from exc
        if opened == PasswordType.NOT_DECRYPTED:
            raise _protected(path)
    return reader


def pdf_text(data: bytes, path: Path, max_chars: int) -> tuple[str, int]:
    """The text of every page (stopping once there is plenty) and the number of pages."""
    with _quiet():
        try:
            reader = _open(data, path)
            pages = len(reader.pages)
            texts: list[str] = []
            total = 0
            for page in reader.pages:
                text = page.extract_text() or ""
                texts.append(text)
                total += len(text)
                if total > 2 * max_chars:
                    break  # cleaning shrinks text a little; this is more than will be kept
        except DocumentError:
            raise
        except FileNotDecryptedError as exc:
            raise _protected(path) from exc
        except _BROKEN as exc:
            raise DocumentError(
                f"{path} could not be read as a PDF ({_reason(exc)}): it may be "
                "damaged or not really a PDF; open it and save it again as PDF, or save it as .txt"
            ) from exc
    if pages == 0:
        raise DocumentError(f"{path} has no pages: export the document to PDF again")
    return "\n\n".join(texts), pages
