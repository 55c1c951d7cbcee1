"""What a persona answer claims that nothing the candidate shared supports.

The skill guard (`guard.claims_unknown`) catches "I've used Terraform for years" when the resume
has no Terraform. A small model also agrees to experience in the question's own words: asked
"Have you managed a team of ten engineers?", the 1.5B model answered "Yes, I managed a team of
ten engineers at Freightline" from a resume that says "Mentored three junior engineers". Two
checks, on each clause that states a fact (not negated, not a plan or a wish):

- a **skill** the resume and the prepared answers never mention ("…and Java");
- a **number** the resume and the prepared answers never give (digits or number words; spans
  between the resume's years count as given: "five years at Freightline");
- for a **yes/no question about experience** ("Have you…", "Did you…", "Do you have…"), a
  topic word of the question that nothing shared contains, or a bare "Yes".

`honest_reply` then says, in the candidate's voice, that they have not done what was asked and
keeps the answer's supported sentences (or the closest resume line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from interbot_tui.core.documents.lines import sentences
from interbot_tui.core.documents.skills import find_skills, mentions
from interbot_tui.core.persona.words import stem

_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "a dozen": 12,
    "half a dozen": 6,
}
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_NUMBER = re.compile(
    r"(?:(?<![\w.])(\d+(?:[.,]\d+)?)(?:(k|m|bn)\b|(?!\w))|\b("
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\b)(?:\s+(thousand|million|billion)\b)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
TRIVIAL = frozenset({0.0, 1.0})  # "one of the hardest", "zero downtime"

_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|mine|we|we've|we're|our|us)\b", re.I)
_HYPOTHETICAL = re.compile(
    r"\b(?:i'd|we'd|would|will|i'll|we'll|could|might|going to|plan to|want to|hope to|"
    r"like to|if i|if we|aim to|intend to)\b",
    re.I,
)
NEGATED = re.compile(  # a denial: "I haven't", "not yet", "never"
    r"\b(?:not|never|no|none|nothing|without|yet to|unfamiliar|haven't|hasn't|hadn't|didn't|"
    r"don't|doesn't|wasn't|weren't|isn't|aren't|can't|cannot|won't)\b|n't\b",
    re.I,
)
# A clause not about "I"/"we" still tells of the candidate's past when it is in the past tense
# ("That saved 3 million euros"), not when it speaks in general ("the first 30 days matter").
_PAST = re.compile(
    r"\b(?:was|were|had|did|went|took|ran|grew|cut|built|made|got|became|brought|led|saw|"
    r"[a-z]{2,}ed)\b",
    re.I,
)
_CLAUSE = re.compile(r"\s*(?:;|,?\s+but\s+|,?\s+although\s+|,?\s+though\s+|—|–\s)\s*", re.I)
_YES = re.compile(r"^\W*(?:yes|yeah|yep|sure|absolutely|definitely|of course|certainly)\b", re.I)

# "Have you (ever) X?" and the like, turned to what the candidate says when they have not.
_YES_NO = (
    (re.compile(r"^(?:have|haven't) you (?:ever |already )?(?P<x>.+)$", re.I), "I haven't {x}"),
    (re.compile(r"^did you (?:ever )?(?P<x>.+)$", re.I), "I didn't {x}"),
    (re.compile(r"^(?:do|don't) you have (?P<x>.+)$", re.I), "I don't have {x}"),
    (re.compile(r"^(?:do|don't) you (?:ever )?(?P<x>.+)$", re.I), "I don't {x}"),
    (re.compile(r"^(?:were|weren't) you (?:ever )?(?P<x>.+)$", re.I), "I wasn't {x}"),
    (re.compile(r"^(?:are|aren't) you (?P<x>.+)$", re.I), "I'm not {x}"),
    (re.compile(r"^(?:is|was) there (?P<x>.+)$", re.I), "there isn't {x}"),
)
_LEAD_IN = re.compile(r"^(?:so|and|ok(?:ay)?|right|well|also|tell me|quick question)[,:]?\s+", re.I)
_MAX_ASKED_WORDS = 14
# Words of a question that say nothing about what was done ("Have you worked with X?").
_GENERIC = frozenset(
    stem(w)
    for w in """a an the and or of to in on at for from with about as by into it its this that
    any some ever already really actually done do did does have has had having worked work
    working use used using experience experienced exposure familiar hands-on handled handle
    dealt deal been be role job time times anything something one yourself you your
    professionally personally directly before previously past career position company
    companies""".split()
)
_TOPIC_WORD = re.compile(r"[a-z][a-z0-9+#-]*", re.I)


@dataclass(frozen=True)
class Known:
    """What the candidate shared, read once: the numbers it gives and its word stems."""

    numbers: frozenset[float]
    stems: frozenset[str]
    text: str = ""  # for the skills it mentions


def _numbers(text: str) -> set[float]:
    """The quantities `text` gives: "4 million" is 4,000,000, "two" is 2, "35%" is 35."""
    out: set[float] = set()
    for digits, suffix, word, scale in _NUMBER.findall(text):
        try:
            value = float(digits.replace(",", "")) if digits else float(_NUMBER_WORDS[word.lower()])
        except ValueError:
            continue
        out.add(value * _SCALE.get((suffix or scale).lower(), 1.0))
    return out


@lru_cache(maxsize=8)
def known(text: str, today: date | None = None) -> Known:
    """The numbers and word stems of `text` (the resume and the prepared answers), with the
    spans between its years (and this year) as numbers it gives."""
    numbers = _numbers(text)
    years = {int(y) for y in _YEAR.findall(text)} | {(today or date.today()).year}
    numbers |= {float(abs(a - b)) for a in years for b in years if 0 < abs(a - b) <= 50}
    stems = frozenset(stem(w.lower()) for w in _TOPIC_WORD.findall(text))
    return Known(frozenset(numbers), stems, text)


def asked_experience(question: str) -> str | None:
    """For a yes/no question about experience, the sentence the candidate says when they have
    not ("Have you managed a team?" -> "I haven't managed a team"); None for other questions."""
    text = question.strip().split("?")[0].strip()
    text = _LEAD_IN.sub("", text)
    for pattern, template in _YES_NO:
        match = pattern.match(text)
        if match:
            asked = _to_first_person(match.group("x").strip(" ,.;:"))
            if not asked or len(asked.split()) > _MAX_ASKED_WORDS:
                return None
            return template.format(x=asked)
    return None


def _to_first_person(text: str) -> str:
    swaps = {"your": "my", "yours": "mine", "yourself": "myself", "you": "I", "you've": "I've"}
    return re.sub(
        r"\b(your|yours|yourself|you've|you)\b",
        lambda m: swaps[m.group(1).lower()],
        text,
        flags=re.I,
    )


def unsupported_topics(question: str, shared: Known) -> tuple[str, ...]:
    """The topic words of a yes/no experience question that nothing shared contains."""
    if asked_experience(question) is None:
        return ()
    out: list[str] = []
    for word in _TOPIC_WORD.findall(question.lower()):
        root = stem(word)
        if root in _GENERIC or root in shared.stems or len(word) < 3 or word in out:
            continue
        if word in _NUMBER_WORDS:
            continue  # numbers have their own check
        out.append(word)
    return tuple(out)


def _clauses(sentence: str) -> list[str]:
    return [c for c in _CLAUSE.split(sentence) if c.strip()]


def _states(clause: str) -> bool:
    """Whether `clause` states a fact (not a plan, a wish or a denial)."""
    return not _HYPOTHETICAL.search(clause) and not NEGATED.search(clause)


def unsupported(
    sentence: str,
    shared: Known,
    topics: Iterable[str] = (),
    *,
    yes_no: bool = False,
    asked_numbers: frozenset[float] = frozenset(),
) -> bool:
    """Whether `sentence` states a number nothing shared gives (a number from the question
    only counts in a clause that is not about the candidate: "a team of 12 sounds good"), a
    topic word of the question nothing shared contains as something the candidate did, or (to
    a yes/no question about such a topic) a bare "yes"."""
    topic_stems = {stem(t) for t in topics}
    for clause in _clauses(sentence):
        if yes_no and topic_stems and _YES.match(clause) and not NEGATED.search(clause):
            return True
        if not _states(clause):
            continue
        personal = bool(_FIRST_PERSON.search(clause))
        if not personal and not _PAST.search(clause):
            continue  # a general statement
        given = shared.numbers if personal else shared.numbers | asked_numbers
        if _numbers(clause) - TRIVIAL - given:
            return True
        if personal and topic_stems & {stem(w.lower()) for w in _TOPIC_WORD.findall(clause)}:
            return True
        if personal and any(not mentions(shared.text, s) for s in find_skills(clause)):
            return True  # "…but I have experience with Python and Java", Java not on it
    return False


@dataclass(frozen=True)
class Checked:
    """An answer read against what the candidate shared."""

    kept: tuple[str, ...]  # its sentences nothing contradicts, in order
    dropped: tuple[str, ...]  # the sentences that claim what nothing supports

    @property
    def invents(self) -> bool:
        return bool(self.dropped)


def check_answer(answer: str, question: str, shared_text: str) -> Checked:
    """Split `answer` into the sentences the resume and prepared answers support and those
    that claim more (see `unsupported`)."""
    shared = known(shared_text)
    topics = unsupported_topics(question, shared)
    yes_no = asked_experience(question) is not None
    asked_numbers = frozenset(_numbers(question))
    kept: list[str] = []
    dropped: list[str] = []
    for sentence in sentences(answer):
        claims_more = unsupported(
            sentence, shared, topics, yes_no=yes_no, asked_numbers=asked_numbers
        )
        (dropped if claims_more else kept).append(sentence)
    return Checked(tuple(kept), tuple(dropped))


MAX_KEPT = 3


def honest_reply(question: str, checked: Checked, closest: Sequence[str] = ()) -> str:
    """The answer without its unsupported claims, in the candidate's voice: that they have not
    done what was asked, then what the answer said that holds (or the closest resume line)."""
    asked = asked_experience(question)
    opening = (
        f"{asked[0].upper()}{asked[1:]}, so I won't claim that."
        if asked
        else "I'd rather not put numbers or details on that which I can't back up."
    )
    rest = [s for s in checked.kept if not _YES.match(s)]
    if asked:  # after a denial, only what the resume lines bear out ("It went well" does not)
        rest = [s for s in rest if _borne_out(s, closest)]
    rest = rest[:MAX_KEPT]
    if not rest:
        line = next((_as_said(p) for p in closest if _as_said(p)), "")
        if line:
            rest = [f"The closest thing I've done: {line}"]
        else:
            rest = ["I'm happy to talk about the work on my resume instead."]
    return " ".join([opening, *rest])


def _stems(text: str) -> set[str]:
    return {stem(w.lower()) for w in _TOPIC_WORD.findall(text) if len(w) > 3} - _GENERIC


def _borne_out(sentence: str, passages: Sequence[str], least: int = 2) -> bool:
    """Whether `sentence` shares `least` topic words with one of the resume `passages`."""
    said = _stems(sentence)
    return any(len(said & _stems(p)) >= least for p in passages)


_PAST_VERB = re.compile(
    r"^(?:[A-Z][a-z]+ed|Led|Built|Cut|Set|Wrote|Ran|Made|Grew|Drove|Took|Won|Gave|Taught|Kept)\b"
)


_HEADINGS = re.compile(r"^\[(?P<where>[^\]]*)\]\s*")
_EMPLOYER = re.compile(r"[—–-]\s*(?P<name>[^()›\]]+?)\s*(?:\(|$)")


def _as_said(passage: str) -> str:
    """A retrieved resume line as the candidate would say it ("[… — Freightline (2021–)]
    Mentored three junior engineers" -> "at Freightline, I mentored three junior engineers."),
    or "" when the line does not start with what was done."""
    where = ""
    line = passage.strip()
    heading = _HEADINGS.match(line)
    if heading:
        line = line[heading.end() :]
        employer = _EMPLOYER.search(heading.group("where").split("›")[-1])
        where = employer.group("name").strip() if employer else ""
    line = line.rsplit("\n", 1)[-1].strip().lstrip("-*• ").strip()
    if "›" in line or not _PAST_VERB.match(line):
        return ""
    said = f"I {line[0].lower()}{line[1:]}".rstrip(" .;")
    return f"at {where}, {said}." if where else f"{said}."
