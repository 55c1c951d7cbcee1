"""Questions to suggest in persona mode: the prepared ones first, then ones the resume invites
(the candidate's time at each employer, their stated achievements, their main skills)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from interbot_tui.core.documents.facts import Claim, ResumeFacts
from interbot_tui.core.persona.prepared import PreparedAnswers
from interbot_tui.core.questions.grounded import company

MAX_SUGGESTIONS = 20
MAX_PREPARED, MAX_EMPLOYERS, MAX_CLAIMS, MAX_SKILLS = 12, 3, 4, 2
MAX_CLAIM_CHARS = 90
_IRREGULAR_PAST = frozenset(
    "built led cut ran wrote drove made won grew set took rebuilt rewrote sped split taught".split()
)
# Where a claim's "how" starts: "... by moving", ", catching", "; two now ...".
_TAIL = re.compile(r"\s+by\s+\w+ing\b|[;,:]\s|\s+[—–]\s")


def _claim_question(claim: Claim) -> str | None:
    text = _TAIL.split(claim.text.strip().rstrip("."), maxsplit=1)[0].strip()
    first = text.split(" ", 1)[0].lower()
    if len(text.split()) < 3 or not (first.endswith("ed") or first in _IRREGULAR_PAST):
        return None
    if len(text) > MAX_CLAIM_CHARS:
        text = text[:MAX_CLAIM_CHARS].rsplit(" ", 1)[0]
    return f"You {text[0].lower()}{text[1:]}: how did you do it?"


def resume_questions(facts: ResumeFacts) -> list[str]:
    """Questions about the resume's employers, achievements (those with figures first, as
    `parse_resume` orders them) and skills."""
    out: list[str] = []
    employers = [c for c in dict.fromkeys(company(role) for role in facts.roles) if c]
    out += [f"Tell me about your time at {c}." for c in employers[:MAX_EMPLOYERS]]
    claims = [q for q in map(_claim_question, facts.claims) if q]
    out += claims[:MAX_CLAIMS]
    out += [f"Tell me about your experience with {skill}." for skill in facts.skills[:MAX_SKILLS]]
    return out


def suggestions(
    prepared: PreparedAnswers | None, facts: ResumeFacts, limit: int = MAX_SUGGESTIONS
) -> list[str]:
    """Prepared questions first, then the resume's, without two that ask the same thing."""
    first: Sequence[str] = prepared.questions[:MAX_PREPARED] if prepared else ()
    out = list(first)
    for question in resume_questions(facts):
        if prepared is not None and prepared.match(question) is not None:
            continue  # a prepared question already asks it
        if question not in out:
            out.append(question)
    return out[:limit]
