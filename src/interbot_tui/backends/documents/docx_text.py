"""The text of a Word .docx file, with python-docx: paragraphs and tables in document order.

Headings come out as Markdown `#` lines and list items as `- `, so the resume and job parsers
see the same structure as in a Markdown file. Many resume templates put the name and contact
details in the page header or in text boxes; both are read first.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from interbot_tui.backends.documents.reader import DocumentError

# A damaged package: not a zip, a missing part, bad XML (lxml's error is a SyntaxError).
_BROKEN = (
    PackageNotFoundError,
    zipfile.BadZipFile,
    KeyError,
    ValueError,
    SyntaxError,
    AttributeError,
    IndexError,
    TypeError,
)
_HEADING = re.compile(r"^heading\s*([1-6])$", re.I)


def _paragraph(paragraph: Paragraph) -> str:
    text = paragraph.text.strip()
    if not text:
        return ""
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    level = _HEADING.match(style)
    if level:
        return "#" * int(level.group(1)) + " " + text
    if style.lower() == "title":
        return "# " + text
    if style.lower().startswith("list"):
        return "- " + text
    return text


def _table(table: Table) -> Iterator[str]:
    """One line a row ("Senior Engineer | Acme | 2021-2024") when its cells are one line each."""
    for row in table.rows:
        cells: list[list[str]] = []
        previous: Any = None
        for cell in row.cells:
            if cell._tc is previous:
                continue  # a merged cell is listed once per grid column it spans
            previous = cell._tc
            lines = [line for line in _blocks(cell.iter_inner_content()) if line]
            if lines:
                cells.append(lines)
        if cells and all(len(lines) == 1 for lines in cells):
            yield " | ".join(lines[0] for lines in cells)
        else:
            for lines in cells:
                yield from lines


def _blocks(items: Iterator[Paragraph | Table]) -> Iterator[str]:
    for item in items:
        if isinstance(item, Paragraph):
            yield _paragraph(item)
        else:
            yield from _table(item)


def _text_boxes(element: Any) -> Iterator[str]:
    """Paragraphs in text boxes (each box may be stored twice: modern and legacy drawing)."""
    for box in element.iter(qn("w:txbxContent")):
        for paragraph in box.iter(qn("w:p")):
            text = "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip()
            if text:
                yield text


def docx_text(data: bytes, path: Path) -> str:
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        header = document.sections[0].header if document.sections else None
        if header is not None and not header.is_linked_to_previous:
            lines += _blocks(header.iter_inner_content())
        lines += dict.fromkeys(_text_boxes(document.element.body))  # often the name, first
        lines += _blocks(document.iter_inner_content())
    except _BROKEN as exc:
        raise DocumentError(
            f"{path} could not be read as a Word document ({type(exc).__name__}): it may be "
            "damaged or not really a .docx; open it and save it again as .docx or PDF"
        ) from exc
    return "\n".join(line for line in lines if line)
