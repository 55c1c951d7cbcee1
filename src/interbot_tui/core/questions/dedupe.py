"""When two interview questions count as the same question: every repeat check calls this module.

Two rules. `is_near_duplicate` is general: word overlap or character similarity, used for bank
draws and for any question about to be asked. `repeats` adds, for model-written questions, the
overlap of the words that carry the question's subject once the role and stack words every
question for the profile shares are set aside.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from interbot_tui.core.profile import Profile
from interbot_tui.core.text import content_words, words

NEAR_DUPLICATE = 0.6


def similarity(a: str, b: str) -> float:
    """0..1: the larger of content-word Jaccard overlap and character sequence similarity."""
    wa, wb = content_words(a), content_words(b)
    jaccard = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    sequence = SequenceMatcher(None, " ".join(words(a)), " ".join(words(b))).ratio()
    return max(jaccard, sequence)


def is_near_duplicate(candidate: str, others: list[str], threshold: float = NEAR_DUPLICATE) -> bool:
    return any(similarity(candidate, other) >= threshold for other in others)


# Words that frame a question rather than say what it is about.
_FRAME_WORDS = frozenset(
    """approach best better challenge common consider different difference effective
    ensure example experience handle important key main practice practices project way
    ways work working use using used""".split()
)


def _root(word: str) -> str:
    """A crude stem: the first six letters ("integrate", "integrating" -> "integr")."""
    return word[:6]


def focus_words(text: str, profile: Profile) -> set[str]:
    """The roots of a question's content words, less the role and stack words every question
    for this profile shares and the words that only frame a question."""
    shared = {_root(w) for w in content_words(f"{profile.role} {profile.topic}")}
    shared |= {_root(w) for w in _FRAME_WORDS}
    shared |= {_root(w.rstrip("s")) for w in shared}
    return {_root(w) for w in content_words(text) if len(w) > 2} - shared


def repeats(candidate: str, earlier: list[str], profile: Profile) -> str:
    """The earlier question `candidate` nearly repeats, or ''.

    Either the general near-duplicate check, or shared subject words ("How do you index
    PostgreSQL tables?" against "When should a PostgreSQL table get an index?"): half of the
    shorter question's subject words, and at least three of them (or all of them when it has
    only two or three).
    """
    mine = focus_words(candidate, profile)
    for other in earlier:
        if is_near_duplicate(candidate, [other]):
            return other
        theirs = focus_words(other, profile)
        common = mine & theirs
        smaller = min(len(mine), len(theirs))
        if len(common) >= 0.5 * smaller and (len(common) >= 3 or len(common) == smaller >= 2):
            return other
    return ""
