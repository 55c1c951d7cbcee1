"""What a persona answer must not do: give away its instructions, or claim skills it lacks.

`leaks_prompt` flags an answer that repeats a long run of the instructions' words (8 in a row)
or talks about its instructions or being an AI, or refuses as an assistant does ("I'm sorry,
but I can't assist with that"); the phrases the instructions themselves tell it
to say (in double quotes there) are allowed. Such an answer is replaced by `deflection`, in the
candidate's voice. `unknown_skills` names the skills a question asks about that neither the
resume nor the prepared answers mention, so the prompt can tell the model to say so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from interbot_tui.core.documents.skills import find_skills, mentions
from interbot_tui.core.persona.claims import NEGATED

NGRAM = 8
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')
_TALKS_ABOUT = re.compile(
    r"\b(?:my|these|your) (?:system )?(?:prompt|instructions)\b(?! engineering)"
    r"|\bsystem prompt\b(?! engineering)"
    r"|\bi (?:was|am|have been|'ve been|’ve been) (?:instructed|programmed|prompted)\b"
    r"|\bi'm (?:instructed|programmed|prompted)\b"
    r"|\bas an? (?:ai|a\.i\.|artificial intelligence|(?:ai |large )?language model|ai assistant"
    r"|assistant|chatbot)(?=\s*(?:[,.;:!]|$|i\b))"
    # an assistant's refusal, out of the candidate's character (seen through a server)
    r"|\bi(?:'m| am) sorry,? but i (?:can't|cannot|can not) (?:assist|help) with (?:that|this)"
    r"|\bi (?:can't|cannot) (?:assist|comply) with (?:that|this) request\b",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


@lru_cache(maxsize=8)
def _ngrams(instructions: str) -> frozenset[tuple[str, ...]]:
    words = _words(_QUOTED.sub(" | ", instructions))
    return frozenset(tuple(words[i : i + NGRAM]) for i in range(len(words) - NGRAM + 1))


def leaks_prompt(answer: str, system_prompt: str) -> bool:
    """Whether `answer` quotes `system_prompt` (8 words in a row) or discusses its
    instructions, its prompt or being an AI."""
    if _TALKS_ABOUT.search(answer):
        return True
    words = _words(answer)
    grams = _ngrams(system_prompt)
    return any(tuple(words[i : i + NGRAM]) in grams for i in range(len(words) - NGRAM + 1))


def deflection(company: str = "") -> str:
    """What the candidate says instead of a leaking answer."""
    if company:
        return (
            "I'd rather keep to my experience — happy to talk about my work at "
            f"{company}, or anything else on my resume."
        )
    return "I'd rather keep to my experience — happy to talk about any of the work on my resume."


def unknown_skills(question: str, resume_text: str, prepared_text: str = "") -> tuple[str, ...]:
    """The skills `question` names (canonical names) that neither text mentions."""
    return tuple(
        skill
        for skill in find_skills(question)
        if not mentions(resume_text, skill) and not mentions(prepared_text, skill)
    )


def claims_unknown(answer: str, unknown: Sequence[str]) -> bool:
    """Whether `answer` talks about a skill the resume lacks without saying it was not used:
    a small model, told "the resume does not mention Iceberg", still says "I've been working
    on Iceberg for two years". A sentence naming the skill must carry a negation."""
    return any(
        any(skill.lower() in sentence.lower() for skill in unknown) and not NEGATED.search(sentence)
        for sentence in re.split(r"(?<=[.!?])\s+", answer)
    )


def not_done(unknown: Sequence[str]) -> str:
    """The honest answer instead, in the candidate's voice."""
    skills = " or ".join(unknown[:2])
    return (
        f"I haven't worked with {skills} myself, so I won't claim experience I don't have. "
        "I'm happy to talk about the closest work on my resume and how I'd get up to speed."
    )
