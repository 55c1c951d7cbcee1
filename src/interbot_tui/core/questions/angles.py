"""Angles for model-written questions: what the n-th generated question is about.

Asked only to "avoid the questions already asked", a small model keeps circling its favourite
subject (NOTES.md). Naming one angle and one stack item per request spreads the questions out:
the n-th request gets angle n and stack item n (shifted each lap of the angles), so consecutive
questions differ in both. Repeats that still slip through are caught by dedupe.
"""

from __future__ import annotations

import re

from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.question import Kind

# Worded to fit any field (engineering, data, product, marketing, HR...).
TECHNICAL_ANGLES = (
    "how it works under the hood",
    "a common mistake and how to avoid it",
    "a trade-off between two options",
    "troubleshooting a problem",
    "measuring and monitoring it",
    "performance or efficiency",
    "security, privacy or compliance risks",
    "testing or validating the work",
    "a key definition people often confuse",
    "scaling it up",
    "tools and their limits",
    "handling failures or edge cases",
    "data quality",
    "a concrete calculation or example",
    "when not to use it",
    "structuring or modelling the work",
    "change management: migrations, versions or rollouts",
    "best practice under a tight deadline",
)
SYSTEM_DESIGN_ANGLES = (
    "caching",
    "a message queue",
    "storage and data model",
    "rate limiting",
    "search",
    "notifications",
    "authentication and sessions",
    "file uploads",
    "analytics events",
    "real-time updates",
    "high availability",
    "a scheduled batch job",
)
BEHAVIOURAL_ANGLES = (
    "a conflict with a colleague",
    "a missed deadline",
    "a mistake you made",
    "difficult feedback",
    "leading without authority",
    "an ambiguous task",
    "competing priorities",
    "learning something fast",
    "mentoring someone",
    "a demanding customer or stakeholder",
    "a failed project",
    "improving a process",
    "disagreeing with your manager",
    "working under pressure",
)
WARMUP_ANGLES = (
    "what drew you to this field",
    "a recent project you enjoyed",
    "what you want to learn next",
    "how you keep your skills current",
    "what a good working day looks like",
    "a tool you could not do without",
)
ANGLES: dict[Kind, tuple[str, ...]] = {
    Kind.TECHNICAL: TECHNICAL_ANGLES,
    Kind.SYSTEM_DESIGN: SYSTEM_DESIGN_ANGLES,
    Kind.BEHAVIOURAL: BEHAVIOURAL_ANGLES,
    Kind.WARMUP: WARMUP_ANGLES,
}


def stack_items(profile: Profile) -> list[str]:
    """The separate things the stack names ("Python, PostgreSQL and REST APIs" -> three)."""
    parts = re.split(r"\s*(?:[,;/+&|]|\band\b)\s*", profile.topic.strip())
    return [p for p in (part.strip() for part in parts) if p] or [profile.role]


def focus(profile: Profile, kind: Kind, n: int) -> str:
    """What the n-th generated question of this kind is about, as a line for the prompt."""
    angles = ANGLES[kind]
    angle = angles[n % len(angles)]
    if kind in (Kind.TECHNICAL, Kind.SYSTEM_DESIGN):
        items = stack_items(profile)  # shifted once per lap of the angles: new pairs each lap
        return f"{angle}, in {items[(n + n // len(angles)) % len(items)]}"
    return angle
