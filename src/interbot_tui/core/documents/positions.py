"""Position lines on a resume: "Senior Data Engineer — Acme Corp (2021–2024)" and its variants.

A position names a title and usually a company and dates, in any order, on one line or on two
("### Acme Corp" then "Senior Data Engineer · 2021 – Present"). `format_role` writes each one
the same way: "Senior Data Engineer, Acme Corp (2021–2024)".
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_POINT = rf"(?:(?:{_MONTH}\s+|\d{{1,2}}[/.])?(?:19|20)\d{{2}})"
_END = rf"(?:{_POINT}|present|current|now|today|date)"
DATE_RANGE = re.compile(
    rf"(?<!\w)(?:{_POINT}\s*(?:-|–|—|to|until|till)\s*{_END}|since\s+{_POINT}|{_POINT})(?!\w)",
    re.IGNORECASE,
)
ROLE_WORDS = frozenset(
    """engineer engineers developer programmer scientist analyst architect manager lead leader
    head director consultant specialist administrator designer intern internship researcher
    officer founder co-founder cto ceo cio vp president sre devops technician tester qa
    coordinator owner principal associate assistant trainee apprentice teacher lecturer
    professor instructor fellow contractor freelancer freelance advisor strategist
    programmer dba""".split()
)
_SEPARATOR = re.compile(r"\s+(?:—|–|-|\||·|•|at|@)\s+|\s*[,|·•]\s*|\s+[—–]\s*|\s*[—–]\s+")
_BRACKETS = re.compile(r"[(\[]\s*[)\]]")


def has_dates(text: str) -> bool:
    return DATE_RANGE.search(text) is not None


def has_role_word(text: str) -> bool:
    return any(w.strip(".,()").lower() in ROLE_WORDS for w in re.split(r"[\s/]+", text))


def format_role(text: str) -> str:
    """ "Acme Corp | Senior Data Engineer | Jan 2019 - Present"
    -> "Senior Data Engineer, Acme Corp (Jan 2019 - Present)"; "" when nothing is left."""
    found = DATE_RANGE.search(text)
    dates = found.group(0) if found else ""
    rest = text if not found else text[: found.start()] + " " + text[found.end() :]
    rest = _BRACKETS.sub(" ", rest)
    parts = [p.strip(" ,;:()[]") for p in _SEPARATOR.split(rest)]
    parts = [p for p in parts if p and not re.fullmatch(r"\W+", p)]
    if not parts:
        return ""
    title = next((p for p in parts if has_role_word(p)), parts[0])
    others = [p for p in parts if p is not title]
    company = others[0] if others else ""
    named = f"{title}, {company}" if company else title
    return f"{named} ({dates})" if dates else named


def without_dates(role: str) -> str:
    """ "Senior Data Engineer, Acme (2021–2024)" -> "Senior Data Engineer, Acme"."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", role).strip()
