"""What a resume says: the person's name, their positions, skills and stated achievements.

Rules, not a model: read fast and offline, and never invent. A resume with an "Experience"
section is read by its structure (position headings, the bullets under them); one without
headings still gives the lines that carry both a title and dates, and the achievement bullets.
"""

from __future__ import annotations

import re

from interbot_tui.core.documents.achievements import (
    MAX_CHARS,
    has_figure,
    is_achievement,
    starts_with_action,
)
from interbot_tui.core.documents.facts import Claim, ResumeFacts
from interbot_tui.core.documents.lines import Line, section_of, sentences, split_lines
from interbot_tui.core.documents.positions import format_role, has_dates, has_role_word
from interbot_tui.core.documents.skills import find_skills

MAX_ROLES, MAX_CLAIMS = 8, 20

_SECTIONS: dict[str, tuple[str, ...]] = {
    "experience": (
        "experience", "work experience", "professional experience", "employment",
        "employment history", "work history", "career history", "career", "relevant experience",
        "professional background", "positions held", "work",
    ),
    "achievements": (
        "achievements", "key achievements", "selected achievements", "accomplishments",
    ),
    "other": (
        "summary", "profile", "professional summary", "personal statement", "about", "about me",
        "objective", "career objective", "skills", "technical skills", "core skills", "key skills",
        "skills and tools", "technologies", "tech stack", "tools", "toolbox", "competencies",
        "core competencies", "education", "education and training", "academic background",
        "qualifications", "certifications", "certificates", "licenses", "courses", "training",
        "projects", "personal projects", "side projects", "selected projects", "open source",
        "publications", "talks", "languages", "interests", "hobbies", "awards", "honours",
        "honors", "volunteering", "volunteer experience", "references", "contact", "contact details",
        "contact information", "links", "personal details",
    ),
}  # fmt: skip
_NAME_LABEL = re.compile(r"^\s*(?:full\s+)?name\s*:\s*(.+)$", re.I)
_PARTICLES = frozenset(
    "van de der den von da di du del della la le bin ibn al el y dos das".split()
)
_TITLE_STARTS = frozenset("lead head principal staff senior chief acting managing founding".split())
_NOT_NAMES = frozenset("curriculum vitae resume résumé cv page contact summary profile".split())


def _looks_like_name(text: str) -> bool:
    words = text.strip(" ,;").split()
    if not 2 <= len(words) <= 4 or re.search(r"[\d@:/|()]|https?|www\.", text):
        return False
    if has_role_word(text) or any(w.lower().strip(".") in _NOT_NAMES for w in words):
        return False
    capitalised = 0
    for word in words:
        if not all(c.isalpha() or c in ".-'’" for c in word):
            return False
        if word[0].isupper():
            capitalised += 1
        elif word.lower() not in _PARTICLES:
            return False
    return capitalised >= 2


def _tidy_name(text: str) -> str:
    text = " ".join(text.strip(" ,;").split())
    return text.title() if text.isupper() else text


def _name(lines: list[Line]) -> str:
    for line in lines[:25]:
        label = _NAME_LABEL.match(line.text)
        if label and _looks_like_name(label.group(1)):
            return _tidy_name(label.group(1))
    for line in lines[:8]:
        if section_of(line, _SECTIONS):
            break
        first = re.split(r"\s+[|·•—–-]\s+|\s*[|·•,]\s*", line.text)[0]
        for part in (line.text, first):
            if not line.bullet and _looks_like_name(part):
                return _tidy_name(part)
    return ""


def _acts(text: str) -> bool:
    """Starts like an achievement, not like a title ("Lead Data Engineer", "Head of Data")."""
    return starts_with_action(text) and text.split(" ", 1)[0].lower() not in _TITLE_STARTS


def _is_position(line: Line, strict: bool) -> bool:
    """A line naming a position; `strict` (no Experience section) wants a title and dates."""
    text = line.text
    if line.bullet or line.words > 20 or len(text) > 160 or _acts(text):
        return False
    if text.endswith(".") and not has_dates(text[-12:]):
        return False  # a sentence
    if strict:
        return has_dates(text) and has_role_word(text)
    if line.heading:
        return True
    return has_dates(text) or (has_role_word(text) and line.words <= 8)


def _completes(pending: list[str], line: Line) -> bool:
    """Whether `line` is the rest of the position in `pending` (its company, title or dates)."""
    joined = " ".join(pending)
    if not pending or len(pending) >= 3:
        return False
    if not has_dates(joined):
        return line.words <= 12 and not line.bullet and not _acts(line.text)
    return not has_role_word(joined) and has_role_word(line.text) and not has_dates(line.text)


def _clip(text: str) -> str:
    """At most MAX_CHARS: whole sentences, else cut at a word."""
    text = text.strip()
    if len(text) <= MAX_CHARS:
        return text
    kept = ""
    for sentence in sentences(text):
        if len(kept) + len(sentence) + 1 > MAX_CHARS:
            break
        kept = f"{kept} {sentence}".strip()
    return kept or text[: MAX_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class _Reader:
    def __init__(self, lines: list[Line]) -> None:
        self.strict = not any(section_of(line, _SECTIONS) == "experience" for line in lines)
        self.section: str | None = None
        self.level = 0  # the Markdown level of the Experience heading
        self.role = ""
        self.pending: list[str] = []
        self.roles: list[str] = []
        self.claims: list[Claim] = []

    def flush(self) -> None:
        if self.pending:
            role = format_role(" | ".join(self.pending))
            self.pending = []
            if role:
                self.role = role
                if role not in self.roles:
                    self.roles.append(role)

    def read(self, line: Line) -> None:
        section = section_of(line, _SECTIONS)
        if section is None and self.section == "experience" and 0 < line.heading <= self.level:
            section = "other"  # a heading as high as Experience's ends it
        if section is not None:
            self.flush()
            self.section, self.level, self.role = section, line.heading, ""
            return
        searching = self.section == "experience" or (self.strict and self.section is None)
        if searching and (_completes(self.pending, line) or _is_position(line, self.strict)):
            if self.pending and not _completes(self.pending, line):
                self.flush()
            self.pending.append(line.text)
            return
        self.flush()
        if searching or self.section == "achievements":
            for text in [line.text] if line.bullet else sentences(line.text):
                self.claim(_clip(text))

    def claim(self, text: str) -> None:
        if is_achievement(text) and all(c.text.lower() != text.lower() for c in self.claims):
            role = self.role if self.section != "achievements" else ""
            self.claims.append(Claim(text, role, find_skills(text), has_figure(text)))


def parse_resume(text: str) -> ResumeFacts:
    """The facts a resume states; fields it does not state are left empty."""
    lines = split_lines(text)
    reader = _Reader(lines)
    for line in lines:
        reader.read(line)
    reader.flush()
    claims = sorted(reader.claims, key=lambda c: not c.has_figure)[:MAX_CLAIMS]
    return ResumeFacts(
        name=_name(lines),
        roles=tuple(reader.roles[:MAX_ROLES]),
        skills=find_skills(text),
        claims=tuple(claims),
    )
