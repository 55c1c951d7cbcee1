"""Write a fresh interview question for the candidate's role and stack with a chat model.

Every generated question is checked: a single question of sensible length, a rubric (key points,
hint, model answer), not a repeat of anything asked (dedupe). Unusable output is retried once, then
the caller falls back to the banks.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any
from uuid import uuid4

from interbot_tui.core.i18n.phrases import language_name
from interbot_tui.core.ports import ChatModel, ModelError
from interbot_tui.core.profile import Difficulty, Profile
from interbot_tui.core.questions.angles import focus
from interbot_tui.core.questions.dedupe import repeats
from interbot_tui.core.questions.question import Kind, Question, Source
from interbot_tui.core.text import terminal_safe, words

QUESTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "question": {"type": "string", "maxLength": 240},
        "key_points": {
            "type": "array",
            "items": {"type": "string", "maxLength": 110},
            "minItems": 2,
            "maxItems": 4,
        },
        "hint": {"type": "string", "maxLength": 160},
        "model_answer": {"type": "string", "maxLength": 420},
        "terms": {"type": "array", "items": {"type": "string", "maxLength": 40}, "maxItems": 6},
    },
    "required": ["question", "key_points", "hint", "model_answer", "terms"],
}

SYSTEM_PROMPT = """You write questions for a practice job interview and the rubric to grade them.
Write exactly one question: a single sentence ending with "?", at most 25 words, about the one
focus you are given (do not combine several topics), answerable in a few sentences. Ask it as the
interviewer speaking to the candidate ("you"); never mention their years of experience. key_points: 2-4 short facts a good answer contains.
hint: a nudge toward the answer that does not give it away. model_answer: 2-3 accurate sentences.
terms: the technical terms involved."""

_KIND_WORDS = {
    Kind.TECHNICAL: "technical",
    Kind.SYSTEM_DESIGN: "system design",
    Kind.BEHAVIOURAL: "behavioural",
    Kind.WARMUP: "general warm-up",
}


# Questions named in the prompt as already asked: only the repeats a retry must avoid. A small
# model rewords what it is shown (NOTES.md); the angle moves each request on, and every earlier
# question is checked by dedupe.repeats.
AVOID_SHOWN = 2


def writer_messages(
    profile: Profile, kind: Kind, difficulty: Difficulty, avoid: list[str], angle: str = ""
) -> list[dict[str, str]]:
    avoid_text = "\n".join(f"- {q}" for q in avoid[-AVOID_SHOWN:])
    stack = profile.topic.strip() or profile.role
    user = (
        f"Role: {profile.role}\nStack / topic: {stack}\n"
        f"Candidate experience: {profile.years} years\nDifficulty: {difficulty}\n"
        f"Question type: {_KIND_WORDS[kind]}\n"
    )
    if avoid:
        user += f"Already asked (ask about something different):\n{avoid_text}"
    if angle:
        user += f"\nFocus of this question: {angle}"
    if profile.language != "en":
        language = language_name(profile.language)
        user += f"\nWrite the question, key_points, hint and model_answer in {language}."
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


MAX_WORDS = 35  # the prompt asks for 25; a little slack before a question is rejected


def check_question_text(text: str) -> str:
    """Why a generated question text is unacceptable, or '' if it is fine."""
    n_words = len(words(text))
    if not text.endswith(("?", "？")):
        return "does not end with a question mark"
    if text.count("?") + text.count("？") > 1:
        return "more than one question"
    if re.search(r"[.!]\s+[A-Z]", text):
        return "more than one sentence"
    if not 5 <= n_words <= MAX_WORDS:
        return f"{n_words} words (wanted 5–{MAX_WORDS})"
    if re.search(
        r"\b(key[_ ]points|model[_ ]answer|json|the candidate|years of experience)\b",
        text,
        re.IGNORECASE,
    ):
        return "echoes the prompt"
    return ""


def parse_question(
    raw: str, kind: Kind, difficulty: Difficulty, domain: str
) -> tuple[Question | None, str]:
    def one_line(value: object) -> str:  # what the model wrote is shown on screen
        return " ".join(terminal_safe(str(value)).split())

    try:
        data = json.loads(raw)
        text = one_line(data["question"])
        points = [one_line(p) for p in data["key_points"] if one_line(p)]
        hint = one_line(data["hint"])
        answer = one_line(data["model_answer"])
        terms = [one_line(t) for t in data.get("terms", []) if one_line(t)]
    except (ValueError, KeyError, TypeError):
        return None, "not the JSON asked for"
    problem = check_question_text(text)
    if problem:
        return None, problem
    if len(points) < 2 or not hint or not answer:
        return None, "rubric incomplete"
    if answer.lower() in hint.lower():
        return None, "hint gives the answer away"
    question = Question(
        id=f"gen-{uuid4().hex[:8]}",
        text=text,
        kind=kind,
        difficulty=difficulty,
        key_points=tuple(points),
        hint=hint,
        model_answer=answer,
        terms=tuple(terms[:6]),
        domain=domain,
        source=Source.GENERATED,
    )
    return question, ""


class LLMQuestionWriter:
    ATTEMPTS = (0.7, 0.9, 1.0)  # temperatures: one try and two retries

    def __init__(self, model: ChatModel, *, seed: int | None = None) -> None:
        self.model = model
        # Each request names the next angle (angles.focus); a random start varies interviews.
        self.requests = random.Random(seed).randrange(1_000)
        self.rejections: list[str] = []  # why candidates were dropped, for `bench` and debugging
        self.written: list[str] = []  # every question this writer returned (prefetched ones too)

    def write(
        self, profile: Profile, kind: Kind, difficulty: Difficulty, avoid: list[str]
    ) -> Question | None:
        earlier = list(dict.fromkeys([*avoid, *self.written]))
        told: list[str] = []  # shown in the prompt: only repeats this call rejected
        domain = "generated"
        for temperature in self.ATTEMPTS:
            angle = focus(profile, kind, self.requests)
            self.requests += 1
            messages = writer_messages(profile, kind, difficulty, told, angle)
            try:
                raw = self.model.chat(
                    messages, schema=QUESTION_SCHEMA, max_tokens=360, temperature=temperature
                )
            except ModelError as exc:
                self.rejections.append(str(exc))
                return None
            question, problem = parse_question(raw, kind, difficulty, domain)
            if question is not None and repeats(question.text, earlier, profile):
                told.append(question.text)  # name the repeat in the retry's prompt
                question, problem = None, "near-duplicate of an earlier question"
            if question is not None:
                self.written.append(question.text)
                return question
            self.rejections.append(problem)
        return None
