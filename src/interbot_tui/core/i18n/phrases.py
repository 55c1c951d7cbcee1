"""Everything the interviewer and the report say in fixed words, in the interview's language.

English is the source. A translation may leave keys out (they fall back to English) but must keep
every `{placeholder}` of the English text; tests check that. Words the model writes (generated
questions, feedback) follow the language through the prompts instead; see `language_name`.
"""

from __future__ import annotations

from interbot_tui.core.i18n.phrase_translations import TRANSLATIONS
from interbot_tui.core.speech.transcript import LANGUAGES

ENGLISH: dict[str, str] = {
    # --- the interviewer ---------------------------------------------------------------------
    "greeting": "Hi, I'm your interviewer today.",
    "greeting_named": "Hi {name}, I'm your interviewer today.",
    "plan": "We'll go through {total} questions for the {subject} role.",
    "help_coach": "If you get stuck I'll give you a hint and a second try.",
    "help_strict": "Strict mode: no hints, and feedback comes in the report at the end.",
    "how_to_finish": 'Say or type "{finish}" at any time to end and see your report.',
    "finish_command": "finish interview",
    "follow_up": "Could you go a little deeper? Explain why, or give a concrete example from your experience.",
    "hint": "Hint: {hint}",
    "hint_retry": "Hint: {hint} Have another go.",
    "reveal": "Here is what a strong answer covers: {answer}",
    "praise": "Good answer.|Nicely done.|That's right.|Well explained.|Solid answer.",
    "move_on": "Thank you. Let's move on.",
    "ungraded": "I couldn't grade that answer: the model's output was unusable twice. Your answer is saved without a grade; let's go on.",
    "too_long": "Your answer was longer than {limit} characters; I graded the first {limit}.",
    "level_up": "I'll take the difficulty up to {level}.",
    "level_down": "I'll take the difficulty down to {level}.",
    "out_of_questions": "I've run out of fresh questions for this profile.",
    "closing": "That's the end of the interview. Thank you! Here is your report.",
    "save_failed": "Could not save to history: {error}",
    # --- levels, kinds and verdicts ----------------------------------------------------------
    "easy": "easy",
    "medium": "medium",
    "hard": "hard",
    "kind_warmup": "warm-up",
    "kind_technical": "technical",
    "kind_behavioural": "behavioural",
    "kind_system_design": "system design",
    "correct": "correct",
    "partial": "partial",
    "incorrect": "incorrect",
    "ungraded_verdict": "ungraded",
    # --- report findings ---------------------------------------------------------------------
    "strong_on": "Strong on {kind} questions ({correct}/{total} correct).",
    "struggled_with": "Struggled with {kind} questions ({correct}/{total} correct).",
    "excellent_answer": "Excellent answer on Q{number}: {question}",
    "missed_point": "Q{number}: missed — {point}",
    "review_topic": "Review the topic of Q{number}: {question}",
    "fuller_answers": "Give fuller answers: say what, then why, then a concrete example (aim for 3–5 sentences).",
    "use_star": "Structure behavioural answers with STAR: a specific Situation, your Task, the Actions you took and a measurable Result.",
    "practise_hints": "Practise the questions where you needed a hint until you can answer unaided.",
    "answered_correctly": "Answered {count} question(s) correctly.",
    # --- report layout -----------------------------------------------------------------------
    "report_title": "Interview report",
    "report_heading": "REPORT",
    "accuracy": "Accuracy: {correct}/{total} ({percent})",
    "n_ungraded": "{count} ungraded",
    "mean_score": "Mean score: {score}/10",
    "role": "Role",
    "type": "Type",
    "mode": "Mode",
    "difficulty": "Difficulty",
    "col_question": "Question",
    "col_verdict": "Verdict",
    "col_score": "Score",
    "col_attempts": "Attempts",
    "with_hint": "(hint)",
    "hint_used": "hint used",
    "score": "score",
    "delivery_heading": "Delivery (spoken answers)",
    "delivery": "Delivery",
    "camera_heading": "On camera (approximate readings, not feelings)",
    "camera": "On camera",
    "strengths": "Strengths",
    "weaknesses": "Weaknesses",
    "improvements": "Improvements",
    "none_noted": "(none noted)",
    "answers": "Answers",
    "feedback": "Feedback",
    "no_answer": "(no answer)",
}


def language_name(code: str) -> str:
    """The English name of a language code, for prompts ("Spanish"); unknown codes are English."""
    return LANGUAGES.get(code, "English")


class Phrases:
    """Fixed wording in one language: `phrases["key"]` or `phrases.say("key", **values)`."""

    def __init__(self, code: str = "en") -> None:
        self.code = code if code in LANGUAGES else "en"
        self._table = {**ENGLISH, **TRANSLATIONS.get(self.code, {})}

    def __getitem__(self, key: str) -> str:
        return self._table[key]

    def say(self, key: str, **values: object) -> str:
        return self._table[key].format(**values)

    def choices(self, key: str) -> list[str]:
        """The alternatives of a `|`-separated entry, such as the praise lines."""
        return [part.strip() for part in self._table[key].split("|") if part.strip()]

    @property
    def translated(self) -> bool:
        """Whether this language has its own wording (otherwise everything is English)."""
        return self.code == "en" or bool(TRANSLATIONS.get(self.code))


def phrases_for(code: str) -> Phrases:
    return Phrases(code)
