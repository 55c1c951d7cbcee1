"""Which skills a text names: canonical names from a curated vocabulary, matched with care.

"k8s" is Kubernetes, "Postgres" is PostgreSQL; "Java" is not found in "JavaScript", "C" not in
"C++", "SQL" not in "MySQL", "React" not in "react quickly". The one- and two-letter names (C, R,
Go) count only in a tech context: a list ("Python, Go"), "in Go", "C programming".
The vocabulary itself is data, in `skill_vocabulary.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from interbot_tui.core.documents.skill_vocabulary import CATEGORIES


@dataclass(frozen=True)
class Skill:
    name: str  # canonical, as shown to the user
    category: str
    aliases: tuple[str, ...]  # every written form, the name included
    implies: tuple[str, ...] = ()  # canonical names this one also means


@dataclass(frozen=True)
class _Alias:
    text: str
    skill: str
    exact: bool  # case as written
    gated: bool  # only in a tech context


def _parse(categories: dict[str, str]) -> tuple[dict[str, Skill], list[_Alias]]:
    skills: dict[str, Skill] = {}
    aliases: list[_Alias] = []
    seen: dict[str, str] = {}
    for category, block in categories.items():
        for line in block.strip().splitlines():
            fields = [f.strip() for f in line.split("|") if f.strip()]
            name = fields[0].lstrip("=~")
            implies = tuple(f[1:] for f in fields if f.startswith(">"))
            forms = [f for f in fields if not f.startswith(">")]
            if name in skills:
                raise ValueError(f"skill {name!r} is listed twice")
            for form in forms:
                text = form.lstrip("=~")
                key = text if form[0] in "=~" else text.lower()
                if seen.get(key, name) != name:
                    raise ValueError(f"{text!r} is an alias of both {seen[key]!r} and {name!r}")
                seen[key] = name
                aliases.append(_Alias(text, name, form[0] in "=~", form[0] == "~"))
            written = tuple(dict.fromkeys(f.lstrip("=~") for f in forms))
            skills[name] = Skill(name, category, written, implies)
    for skill in skills.values():
        for implied in skill.implies:
            if implied not in skills:
                raise ValueError(f"{skill.name!r} implies unknown skill {implied!r}")
    return skills, aliases


SKILLS, _ALIASES = _parse(CATEGORIES)


def _alias_pattern(alias: _Alias) -> str:
    body = r"[\s\-]+".join(re.escape(part) for part in re.split(r"[ \-]", alias.text))
    if alias.exact:
        body = f"(?-i:{body})"
    if not alias.gated and len(alias.text) >= 3 and alias.text[-1].isalpha():
        body += "s?"  # "LLMs", "microservices", "A/B tests"
    return f"({body})"


def _by_first_letter(aliases: list[_Alias]) -> dict[str, tuple[re.Pattern[str], list[_Alias]]]:
    """One pattern per first character: one regex over all 600 aliases, tried at every word,
    took 3.6 s on a 60,000-character resume; these take about 25 ms.

    Longest first: a regex takes the first alternative that matches, so "Apache Kafka" beats
    "Kafka" and "C++" beats "C" at the same position.
    """
    groups: dict[str, list[_Alias]] = {}
    for alias in sorted(aliases, key=lambda a: len(a.text), reverse=True):
        groups.setdefault(alias.text[0].lower(), []).append(alias)
    return {
        first: (
            re.compile(
                "(?:" + "|".join(map(_alias_pattern, group)) + r")(?![\w+#]|\.\w)", re.IGNORECASE
            ),
            group,
        )
        for first, group in groups.items()
    }


_GROUPS = _by_first_letter(_ALIASES)
_WORD_START = re.compile(r"(?<![\w.@])[^\W_]|(?<![\w.@])\.(?=\w)")
_BY_LOWER = {a.text.lower(): a.skill for a in _ALIASES}
_BY_LOWER.update({name.lower(): name for name in SKILLS})

_LIST_BEFORE = re.compile(r"(?:[,/;|(:•·]|\b(?:in|using|with|and|or|plus)\s)\s*$", re.I)
_LIST_AFTER = re.compile(
    r"\s*(?:[,/;|)]|(?:programming|language|code|codebase|developer|engineer|services?|"
    r"microservices?|modules?|library|libraries|scripts?|packages?|compiler|toolchain)\b)",
    re.I,
)


def _in_tech_context(text: str, start: int, end: int) -> bool:
    """Whether a short ambiguous name ("Go", "R", "C") at text[start:end] reads as a skill."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : len(text) if line_end < 0 else line_end]
    if after[:1] in ("-", "&", "'", "’") or before[-1:] in ("-", "'", "’"):
        return False  # "C-level", "R&D", "Go-to-market", "O'Go"
    if _LIST_BEFORE.search(before) or _LIST_AFTER.match(after):
        return True
    return not before.strip(" \t-*•·") and not after.strip(" .")  # alone on a (bullet) line


def _with_implied(name: str, out: dict[str, None]) -> None:
    if name in out:
        return
    out[name] = None
    for implied in SKILLS[name].implies:
        _with_implied(implied, out)


@lru_cache(maxsize=1024)
def find_skills(text: str) -> tuple[str, ...]:
    """The canonical skills `text` names, in order of first mention, each once.

    A skill that implies others ("EKS": AWS, Kubernetes) is followed by them.
    """
    found: dict[str, None] = {}
    resume_at = 0  # matches do not overlap: "Apache Kafka" is not also "Kafka"
    for start in _WORD_START.finditer(text):
        group = _GROUPS.get(start.group(0).lower())
        if start.start() < resume_at or group is None:
            continue
        pattern, aliases = group
        match = pattern.match(text, start.start())
        if match is None:
            continue
        alias = aliases[(match.lastindex or 1) - 1]
        if alias.gated and not _in_tech_context(text, match.start(), match.end()):
            continue
        resume_at = match.end()
        _with_implied(alias.skill, found)
    return tuple(found)


def canonical(skill: str) -> str | None:
    """The canonical name for a skill or any of its aliases ("k8s" -> "Kubernetes"), else None."""
    return _BY_LOWER.get(skill.strip().lower())


def mentions(text: str, skill: str) -> bool:
    """Whether `text` names `skill` (a canonical name or alias; an unknown one as a whole word)."""
    name = canonical(skill)
    if name is not None:
        return name in find_skills(text)
    word = re.escape(skill.strip())
    return bool(word) and re.search(rf"(?<![\w.@]){word}(?![\w+#])", text, re.I) is not None
