"""Write a fresh interview question for the candidate's role and stack with a chat model.

Every generated question is checked: a single question of sensible length, a rubric (key points,
hint, model answer), not a near-duplicate of anything asked. Unusable output is retried once, then
the caller falls back to the banks.
"""

from __future__ import annotations

import json
import re
from typing import Any
from uuid import uuid4

from interbot_tui.core.phrases import language_name
from interbot_tui.core.ports import ChatModel, ModelError
from interbot_tui.core.profile import Difficulty, Profile
from interbot_tui.core.question import Kind, Question, Source
from interbot_tui.core.text import is_near_duplicate, words

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
Write exactly one question: a single sentence ending with "?", at most 30 words, specific to the
role and stack, answerable in a few sentences. key_points: 2-4 short facts a good answer contains.
hint: a nudge toward the answer that does not give it away. model_answer: 2-3 accurate sentences.
terms: the technical terms involved."""

_KIND_WORDS = {
    Kind.TECHNICAL: "technical",
    Kind.SYSTEM_DESIGN: "system design",
    Kind.BEHAVIOURAL: "behavioural",
    Kind.WARMUP: "general warm-up",
}


def writer_messages(
    profile: Profile, kind: Kind, difficulty: Difficulty, avoid: list[str]
) -> list[dict[str, str]]:
    avoid_text = "\n".join(f"- {q}" for q in avoid[-12:]) or "- (none yet)"
    stack = profile.topic.strip() or profile.role
    user = (
        f"Role: {profile.role}\nStack / topic: {stack}\n"
        f"Candidate experience: {profile.years} years\nDifficulty: {difficulty}\n"
        f"Question type: {_KIND_WORDS[kind]}\n"
        f"Already asked (ask about something different):\n{avoid_text}"
    )
    if profile.language != "en":
        language = language_name(profile.language)
        user += f"\nWrite the question, key_points, hint and model_answer in {language}."
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def check_question_text(text: str) -> str:
    """Why a generated question text is unacceptable, or '' if it is fine."""
    n_words = len(words(text))
    if not text.endswith(("?", "？")):
        return "does not end with a question mark"
    if text.count("?") + text.count("？") > 1:
        return "more than one question"
    if not 5 <= n_words <= 45:
        return f"{n_words} words (wanted 5–45)"
    if re.search(r"\b(key[_ ]points|model[_ ]answer|json)\b", text, re.IGNORECASE):
        return "echoes the prompt"
    return ""


def parse_question(
    raw: str, kind: Kind, difficulty: Difficulty, domain: str
) -> tuple[Question | None, str]:
    try:
        data = json.loads(raw)
        text = " ".join(str(data["question"]).split())
        points = [" ".join(str(p).split()) for p in data["key_points"] if str(p).strip()]
        hint = " ".join(str(data["hint"]).split())
        answer = " ".join(str(data["model_answer"]).split())
        terms = [str(t).strip() for t in data.get("terms", []) if str(t).strip()]
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
    def __init__(self, model: ChatModel) -> None:
        self.model = model
        self.rejections: list[str] = []  # why candidates were dropped, for `bench` and debugging

    def write(
        self, profile: Profile, kind: Kind, difficulty: Difficulty, avoid: list[str]
    ) -> Question | None:
        messages = writer_messages(profile, kind, difficulty, avoid)
        domain = "generated"
        for temperature in (0.7, 0.9):
            try:
                raw = self.model.chat(
                    messages, schema=QUESTION_SCHEMA, max_tokens=360, temperature=temperature
                )
            except ModelError as exc:
                self.rejections.append(str(exc))
                return None
            question, problem = parse_question(raw, kind, difficulty, domain)
            if question is not None and is_near_duplicate(question.text, avoid):
                question, problem = None, "near-duplicate of an earlier question"
            if question is not None:
                return question
            self.rejections.append(problem)
        return None
