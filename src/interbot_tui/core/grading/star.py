"""The STAR check for behavioural answers: its parts, its one prompt wording, what is missing.

A behavioural answer should tell one specific past Situation, the candidate's Task, the Actions
they took and the Result. Both graders explain STAR to the model with `STAR_EXPLANATION`; the
probe grader also checks each part the rubric does not already cover with its own probe.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from interbot_tui.core.questions.question import Kind, Question

if TYPE_CHECKING:  # probes imports this module; the result type is only read here
    from interbot_tui.core.grading.probes import ProbeResult

# The probe grader's weights were fitted with this exact text in its prompt: keep it byte-identical.
STAR_EXPLANATION = """This is a behavioural question: a good answer tells one specific past \
situation (STAR: situation, task, actions, result). A generic "I would..." answer is not a \
specific situation."""

# A probed point (key point or STAR part) with P(yes) under this is treated as not made.
MISSING_BELOW = 0.8


class Star(StrEnum):
    SITUATION = "situation"
    TASK = "task"
    ACTION = "action"
    RESULT = "result"


STAR_POINTS: dict[Star, str] = {  # the point a STAR probe checks, worded like a key point
    Star.SITUATION: "Situation: you describe one specific real situation from your past, not what you would do in general.",
    Star.TASK: "Task: you say what your own role or responsibility was.",
    Star.ACTION: "Action: you describe the concrete steps you personally took.",
    Star.RESULT: "Result: you say what the outcome was, ideally with a number or a clear change.",
}
STAR_ADVICE: dict[Star, str] = {  # what the feedback tells the candidate to add
    Star.SITUATION: "describe one specific situation you were in (when, where, what was at stake) rather than what you would do in general",
    Star.TASK: "say what your own role or responsibility was",
    Star.ACTION: "walk through the concrete steps you personally took",
    Star.RESULT: "finish with the result: what changed, ideally with a number",
}
STAR_KEYWORDS: dict[Star, tuple[str, ...]] = {  # rubric words that show a key point checks a part
    Star.SITUATION: ("situation", "specific", "context"),
    Star.TASK: ("task", "responsib", "role", "ownership"),
    Star.ACTION: ("action", "steps", "actions", "personally took"),
    Star.RESULT: ("result", "outcome", "measurable", "impact contained"),
}


def star_part(point: str) -> Star | None:
    """Which STAR part a behavioural key point checks, judged from its wording."""
    lowered = point.lower().lstrip()
    for part in Star:  # an explicit label wins: "Result: ..."
        if lowered.startswith(part.value):
            return part
    for part, keys in STAR_KEYWORDS.items():
        if any(k in lowered for k in keys):
            return part
    return None


def star_points(question: Question) -> dict[Star, int | None]:
    """For each STAR part, the index of the key point that checks it (None: needs its own probe)."""
    found: dict[Star, int | None] = dict.fromkeys(Star, None)
    for i, point in enumerate(question.key_points):
        part = star_part(point)
        if part is not None and found[part] is None:
            found[part] = i
    return found


_HYPOTHETICAL_RE = re.compile(
    r"\b(i would|i'd|i usually|i always|i try to|i tend to|i typically|i generally|in those "
    r"situations|in that situation i would|the key is|you should|i'd probably)\b",
    re.IGNORECASE,
)
_PAST_RE = re.compile(
    r"\b(i|we|he|she|they)\s+(\w+ed|was|were|had|did|made|took|went|got|ran|wrote|built|sat|"
    r"told|found|saw|led|set|put|cut|sent|met|spent|brought|gave|chose|said|kept|left|began)\b"
    r"|\b(last (year|month|week|quarter|spring|summer|autumn|fall|winter)|at my (last|previous)|"
    r"once|one time|in my (last|previous|first))\b",
    re.IGNORECASE,
)


def hypothetical(answer: str) -> bool:
    """True when a behavioural answer speaks in general terms ("I would...") and tells no story."""
    return bool(_HYPOTHETICAL_RE.search(answer)) and len(_PAST_RE.findall(answer)) < 2


def missing_star(question: Question, probe: ProbeResult) -> list[Star]:
    """The STAR parts a behavioural answer lacks, in STAR order."""
    if question.kind is not Kind.BEHAVIOURAL:
        return []
    lacking: list[Star] = []
    where = star_points(question)
    for part in Star:
        index = where[part]
        p = probe.points[index] if index is not None else probe.star.get(part, 1.0)
        if p < MISSING_BELOW or (part is Star.SITUATION and probe.hypothetical):
            lacking.append(part)
    return lacking


def star_summary(question: Question, missing: Sequence[Star]) -> str:
    """The grade's one-line communication note: whether a behavioural answer is complete STAR."""
    if question.kind is not Kind.BEHAVIOURAL:
        return ""
    if not missing:
        return "STAR complete"
    return "STAR: missing " + ", ".join(s.value for s in missing)
