"""Delivery analytics for a spoken answer: pace, filler words and long pauses."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

LONG_PAUSE_S = 2.0  # a gap between two words longer than this is a long pause
MIN_RATE_S = 2.0  # below this much speech, words per minute is not worth stating
MIN_ADVICE_S = 20.0  # below this much speech in the interview, no pace or filler advice
FAST_WPM = 170.0
SLOW_WPM = 110.0
MANY_FILLERS_PER_MIN = 4.0
MANY_PAUSES_PER_MIN = 1.0

# Hesitation sounds, however they are spelled ("umm", "Uhh", "hmmm"), are always fillers.
_SOUNDS = (
    (re.compile(r"u+h*m+"), "um"),
    (re.compile(r"u+h+"), "uh"),
    (re.compile(r"e+r+m+"), "erm"),
    (re.compile(r"e+r+"), "er"),
    (re.compile(r"a+h+"), "ah"),
    (re.compile(r"h+m+|m{2,}"), "hmm"),
)
_PAUSE_MARKS = frozenset(",;:—–-…")  # a comma or dash: the speaker set the word off
_STOP_MARKS = frozenset(".?!")
# "what kind of index", "a sort of key": the phrase is meant literally after these words.
_DETERMINERS = frozenset(
    """a an the this that these those what which any some every each no one all such same
    other different my your his her its our their""".split()
)
# Two-word fillers: the name counted, and the words before them that make them literal.
_PHRASES = {
    "kind of": ("kind of", _DETERMINERS),
    "sort of": ("sort of", _DETERMINERS),
    # "do you know?", "if you know the key"
    "you know": (
        "you know",
        frozenset(
            """do does did don't doesn't didn't if whether as would will could can should
            might what""".split()
        ),
    ),
    # "that's what I mean."
    "i mean": ("I mean", frozenset("what that which if whatever".split())),
}
# "I like, ...", "I'd like to": "like" as a verb.
_BEFORE_VERB_LIKE = frozenset(
    "i you we they i'd you'd we'd they'd would don't didn't to really".split()
)
_EDGE_RE = re.compile(r"^(\W*)(.*?)(\W*)$")


@dataclass(frozen=True)
class Word:
    """One recognised word; times in seconds from the start of the recording."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Delivery:
    """How one answer was spoken."""

    words: int
    speaking_s: float  # first word start to last word end
    wpm: float  # words per minute over speaking_s; 0 when too short to say
    fillers: dict[str, int]  # filler -> count, most frequent first
    long_pauses: int  # gaps between words over LONG_PAUSE_S
    longest_pause_s: float
    duration_s: float  # the whole recording

    @property
    def filler_count(self) -> int:
        return sum(self.fillers.values())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict; `from_dict` reads it back."""
        return {
            "words": self.words,
            "speaking_s": self.speaking_s,
            "wpm": self.wpm,
            "fillers": dict(self.fillers),
            "long_pauses": self.long_pauses,
            "longest_pause_s": self.longest_pause_s,
            "duration_s": self.duration_s,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Delivery:
        """Read `to_dict` output; missing keys read as zero, so older rows still load."""
        fillers = data.get("fillers") or {}
        return cls(
            words=int(data.get("words", 0)),
            speaking_s=float(data.get("speaking_s", 0.0)),
            wpm=float(data.get("wpm", 0.0)),
            fillers={str(k): int(v) for k, v in fillers.items()},
            long_pauses=int(data.get("long_pauses", 0)),
            longest_pause_s=float(data.get("longest_pause_s", 0.0)),
            duration_s=float(data.get("duration_s", 0.0)),
        )

    def summary(self) -> str:
        """One short line, e.g. "142 wpm · 3 fillers (um ×2, like ×1) · 38 s speaking"."""
        if not self.words:
            return "no speech recognised"
        parts = [f"{self.wpm:.0f} wpm"] if self.wpm else []
        parts.append(_fillers_text(self.fillers))
        if self.long_pauses:
            parts.append(_pauses_text(self.long_pauses, self.longest_pause_s))
        parts.append(f"{self.speaking_s:.0f} s speaking")
        return " · ".join(parts)


def analyse(words: Sequence[Word], duration_s: float) -> Delivery:
    """Pace, fillers and pauses of one answer from its timed words (in spoken order)."""
    timed = [w for w in words if _is_spoken(w.text)]
    tokens = _tokens(w.text for w in words)
    speaking = max(w.end for w in timed) - min(w.start for w in timed) if timed else 0.0
    speaking = max(speaking, 0.0)
    # Millisecond rounding, so a gap of 2.0 s computed as 2.0000000001 is not "over" 2.0 s.
    gaps = [round(max(b.start - a.end, 0.0), 3) for a, b in pairwise(timed)]
    wpm = len(tokens) / speaking * 60 if speaking >= MIN_RATE_S else 0.0
    return Delivery(
        words=len(tokens),
        speaking_s=round(speaking, 2),
        wpm=round(wpm, 1),
        fillers=_find_fillers(tokens),
        long_pauses=sum(g > LONG_PAUSE_S for g in gaps),
        longest_pause_s=round(max(gaps, default=0.0), 2),
        duration_s=round(max(duration_s, 0.0), 2),
    )


def words_from_text(text: str, duration_s: float) -> list[Word]:
    """Spread the words of `text` evenly over `duration_s`, for when only text is known.

    Pace and fillers then still mean something, but pauses are unknown: every gap is zero, so
    `analyse` reports no long pauses (and `summary` does not mention pauses).
    """
    pieces = text.split()
    if not pieces:
        return []
    step = max(duration_s, 0.0) / len(pieces)
    return [Word(p, i * step, (i + 1) * step) for i, p in enumerate(pieces)]


# --- fillers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    word: str  # lower case, edge punctuation stripped ("it's")
    upper: bool  # written in capitals ("ER diagram"): not a hesitation sound
    set_off_before: bool  # first word, or a punctuation mark right before it
    set_off_after: bool  # a comma or dash right after it
    ends_sentence: bool  # . ? ! right after it, or the last word


def count_fillers(text: str) -> dict[str, int]:
    """Filler counts in a transcript, most frequent first; see `_find_fillers` for the rules."""
    return _find_fillers(_tokens([text]))


def _is_spoken(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _tokens(texts: Iterable[str]) -> list[_Token]:
    """Split into words, remembering the punctuation around each (Whisper writes "Well, um,")."""
    raw: list[tuple[str, str, str]] = []  # (leading punctuation, word, trailing punctuation)
    for text in texts:
        for piece in text.replace("’", "'").split():
            match = _EDGE_RE.match(piece)
            assert match is not None  # the pattern matches any string
            lead, word, trail = match.groups()
            if word:
                raw.append((lead, word, trail))
            elif raw:  # a lone "—" or "...": it belongs to the word before
                raw[-1] = (raw[-1][0], raw[-1][1], raw[-1][2] + piece)
    marks = _PAUSE_MARKS | _STOP_MARKS
    tokens = []
    for i, (lead, word, trail) in enumerate(raw):
        before = lead + (raw[i - 1][2] if i else "")
        after = trail + (raw[i + 1][0] if i + 1 < len(raw) else "")
        tokens.append(
            _Token(
                word=word.lower(),
                upper=len(word) > 1 and word.isupper(),
                set_off_before=i == 0 or bool(marks & set(before)),
                set_off_after=bool(_PAUSE_MARKS & set(after)),
                ends_sentence=i + 1 == len(raw) or bool(_STOP_MARKS & set(after)),
            )
        )
    return tokens


def _sound(token: _Token | None) -> str | None:
    """The hesitation sound this token is ("Umm" -> "um"), if any."""
    if token is None or token.upper:
        return None
    for pattern, name in _SOUNDS:
        if pattern.fullmatch(token.word):
            return name
    return None


def _word_in(token: _Token | None, words: frozenset[str]) -> bool:
    """Whether `token` is one of `words` (False for no token)."""
    return token is not None and token.word in words


def _find_fillers(tokens: Sequence[_Token]) -> dict[str, int]:
    """Count fillers, most frequent first. The rules, kept simple enough to explain:

    - sounds: um, uh, er, erm, ah, hmm (any spelling: "umm", "Uhh", "hmmm") always count;
    - "basically" always counts;
    - "like" counts when a comma or dash follows it ("it's, like, fast") or a sound stands
      next to it ("like um"); not in "I'd like to", "looks like that", "like a queue", "I like,";
    - "you know" and "I mean" count when a comma or dash follows, the sentence ends, or a sound
      follows; not in "do you know?", "if you know the key", "that's what I mean.";
    - "kind of" and "sort of" count unless a determiner or question word comes just before
      ("what kind of index", "a sort of key").
    A word set off by a comma before it ("it's, kind of, slow") ignores the word before it.
    """
    found: Counter[str] = Counter()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        prev = None if tok.set_off_before else tokens[i - 1]
        nxt = tokens[i + 1] if i + 1 < len(tokens) and not tok.set_off_after else None
        pair = f"{tok.word} {nxt.word}" if nxt is not None else ""
        sound = _sound(tok)
        if sound:
            found[sound] += 1
        elif tok.word == "basically":
            found["basically"] += 1
        elif nxt is not None and pair in _PHRASES:
            name, literal_after = _PHRASES[pair]
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            if pair in ("kind of", "sort of"):
                counts = not _word_in(prev, literal_after)
            else:
                paused = nxt.set_off_after or nxt.ends_sentence or _sound(after) is not None
                counts = paused and not _word_in(prev, literal_after)
            if counts:
                found[name] += 1
                i += 2
                continue
        elif tok.word == "like":
            beside_sound = _sound(prev) is not None or _sound(nxt) is not None
            if (tok.set_off_after or beside_sound) and not _word_in(prev, _BEFORE_VERB_LIKE):
                found["like"] += 1
        i += 1
    return dict(sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))


def _fillers_text(fillers: Mapping[str, int]) -> str:
    count = sum(fillers.values())
    if not count:
        return "no fillers"
    return f"{count} filler{'s' if count != 1 else ''} ({_top(fillers)})"


def _top(fillers: Mapping[str, int], n: int = 3) -> str:
    return ", ".join(f"{name} ×{count}" for name, count in list(fillers.items())[:n])


def _pauses_text(count: int, longest_s: float) -> str:
    if count == 1:
        return f"1 long pause ({longest_s:.1f} s)"
    return f"{count} long pauses (longest {longest_s:.1f} s)"


# --- the whole interview ------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliverySummary:
    """Delivery over all spoken answers of an interview."""

    answers: int  # spoken answers (with at least one word)
    words: int
    speaking_s: float
    wpm: float  # mean over answers, weighted by speaking time
    fillers: dict[str, int]  # totals, most frequent first
    long_pauses: int
    longest_pause_s: float

    @property
    def filler_count(self) -> int:
        return sum(self.fillers.values())

    @property
    def fillers_per_min(self) -> float:
        return self.filler_count / self.speaking_s * 60 if self.speaking_s else 0.0

    @property
    def pauses_per_min(self) -> float:
        return self.long_pauses / self.speaking_s * 60 if self.speaking_s else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "words": self.words,
            "speaking_s": self.speaking_s,
            "wpm": self.wpm,
            "fillers": dict(self.fillers),
            "long_pauses": self.long_pauses,
            "longest_pause_s": self.longest_pause_s,
        }

    def advice(self) -> list[str]:
        """Plain advice from fixed thresholds; none on less than MIN_ADVICE_S of speech."""
        if self.speaking_s < MIN_ADVICE_S:
            return []
        tips = []
        if self.wpm > FAST_WPM:
            tips.append(f"Fast pace (over {FAST_WPM:.0f} wpm): slow down and let points land.")
        elif 0 < self.wpm < SLOW_WPM:
            tips.append(f"Slow pace (under {SLOW_WPM:.0f} wpm): keep a steadier rhythm.")
        if self.fillers_per_min > MANY_FILLERS_PER_MIN:
            tips.append("Many fillers: a short silent pause sounds better than “um”.")
        if self.pauses_per_min > MANY_PAUSES_PER_MIN:
            tips.append("Many long pauses: say “let me think”, then outline before detail.")
        return tips

    def lines(self) -> list[str]:
        """One to three report lines: pace, fillers and pauses, advice; none without speech."""
        if not self.answers:
            return []
        spoken = f"{self.answers} spoken answer{'s' if self.answers != 1 else ''}"
        pace = f" · {self.wpm:.0f} wpm average" if self.wpm else ""
        lines = [f"Delivery: {spoken}{pace} · {_minutes(self.speaking_s)} speaking"]
        habits = "Fillers: none"
        if self.filler_count:
            habits = (
                f"Fillers: {self.filler_count} ({_top(self.fillers)}), "
                f"{self.fillers_per_min:.1f} per minute"
            )
        if self.long_pauses:
            habits += f" · {_pauses_text(self.long_pauses, self.longest_pause_s)}"
        lines.append(habits)
        if self.speaking_s >= MIN_ADVICE_S:
            lines.append(" ".join(self.advice()) or "Pace and fillers look fine.")
        return lines


def summarise(deliveries: Sequence[Delivery]) -> DeliverySummary:
    """Totals and averages over the spoken answers; answers with no words are skipped."""
    spoken = [d for d in deliveries if d.words]
    rated = [d for d in spoken if d.wpm and d.speaking_s]
    rated_s = sum(d.speaking_s for d in rated)
    fillers: Counter[str] = Counter()
    for d in spoken:
        fillers.update(d.fillers)
    return DeliverySummary(
        answers=len(spoken),
        words=sum(d.words for d in spoken),
        speaking_s=round(sum(d.speaking_s for d in spoken), 2),
        wpm=round(sum(d.wpm * d.speaking_s for d in rated) / rated_s, 1) if rated_s else 0.0,
        fillers=dict(sorted(fillers.items(), key=lambda kv: (-kv[1], kv[0]))),
        long_pauses=sum(d.long_pauses for d in spoken),
        longest_pause_s=max((d.longest_pause_s for d in spoken), default=0.0),
    )


def _minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60} s" if whole >= 60 else f"{whole} s"
