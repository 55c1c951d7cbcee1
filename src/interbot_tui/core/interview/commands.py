"""Spoken or typed commands inside an answer, such as "finish interview"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher

_FINISH_RE = re.compile(
    r"^(?:(?:ok(?:ay)?|please|let'?s|i(?: would|'d)? like to|i want to|can we|could we)\s+)*"
    r"(?:finish|end|stop|quit|wrap up)\s+(?:the\s+|this\s+)?interview(?:\s+(?:now|please))?$"
)

# The fuzzy path, for speech-to-text mishearings ("Finish interview." heard as "finishing the new").
FUZZY_MAX_WORDS = 6
VERB_MATCH = 0.65  # first word against a command verb ("and" ~ "end" is 0.67)
CLEAR_VERB_MATCH = 0.8  # a verb this close needs only PHRASE_MATCH; "fin ish" joined needs it
TAIL_WORD_MATCH = 0.8  # each later word against a piece of "the interview"
PHRASE_MATCH = 0.8  # the whole utterance, letters only, against a canonical command
WEAK_VERB_PHRASE_MATCH = 0.9  # ... when the verb match is weak ("and the interview")

_VERBS = ("finish", "end", "stop", "quit", "wrapup")
_CANONICAL = tuple(v + o for v in _VERBS for o in ("interview", "theinterview", "thisinterview"))
# Words that may follow the verb: "the interview" itself, its pieces, and how they get misheard.
_TAIL_WORDS = "the this a an and in to into inter enter inner view interview review new".split()
_POLITE_HEAD = tuple(
    tuple(p.split())
    for p in (
        "ok|okay|please|so|well|right|alright|all right|yeah|um|uh|now|let's|lets|let us|"
        "can we|could we|we can|i want to|i'd like to|i would like to"
    ).split("|")
)
# "you": Whisper often hears a trailing "you" in the silence after a short phrase.
_POLITE_TAIL = tuple(tuple(p.split()) for p in "now|please|then|thanks|thank you|you".split("|"))
# A crude sound key: spellings that sound alike become one; doubled letters collapse.
_SOUND_SUBS = (("ph", "f"), ("th", "t"), ("ng", "n"), ("ck", "k"), ("c", "k"), ("z", "s"))


def is_finish_command(text: str, *, extra: str = "") -> bool:
    """True when the whole answer is a request to end the interview.

    `extra` is the command in the interview's language ("terminar entrevista"); it is accepted
    alongside the English one when the utterance, without accents and punctuation, is that
    phrase or very close to it (one mis-heard letter or two).

    "Finish interview", "end the interview please", "stop the interview" count; an answer that
    merely mentions finishing something ("we had to finish the interview loop early") does not.

    Speech-to-text mishearings of a short command count too. After dropping polite words at
    either end ("okay", "let's", "please", "now"), the utterance must have at most
    FUZZY_MAX_WORDS words and:
    - start with a word that sounds like finish/end/stop/quit ("finishing", "Finnish", "and"),
      or two words that together spell one ("fin ish", "wrapped up"); a weak match ("and")
      needs the whole phrase at least WEAK_VERB_PHRASE_MATCH similar;
    - continue only with words that sound like pieces of "the interview" ("the new",
      "inter view", "in the view", "into view", "interviews"), so "stop the server" fails;
    - as a whole, letters only, be at least PHRASE_MATCH similar to a command such as
      "finishinterview" (difflib ratio, also compared on a crude sound key).
    """
    if extra and _is_local_command(text, extra):
        return True
    normal = re.sub(r"[^a-z' ]+", " ", text.lower())
    normal = " ".join(normal.split())
    if _FINISH_RE.match(normal):
        return True
    return _sounds_like_finish(_strip_polite(normal.split()))


LOCAL_MATCH = 0.85  # the utterance against the translated command, letters only


def _letters(text: str) -> str:
    """Lower-case letters only, accents removed: "¡Terminar la entrevista!" -> "terminarlaentrevista"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isalpha())


def _is_local_command(text: str, command: str) -> bool:
    spoken_words = text.split()
    if not spoken_words or len(spoken_words) > len(command.split()) + 2:
        return False
    spoken, wanted = _letters(text), _letters(command)
    return bool(wanted) and SequenceMatcher(None, spoken, wanted).ratio() >= LOCAL_MATCH


def _strip_polite(words: list[str]) -> list[str]:
    changed = True
    while changed and words:
        changed = False
        for phrase in _POLITE_HEAD:
            if tuple(words[: len(phrase)]) == phrase:
                words, changed = words[len(phrase) :], True
                break
        for phrase in _POLITE_TAIL:
            if len(words) > len(phrase) and tuple(words[-len(phrase) :]) == phrase:
                words, changed = words[: -len(phrase)], True
                break
    return words


def _sounds_like_finish(raw_words: Sequence[str]) -> bool:
    words = [w for w in (re.sub(r"[^a-z]", "", w) for w in raw_words) if w]
    if not 2 <= len(words) <= FUZZY_MAX_WORDS:
        return False
    phrase = max(_alike("".join(words), c) for c in _CANONICAL)
    if phrase < PHRASE_MATCH:
        return False
    for taken, needed in ((1, VERB_MATCH), (2, CLEAR_VERB_MATCH)):
        tail = words[taken:]
        verb = max(_alike("".join(words[:taken]), v) for v in _VERBS)
        if (
            tail
            and verb >= needed
            and (verb >= CLEAR_VERB_MATCH or phrase >= WEAK_VERB_PHRASE_MATCH)
            and all(max(_alike(w, t) for t in _TAIL_WORDS) >= TAIL_WORD_MATCH for w in tail)
        ):
            return True
    return False


def _alike(a: str, b: str) -> float:
    """0..1 similarity of two letter strings: the better of spelling and sound key."""
    spelled = SequenceMatcher(None, a, b, autojunk=False).ratio()
    return max(spelled, SequenceMatcher(None, _sound(a), _sound(b), autojunk=False).ratio())


def _sound(word: str) -> str:
    for spelling, sound in _SOUND_SUBS:
        word = word.replace(spelling, sound)
    return re.sub(r"(.)\1+", r"\1", word)
