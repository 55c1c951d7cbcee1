"""What speech-to-text returns, and the words to bias it toward for one question."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.question import Question
from interbot_tui.core.speech.delivery import Word

SAMPLE_RATE = 16_000  # Hz, mono: what Whisper and the voice-activity detector expect

# Whisper is multilingual; these are the interview languages offered in settings.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "hi": "Hindi",
    "ja": "Japanese",
    "zh": "Chinese",
}

_PROMPT_CHARS = 400
_COMMAND_HINT = "The candidate may say: Finish interview."  # Whisper reads at most ~220 prompt tokens; keep well under


@dataclass(frozen=True)
class Transcript:
    text: str
    language: str
    duration_s: float  # length of the audio
    elapsed_s: float = 0.0  # time spent transcribing
    words: tuple[Word, ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "language": self.language,
            "duration_s": round(self.duration_s, 3),
            "elapsed_s": round(self.elapsed_s, 3),
            "words": [
                {"text": w.text, "start": round(w.start, 3), "end": round(w.end, 3)}
                for w in self.words
            ],
        }


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        item = " ".join(item.split())
        if item and item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out


def bias_terms(question: Question | None, profile: Profile | None) -> list[str]:
    """The words this answer is likely to contain that Whisper would otherwise mishear."""
    terms: list[str] = []
    if question is not None:
        terms += list(question.terms)
    if profile is not None:
        terms += [profile.role, *re.split(r"[,/;]| and ", profile.topic)]
    return _dedupe(terms)


def bias_prompt(terms: list[str], context: str = "") -> str:
    """A Whisper `initial_prompt`: a glossary of the terms, the finish command, then the text
    heard so far.

    Whisper continues the style and spelling of its prompt, so the terms come out spelled as
    written ("B-tree", "PostgreSQL") and earlier sentences keep later chunks consistent.
    """
    glossary = ", ".join(terms)
    if len(glossary) > _PROMPT_CHARS // 2:
        glossary = glossary[: _PROMPT_CHARS // 2].rsplit(",", 1)[0]
    # Measured: without the command in the prompt, "Finish interview." came out as
    # "Finishing from you"; with it, right on base and tiny.en at every beam size.
    prompt = (f"Glossary: {glossary}. " if glossary else "") + _COMMAND_HINT
    room = _PROMPT_CHARS - len(prompt)
    if context and room > 40:
        tail = context[-room:]
        if len(tail) < len(context):
            tail = tail.split(" ", 1)[-1]
        prompt = f"{prompt} {tail}".strip()
    return prompt
