"""Whether a resume line states an achievement, and whether it gives a figure.

An achievement starts with an action verb and names what was done: "Cut tracking latency from
6 hours to 40 seconds", "Led a team of five", "Own the ingestion platform". A figure is a number
that measures it (not a year), a percentage, a multiple, money or a counted thing.
"""

from __future__ import annotations

import re

MIN_CHARS, MAX_CHARS = 20, 300

_IRREGULAR_PAST = frozenset(
    """built led cut ran wrote drove made won grew set took brought taught began chose found held
    kept met paid sold spent oversaw rebuilt rewrote split sped beat bought dealt gave got hit laid
    put shut sat spun struck swept threw told upheld undertook""".split()
)
_PRESENT = frozenset(
    """build builds lead leads own owns design designs develop develops maintain maintains run
    runs manage manages drive drives create creates implement implements migrate migrates reduce
    reduces cut cuts ship ships deliver delivers architect architects automate automates
    improve improves mentor mentors scale scales write writes launch launches define defines
    support supports operate operates optimise optimize optimises optimizes coordinate
    coordinates establish establishes introduce introduces oversee oversees partner partners
    collaborate collaborates analyse analyze analyses analyzes deploy deploys""".split()
)
# Words ending in -ed or -ing that do not start an achievement.
_NOT_VERBS = frozenset(
    """based skilled experienced interested detailed motivated certified red seed need speed
    during including string morning evening nothing something everything anything according
    following pending remaining existing ongoing outstanding engineering thing""".split()
)
_LEADING = re.compile(r"^(?:i|we|also|successfully|personally|then)\s+", re.I)
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_FIGURE_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?|half|halved|doubled|tripled|"
    r"quadrupled|tenfold|twofold|threefold)\b|[$€£¥]|×",
    re.I,
)


def starts_with_action(text: str) -> bool:
    """ "Cut latency by 40%", "I led the migration", "Building ..." -> True."""
    first = _LEADING.sub("", text).split(" ", 1)[0].strip(",.:;").lower()
    if not first.isalpha() or first in _NOT_VERBS:
        return False
    if first in _IRREGULAR_PAST or first in _PRESENT:
        return True
    return (first.endswith("ed") and len(first) > 4) or (first.endswith("ing") and len(first) > 5)


def has_figure(text: str) -> bool:
    """A measured figure: "40%", "3x", "6 hours", "$2M", "five engineers"; a bare year is none."""
    for match in _NUMBER.finditer(text):
        number = match.group(0).rstrip(",.")
        if not _YEAR.match(number):
            return True
    return _FIGURE_WORDS.search(text) is not None


def is_achievement(text: str) -> bool:
    return (
        MIN_CHARS <= len(text) <= MAX_CHARS and len(text.split()) >= 4 and starts_with_action(text)
    )
