"""Which banks fit a profile, what kind each slot of the interview is, and which question to ask."""

from __future__ import annotations

import random
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from interbot_tui.core.profile import Difficulty, InterviewType, Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.dedupe import is_near_duplicate
from interbot_tui.core.questions.question import Kind, Question

ENGINEERING_DOMAINS = {"backend", "frontend", "devops", "machine_learning", "data_science"}
_ENGINEERING_WORDS = re.compile(r"\b(engineer|developer|programmer|architect|sre|swe)\b", re.I)


def _alias_hits(bank: Bank, text: str) -> int:
    return sum(
        1 for a in bank.aliases if re.search(r"(?<![a-z])" + re.escape(a) + r"(?![a-z])", text)
    )


def _match_scores(banks: list[Bank], profile: Profile, kind: Kind) -> list[tuple[Bank, int]]:
    """Banks of `kind` with how well they match: a hit in the role counts twice."""
    role, topic = profile.role.lower(), profile.topic.lower()
    scored = [
        (b, 2 * _alias_hits(b, role) + _alias_hits(b, topic)) for b in banks if b.kind is kind
    ]
    return [(b, score) for b, score in sorted(scored, key=lambda x: -x[1]) if score > 0]


def matching_banks(banks: list[Bank], profile: Profile, kind: Kind = Kind.TECHNICAL) -> list[Bank]:
    """Banks of `kind` whose aliases occur in the role or topic, best match first."""
    return [b for b, _ in _match_scores(banks, profile, kind)]


def close_and_loose_matches(
    banks: list[Bank], profile: Profile, kind: Kind = Kind.TECHNICAL
) -> tuple[list[Bank], list[Bank]]:
    """The banks that match well (at least half the best score) and the ones that only brush
    the profile: "Backend engineer, Python" is the backend bank, not data science's
    "python" alias, until the backend questions run out."""
    scored = _match_scores(banks, profile, kind)
    best = scored[0][1] if scored else 0
    return (
        [b for b, score in scored if 2 * score >= best],
        [b for b, score in scored if 2 * score < best],
    )


def is_engineering(banks: list[Bank], profile: Profile) -> bool:
    domains = {b.domain for b in matching_banks(banks, profile)}
    return bool(domains & ENGINEERING_DOMAINS) or bool(_ENGINEERING_WORDS.search(profile.role))


def warmup_count(total: int) -> int:
    """One or two warm-ups, none when only one or two questions are asked."""
    if total <= 2:
        return 0 if total == 1 else 1
    return 1 if total < 10 else 2


def slot_kinds(profile: Profile, banks: list[Bank]) -> list[Kind]:
    """The kind of every question slot, warm-ups first."""
    total = profile.questions
    kinds = [Kind.WARMUP] * warmup_count(total)
    topic_slots = total - len(kinds)
    t = profile.interview_type
    if t is InterviewType.BEHAVIOURAL:
        cycle = [Kind.BEHAVIOURAL]
    elif t is InterviewType.SYSTEM_DESIGN:
        cycle = [Kind.SYSTEM_DESIGN]
    elif t is InterviewType.TECHNICAL:
        cycle = [Kind.TECHNICAL]
    elif is_engineering(banks, profile):
        cycle = [Kind.TECHNICAL, Kind.BEHAVIOURAL, Kind.TECHNICAL, Kind.SYSTEM_DESIGN]
    else:
        cycle = [Kind.TECHNICAL, Kind.BEHAVIOURAL]
    kinds += [cycle[i % len(cycle)] for i in range(topic_slots)]
    return kinds


@dataclass
class QuestionPool:
    """Bank questions for one interview, drawn without repeats or near-duplicates."""

    by_kind: dict[Kind, list[Question]]
    rng: random.Random
    spare: dict[Kind, list[Question]] = field(default_factory=dict)  # loose matches, for later
    recent: frozenset[str] = frozenset()  # ids asked in recent sessions: drawn only when no other

    @classmethod
    def for_profile(
        cls,
        banks: list[Bank],
        profile: Profile,
        rng: random.Random,
        recent: Collection[str] = (),
    ) -> QuestionPool:
        by_kind: dict[Kind, list[Question]] = {}
        spare: dict[Kind, list[Question]] = {}
        for kind in Kind:
            if kind is Kind.TECHNICAL:
                close, loose = close_and_loose_matches(banks, profile, kind)
            else:
                close, loose = [b for b in banks if b.kind is kind], []
            by_kind[kind] = [q for b in close for q in b.questions]
            spare[kind] = [q for b in loose for q in b.questions]
        return cls(by_kind, rng, spare, frozenset(recent))

    def has(self, kind: Kind) -> bool:
        return bool(self.by_kind.get(kind) or self.spare.get(kind))

    def draw(self, kind: Kind, level: Difficulty, asked: list[str]) -> Question | None:
        """A fresh question of `kind`, at `level` if possible, else the nearest level; from
        the banks that match the profile well, then from the loose matches."""
        for pool in (self.by_kind, self.spare):
            question = self._draw_from(pool.get(kind, []), level, asked)
            if question is not None:
                return question
        return None

    def _draw_from(
        self, questions: list[Question], level: Difficulty, asked: list[str]
    ) -> Question | None:
        candidates = [q for q in questions if not is_near_duplicate(q.text, asked)]
        if not candidates:
            return None
        # A question from a recent session comes back only when the bank has nothing fresher.
        candidates = [q for q in candidates if q.id not in self.recent] or candidates
        order = list(Difficulty)
        distance = min(abs(order.index(q.difficulty) - order.index(level)) for q in candidates)
        nearest = [
            q for q in candidates if abs(order.index(q.difficulty) - order.index(level)) == distance
        ]
        choice = self.rng.choice(nearest)
        questions.remove(choice)
        return choice
