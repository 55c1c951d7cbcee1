"""One persona answer, where it came from, and the key that finds a question asked before."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from interbot_tui.core.text import clean_user_text

Source = Literal["prepared", "cache", "model"]

# "what's" -> "what is": the same question typed either way has one key.
_CONTRACTIONS = (
    (re.compile(r"\b(can)'t\b"), r"\1 not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\bi'm\b"), "i am"),
    (re.compile(r"\blet's\b"), "let us"),
    (re.compile(r"\b(\w+)'re\b"), r"\1 are"),
    (re.compile(r"\b(\w+)'ve\b"), r"\1 have"),
    (re.compile(r"\b(\w+)'ll\b"), r"\1 will"),
    (re.compile(r"\b(\w+)'d\b"), r"\1 would"),
    # Only after words where 's is "is" ("what's"), never a possessive ("company's").
    (re.compile(r"\b(what|who|where|when|why|how|that|there|here|it|he|she)'s\b"), r"\1 is"),
)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_NOT_WORD = re.compile(r"[^\w+#' ]+")


def question_key(question: str) -> str:
    """A question normalised for exact matching: case, punctuation, spacing and contractions
    ("What's your greatest strength?" and "what is your greatest  strength" have one key)."""
    text = unicodedata.normalize("NFKC", question).lower().translate(_APOSTROPHES)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _NOT_WORD.sub(" ", text.replace("_", " "))
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)  # quotes, not apostrophes inside words
    return " ".join(text.split())


@dataclass(frozen=True)
class PersonaReply:
    """What `PersonaSession.ask` returns.

    `source`: "prepared" (the CSV, no model), "cache" (asked before in this conversation) or
    "model". `seconds`: how long the answer took (a model load is not counted). `context_tokens`:
    the prompt the model saw, in tokens (0 when no model ran). `replaced`: the model's streamed
    text was withdrawn (it quoted or discussed its instructions) and `text` is said instead, so a
    streaming front end must show `text` in place of what it streamed.
    """

    text: str
    source: Source
    seconds: float
    context_tokens: int = 0
    replaced: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "source": self.source,
            "seconds": round(self.seconds, 3),
            "context_tokens": self.context_tokens,
            "replaced": self.replaced,
        }


MAX_ANSWER_CHARS = 4000
# The model playing the next turn too ("Interviewer: ..."): the answer ends there.
_NEXT_TURN = re.compile(
    r"(?:^|\n)[ \t>*_]*(?:interviewer|question|q|user|human)[ \t*_]*:", re.IGNORECASE
)
_LABEL = r"[ \t>*_]*(?:candidate|answer|a|assistant|interviewee|me|you{names})[ \t*_]*:[ \t*_]*"


def clean_answer(text: str, name: str = "") -> str:
    """The model's answer as the candidate says it: escape sequences and control characters
    out, a leading role label ("Candidate:", "Maya Okafor:") off, an invented next turn
    ("Interviewer: ...") cut, surrounding quotes and spaces trimmed."""
    text, _ = clean_user_text(text, limit=MAX_ANSWER_CHARS)
    text = _NEXT_TURN.split(text, maxsplit=1)[0]
    names = "".join(f"|{re.escape(n)}" for n in _name_forms(name))
    label = re.compile(_LABEL.format(names=names), re.IGNORECASE)
    while True:
        stripped = label.sub("", text, count=1) if label.match(text) else text
        stripped = stripped.strip().strip('"“”').strip()
        if stripped == text:
            break
        text = stripped
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def _name_forms(name: str) -> list[str]:
    parts = name.split()
    return [name.strip(), parts[0]] if len(parts) > 1 else [name.strip()] if parts else []
