"""The line structure resumes and job ads share: headings, bullets, sentences, section titles.

Text arrives from Markdown, plain text, DOCX (headings as `#`, list items as `-`) or a PDF's text
layer (bullets as "•" or a private-use glyph, headings in capitals, long bullets wrapped onto
the next line). `split_lines` turns any of these into `Line`s the parsers can walk.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[-*+•·▪●◦‣○■□➢►✓✔\uf0b7\uf0a7\uf076\uf0d8–—]|\d{1,2}[.)])\s+")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*:?\s*$")
_UNDERLINE = re.compile(r"^\s*(={3,}|-{3,})\s*$")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
# Bounded spans: unbounded lazy ones took 38 s on a 60,000-character line of "*a ".
_EMPHASIS = re.compile(
    r"(\*\*|__)(.{1,200}?)\1|(?<![\w*])[*_](?=\S)(.{1,200}?)(?<=\S)[*_](?![\w*])"
)
_CONTINUES = re.compile(r"[,;:(/&\-–]$|\b(?:and|or|the|a|an|of|to|in|with|for)$", re.I)
_ABBREVIATIONS = re.compile(
    r"\b(?:e\.g|i\.e|etc|vs|inc|ltd|co|corp|sr|jr|dr|mr|ms|mrs|no|approx|incl|dept)\.$", re.I
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")


@dataclass(frozen=True)
class Line:
    text: str  # without bullet marks, heading marks or Markdown emphasis
    heading: int = 0  # 1-6: a Markdown heading's level; 7: bold, underlined or capitals; 0: none
    bullet: bool = False

    @property
    def words(self) -> int:
        return len(self.text.split())


def plain(text: str) -> str:
    """Markdown links and emphasis removed, spaces collapsed."""
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    return re.sub(r"\s+", " ", text.replace("`", "")).strip()


def _is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 4
        and all(c.isupper() for c in letters)
        and len(text.split()) <= 5
        and re.fullmatch(r"[A-Z&/ '’-]+:?", text) is not None
    )


def _one(raw: str) -> Line | None:
    if not raw.strip() or re.fullmatch(r"\s*([-*_=])(\s*\1){2,}\s*", raw):
        return None  # blank, or a horizontal rule
    heading = _MD_HEADING.match(raw)
    if heading:
        return Line(plain(heading.group(2)), len(heading.group(1)))
    bold = _BOLD_LINE.match(raw)
    if bold and "**" not in bold.group(2):
        return Line(plain(bold.group(2)), 7)
    bullet = _BULLET.match(raw)
    if bullet:
        return Line(plain(raw[bullet.end() :]), bullet=True)
    text = plain(raw)
    return Line(text, 7 if _is_caps_heading(text) else 0)


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of `text`, classified; a bullet wrapped onto the next line is joined."""
    out: list[Line] = []
    previous_blank = True
    for raw in text.splitlines():
        if out and not previous_blank and _UNDERLINE.match(raw) and not out[-1].bullet:
            out[-1] = Line(out[-1].text, 7)  # Setext heading: the line above is the title
            continue
        line = _one(raw)
        previous_blank = line is None
        if line is None or not line.text:
            continue
        last = out[-1] if out else None
        if (
            last is not None
            and last.bullet
            and not line.bullet
            and not line.heading
            and (line.text[0].islower() or _CONTINUES.search(last.text))
        ):
            out[-1] = Line(f"{last.text} {line.text}", bullet=True)
            continue
        out.append(line)
    return out


def sentences(text: str) -> list[str]:
    """`text` split into sentences ("e.g." and "Inc." do not end one)."""
    parts = _SENTENCE_END.split(text.strip())
    out: list[str] = []
    for part in parts:
        if out and _ABBREVIATIONS.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return [p.strip() for p in out if p.strip()]


def _normal(text: str) -> str:
    text = text.lower().replace("&", " and ").replace("’", "'")
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9' +/-]", " ", text)).strip()


def section_of(line: Line, titles: Mapping[str, Sequence[str]]) -> str | None:
    """Which of `titles` ({section: [title, ...]}) `line` opens, or None when it is no title.

    A heading or a line ending in ":" may say more ("Requirements (must have)"); a plain line
    must be the title alone ("Experience"), so "Experience with Python" stays content.
    """
    said = _normal(line.text)
    loose = bool(line.heading) or line.text.rstrip().endswith(":")
    if line.bullet or not said or (not loose and line.words > 5):
        return None
    for section, names in titles.items():
        for name in names:
            if said == name or (loose and said.startswith(name + " ") and line.words <= 8):
                return section
    return None


def labelled(line: Line, titles: Mapping[str, Sequence[str]]) -> tuple[str, str] | None:
    """ "Must have: Python, SQL" -> ("must", "Python, SQL"): a title and its content on one line."""
    label, colon, rest = line.text.partition(":")
    if not colon or not rest.strip() or len(label.split()) > 5:
        return None
    section = section_of(Line(label), titles)  # the title alone: "Experience with X: ..." is none
    return (section, rest.strip()) if section else None
