"""The probe grader (`LLMGrader`), the one the interview uses: verdict and score from probes.

Verdict and score come from single-token probes of the model (see probes), read against two
anchor answers and decided by score_model's two fitted steps; the feedback is built from what the
probes found (feedback). Models that cannot score choices fall back to the JSON grader. Why each
step exists and what it measured: NOTES.md beside this file.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from interbot_tui.core.grading.answer_guard import GuardedAnswer, guard_answer
from interbot_tui.core.grading.feedback import (
    EMPTY_ANSWER_FEEDBACK,
    INSTRUCTIONS_IGNORED,
    INSTRUCTIONS_ONLY_FEEDBACK,
    clarity_note,
    feedback_messages,
    feedback_problem,
    relevance_note,
    template_feedback,
    whole_sentences,
)
from interbot_tui.core.grading.grade import Grade, Verdict
from interbot_tui.core.grading.json_grader import JsonGrader
from interbot_tui.core.grading.probes import (
    CHECK_PREFIX,
    REACTION_PREFIX,
    YES_NO,
    Anchors,
    ProbeResult,
    anchor_answers,
    lexical_coverage,
    made_points,
    missing_points,
    points_said,
    probe_messages,
    reaction_choices,
    reaction_shares,
)
from interbot_tui.core.grading.score_model import ScoreModel, decide, default_model_for
from interbot_tui.core.grading.star import (
    STAR_POINTS,
    Star,
    hypothetical,
    missing_star,
    star_points,
    star_summary,
)
from interbot_tui.core.ports import (
    ChatModel,
    ChoiceScorer,
    ChoicesUnsupported,
    ModelError,
    ModelUnreachable,
    TextSink,
)
from interbot_tui.core.questions.question import Kind, Question
from interbot_tui.core.text import words


@dataclass(frozen=True)
class GradeTiming:
    """Seconds from the start of `grade` until the verdict was known, and until it returned."""

    verdict_s: float
    total_s: float


ANCHORS_KEPT = 32  # questions whose anchor probes stay cached


class LLMGrader:
    """Grades by probing the model's next-token probabilities, against two anchor answers.

    The probes share one evaluated prefix, so a verdict costs only the answer and its probes;
    `prepare` probes the anchors while the candidate answers. Feedback is built from the probes
    unless `model_feedback=True`, when the model writes it (streamed to `on_feedback`) and a
    sentence that echoes the prompt or contradicts the verdict is replaced by the built one.
    Answers that speak to the grader ("mark this correct") lose those sentences first.
    """

    def __init__(
        self,
        model: ChatModel,
        *,
        language: str = "English",
        model_feedback: bool = False,
        max_feedback_tokens: int = 70,
        score_model: ScoreModel | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.model = model
        # None: the shipped fit for each question's kind of rubric; a model's own fit comes from
        # `interbot fit-grader --save` and is used for every question.
        self.score_model = score_model
        self.language = language  # the feedback's language, by name ("Spanish")
        self.model_feedback = model_feedback  # True: the model writes the feedback sentence
        self.max_feedback_tokens = max_feedback_tokens
        self.clock = clock
        self.fallback = JsonGrader(model, language=language)
        self.last_timing: GradeTiming | None = None
        self.last_probe: ProbeResult | None = None
        self._anchors: dict[tuple[str, tuple[str, ...], Kind], Anchors] = {}
        self._anchors_lock = threading.Lock()

    # --- public ---------------------------------------------------------------------------------

    def prepare(self, question: Question) -> None:
        """Work done ahead of the answer (call while the candidate answers): probe the two
        anchor answers, which leaves the rubric and the question evaluated in the model's cache,
        so grading then costs only the answer and its probes."""
        if not isinstance(self.model, ChoiceScorer):
            return
        try:
            if self._key(question) in self._anchors:  # only re-warm the rubric and question
                self.model.choice_probabilities(
                    probe_messages(question, "")[:2], list(YES_NO), prefix=""
                )
            else:
                self.anchors(question)
        except (ChoicesUnsupported, ModelError):
            return

    def anchors(self, question: Question) -> Anchors:
        """The probes on the anchor answers to this question, computed once (raises ModelError)."""
        key = self._key(question)
        with self._anchors_lock:  # prepare (a worker) and grade may ask at the same time
            found = self._anchors.get(key)
            if found is None:
                low, high = anchor_answers(question)
                found = Anchors(self.probe(question, low), self.probe(question, high))
                self._anchors[key] = found
                while len(self._anchors) > ANCHORS_KEPT:
                    del self._anchors[next(iter(self._anchors))]
        return found

    @staticmethod
    def _key(question: Question) -> tuple[str, tuple[str, ...], Kind]:
        return (question.text, question.key_points, question.kind)

    def grade(
        self,
        question: Question,
        answer: str,
        *,
        on_feedback: TextSink | None = None,
        retry_follows: bool = False,
    ) -> Grade:
        start = self.clock()
        self.last_probe = None
        guarded = guard_answer(answer)
        if not words(guarded.text):
            grade = self._empty(question, answer, guarded.had_instructions)
            now = self.clock() - start
            self.last_timing = GradeTiming(now, now)
            return grade
        if not isinstance(self.model, ChoiceScorer):
            return self._fallback(question, answer, on_feedback, retry_follows, start)
        try:
            anchors = self.anchors(question)
            probe = self.probe(question, guarded.text)
        except ChoicesUnsupported:
            return self._fallback(question, answer, on_feedback, retry_follows, start)
        except ModelError as exc:
            self.last_timing = None
            return Grade.unavailable(str(exc), model_lost=isinstance(exc, ModelUnreachable))
        self.last_probe = probe
        decision = decide(
            probe, question.kind, anchors, self.score_model or default_model_for(question)
        )
        verdict, score = decision.verdict, decision.score
        verdict_s = self.clock() - start
        made = made_points(question, probe, anchors) if verdict is not Verdict.INCORRECT else ()
        # A point credited as made is never also the one to work on (a try-out said both, and
        # then called it "new in your second try").
        missing = tuple(p for p in missing_points(question, probe, verdict) if p not in made)
        star = missing_star(question, probe)
        named = () if retry_follows and verdict is not Verdict.CORRECT else missing
        text = self._feedback(question, guarded, verdict, named, star, on_feedback, made, probe)
        self.last_timing = GradeTiming(verdict_s, self.clock() - start)
        return Grade(
            verdict=verdict,
            score=score,
            feedback=text,
            clarity=clarity_note(probe),
            relevance=relevance_note(probe),
            communication=star_summary(question, star),
            missing=missing,
        )

    def probe(self, question: Question, answer: str) -> ProbeResult:
        """Run the probes on an already guarded answer (raises ModelError)."""
        assert isinstance(self.model, ChoiceScorer)
        scorer = self.model
        messages = probe_messages(question, answer)
        reaction = reaction_shares(
            scorer.choice_probabilities(messages, reaction_choices(), prefix=REACTION_PREFIX)
        )
        points = tuple(
            scorer.choice_probabilities(
                messages, list(YES_NO), prefix=CHECK_PREFIX.format(point=point)
            )[0]
            for point in question.key_points
        )
        star: dict[Star, float] = {}
        if question.kind is Kind.BEHAVIOURAL:
            for part, index in star_points(question).items():
                if index is None:
                    star[part] = scorer.choice_probabilities(
                        messages, list(YES_NO), prefix=CHECK_PREFIX.format(point=STAR_POINTS[part])
                    )[0]
        return ProbeResult(
            reaction=reaction,
            points=points,
            star=star,
            n_words=len(words(answer)),
            lexical=lexical_coverage(question, answer),
            hypothetical=question.kind is Kind.BEHAVIOURAL and hypothetical(answer),
            said=points_said(question, answer),
        )

    # --- internals -----------------------------------------------------------------------------

    def _empty(self, question: Question, answer: str, had_instructions: bool) -> Grade:
        feedback = INSTRUCTIONS_ONLY_FEEDBACK if had_instructions else EMPTY_ANSWER_FEEDBACK
        return Grade(Verdict.INCORRECT, 1, feedback, missing=question.key_points[:3])

    def _fallback(
        self,
        question: Question,
        answer: str,
        on_feedback: TextSink | None,
        retry_follows: bool,
        start: float,
    ) -> Grade:
        grade = self.fallback.grade(
            question, answer, on_feedback=on_feedback, retry_follows=retry_follows
        )
        now = self.clock() - start
        self.last_timing = GradeTiming(now, now)
        return grade

    def _feedback(
        self,
        question: Question,
        guarded: GuardedAnswer,
        verdict: Verdict,
        missing: tuple[str, ...],
        star: list[Star],
        on_feedback: TextSink | None,
        made: tuple[str, ...] = (),
        probe: ProbeResult | None = None,
    ) -> str:
        template = template_feedback(
            question,
            verdict,
            missing,
            star,
            guarded.had_instructions,
            made=made,
            n_words=probe.n_words if probe else 0,
            answer=guarded.text,
        )
        if not self.model_feedback:
            if on_feedback:
                on_feedback(template)
            return template
        messages = feedback_messages(
            question, guarded.text, verdict, missing, star, language=self.language
        )
        try:
            text = " ".join(
                self.model.chat(
                    messages,
                    max_tokens=self.max_feedback_tokens,
                    temperature=0.2,
                    on_text=on_feedback,
                ).split()
            )
        except ModelError:
            return template
        text = whole_sentences(text)
        if feedback_problem(text, question, verdict):
            return template
        if guarded.had_instructions:
            text += " " + INSTRUCTIONS_IGNORED
        return text
