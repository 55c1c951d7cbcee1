"""What a job description asks for: its title, must-haves and nice-to-haves, with their skills.

Most ads list requirements under a heading ("Requirements", "What you bring", "Nice to have"),
and those lists are read as they are. An ad without such headings gives the sentences that read
as requirements ("5+ years of …", "experience with …"), and those that say "is a plus".
"""

from __future__ import annotations

import re

from interbot_tui.core.documents.achievements import MAX_CHARS
from interbot_tui.core.documents.facts import JobFacts, Requirement
from interbot_tui.core.documents.lines import Line, labelled, section_of, sentences, split_lines
from interbot_tui.core.documents.positions import ROLE_WORDS, has_role_word
from interbot_tui.core.documents.skills import find_skills

MAX_MUST, MAX_NICE = 15, 10

# Checked in this order: "Preferred qualifications" is nice to have, "Qualifications" a must.
_SECTIONS: dict[str, tuple[str, ...]] = {
    "nice": (
        "nice to have", "nice to haves", "nice-to-have", "nice-to-haves", "bonus", "bonus points",
        "preferred", "preferred qualifications", "preferred skills", "preferred experience", "plus",
        "pluses", "it's a plus", "a plus", "desirable", "desirable skills", "good to have",
        "extra credit", "even better", "would be great",
    ),
    "must": (
        "requirements", "required", "required skills", "required qualifications",
        "required experience", "must have", "must-have", "must haves", "must-haves",
        "what you bring", "what you'll bring", "what you will bring", "qualifications",
        "minimum qualifications", "basic qualifications", "you have", "you are", "who you are",
        "about you", "your profile", "your skills", "your experience", "skills", "key skills",
        "technical skills", "what we're looking for", "what we are looking for",
        "what we look for", "we're looking for", "we are looking for", "what you need",
        "what you'll need", "what you will need", "you'll need", "essential", "essential skills",
        "ideal candidate", "the ideal candidate", "experience", "requirements and skills",
    ),
    "other": (
        "about us", "about the company", "about the role", "about the job", "about the team",
        "the role", "the job", "the team", "your role", "role", "overview", "job description",
        "responsibilities", "key responsibilities", "your responsibilities", "what you'll do",
        "what you will do", "what you'll be doing", "day to day", "benefits", "what we offer",
        "perks", "perks and benefits", "compensation", "salary", "how to apply", "our stack",
        "tech stack", "our tech stack", "location", "interview process", "why join us", "why us",
        "equal opportunity", "diversity",
    ),
}  # fmt: skip
_NICE_HINT = re.compile(
    r"\b(?:(?:is|are|would be) a (?:big |huge |real )?plus|a plus\b|nice[\s-]to[\s-]have|bonus|"
    r"preferred|desirable|advantageous|an advantage|good to have|would be great)\b",
    re.I,
)
_REQUIREMENT = re.compile(
    r"\b(?:experience (?:with|in|of|building|using|designing|running|operating)|"
    r"\d+\+?\s*(?:years|yrs)|proficien(?:t|cy)|you have|you bring|you know|strong|solid|"
    r"familiar(?:ity)? with|knowledge of|understanding of|expertise in|hands-on|degree in|"
    r"ability to|comfortable (?:with|in)|fluent|must have|required|requires)\b",
    re.I,
)
_TITLE_LABEL = re.compile(r"^\s*(?:job\s+title|job|title|position|role)\s*:\s*(.+)$", re.I)
_TITLE_NOISE = re.compile(
    r"^(?:we'?re hiring|we are hiring|hiring|now hiring|join us as(?: an?)?)\s*[:!-]?\s*|"
    r"\s*\((?:m/f/d|f/m/d|m/w/d|f/m/x|m/f/x|all genders|h/f)\)",
    re.I,
)


_WANTED = re.compile(
    r"\b(?:looking for|hiring|seeking|searching for|join us as)\s+(?:an?\s+|our\s+(?:next|new)\s+)?"
    r"((?:[\w/+#.-]+\s+){0,5}?(?:" + "|".join(sorted(ROLE_WORDS)) + r"))\b",
    re.I,
)


def _tidy_title(text: str) -> str:
    return _TITLE_NOISE.sub("", text).strip(" -–—:·")[:120]


def _title(lines: list[Line]) -> str:
    for line in lines[:30]:
        label = _TITLE_LABEL.match(line.text)
        if label and not line.bullet:
            return _tidy_title(label.group(1))
    headings = [ln for ln in lines if ln.heading and not section_of(ln, _SECTIONS)]
    for line in headings:
        if has_role_word(line.text):
            return _tidy_title(line.text)
    for line in lines[:10]:
        if not line.bullet and line.words <= 12 and has_role_word(line.text):
            return _tidy_title(line.text)
    if headings:
        return _tidy_title(headings[0].text)
    wanted = next((m for ln in lines[:10] if (m := _WANTED.search(ln.text))), None)
    if wanted is None:
        return ""
    title = _tidy_title(wanted.group(1))  # "We are looking for a senior Go developer"
    return title[:1].upper() + title[1:]


def _items(line: Line) -> list[str]:
    texts = [line.text] if line.bullet else sentences(line.text)
    out = []
    for text in texts:
        text = text.strip()
        if len(text) > MAX_CHARS:
            text = text[: MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
        if len(text) >= 3 and not text.endswith(":"):  # "If you have:" only leads in
            out.append(text)
    return out


class _Lists:
    def __init__(self) -> None:
        self.must: list[Requirement] = []
        self.nice: list[Requirement] = []

    def add(self, text: str, nice: bool) -> None:
        target = self.nice if nice else self.must
        if all(r.text.lower() != text.lower() for r in self.must + self.nice):
            target.append(Requirement(text, find_skills(text)))


def _by_headings(lines: list[Line]) -> _Lists:
    lists = _Lists()
    section: str | None = None
    level = 0
    for line in lines:
        opened = section_of(line, _SECTIONS)
        if opened is not None:
            section, level = opened, line.heading
            continue
        pair = labelled(line, _SECTIONS)
        if pair is not None:
            section, level = pair[0], 0
            if section != "other":
                lists.add(pair[1], section == "nice" or bool(_NICE_HINT.search(pair[1])))
            continue
        if line.heading:
            if not level or line.heading <= level:
                section = "other"  # an unknown heading ends the list; a sub-heading does not
            continue
        if section in ("must", "nice"):
            for text in _items(line):
                lists.add(text, section == "nice" or bool(_NICE_HINT.search(text)))
    return lists


def _by_sentences(lines: list[Line]) -> _Lists:
    lists = _Lists()
    for line in lines:
        if line.heading:
            continue
        for text in _items(line):
            if _NICE_HINT.search(text) or re.search(r"\bideally\b", text, re.I):
                lists.add(text, nice=True)
            elif _REQUIREMENT.search(text):
                lists.add(text, nice=False)
    return lists


def parse_job(text: str) -> JobFacts:
    """The facts a job description states; fields it does not state are left empty."""
    lines = split_lines(text)
    lists = _by_headings(lines)
    if not lists.must:  # no requirements heading: read the sentences, keep a "Bonus" list
        found = _by_sentences(lines)
        lists.must, lists.nice = found.must, lists.nice or found.nice
    return JobFacts(
        title=_title(lines),
        must_haves=tuple(lists.must[:MAX_MUST]),
        nice_to_haves=tuple(lists.nice[:MAX_NICE]),
    )
