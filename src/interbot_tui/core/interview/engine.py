"""The interview state machine: ask, grade, coach (hint → retry → reveal), adapt, finish.

The engine is synchronous and front-end agnostic. Front ends call `start`, `submit` and `finish`
(from a worker thread in the TUI) and receive `Event`s through `emit`. `prepare_next` writes the
next model-generated question ahead of time while the candidate is still answering.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from enum import Enum, auto
from typing import TYPE_CHECKING

from interbot_tui.core.documents.facts import Grounding
from interbot_tui.core.grading.feedback import retry_added
from interbot_tui.core.grading.grade import Grade, Verdict
from interbot_tui.core.i18n.phrases import Phrases
from interbot_tui.core.interview.commands import is_finish_command
from interbot_tui.core.interview.events import (
    AnswerGraded,
    Event,
    FeedbackDelta,
    GradingStarted,
    InterviewerSaid,
    InterviewFinished,
    Purpose,
    QuestionAsked,
)
from interbot_tui.core.interview.plan import Interrupted, Slot, slot_kind
from interbot_tui.core.interview.turn import Attempt, Turn
from interbot_tui.core.ports import Grader, QuestionWriter, Recorder, SavingPaused, Translator
from interbot_tui.core.profile import Mode, Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.dedupe import is_near_duplicate
from interbot_tui.core.questions.question import Kind, Question, Source
from interbot_tui.core.questions.selection import QuestionPool, slot_kinds, warmup_count
from interbot_tui.core.reporting.report import Report, build_report
from interbot_tui.core.speech.delivery import Delivery
from interbot_tui.core.text import MAX_ANSWER_CHARS, clean_user_text, words
from interbot_tui.core.vision.expression import ExpressionSummary

if TYPE_CHECKING:
    from interbot_tui.core.progress.stored_session import StoredSession

# What to tell the candidate about a question they answered in an earlier session, given this
# session's turns at it ("" for nothing, or a first attempt).
SinceLastTime = Callable[[Question, Sequence[Turn]], str]
# The sessions before this one, read when first needed (a long history takes a while to read).
EarlierSessions = Callable[[], Sequence["StoredSession"]]

SHALLOW_WORDS = 25  # a non-wrong first answer shorter than this earns one follow-up
GENERATE_EVERY = 3  # with a question writer, every third topic question is model-written


class _Next(Enum):
    MOVE_ON = auto()
    FOLLOW_UP = auto()
    HINT = auto()
    REVEAL = auto()
    UNGRADED = auto()
    MODEL_LOST = auto()  # ungraded because the model stopped answering: the question waits


# After these the question still waits for an answer (a resumed session asks it again).
WAITING = (_Next.FOLLOW_UP, _Next.HINT, _Next.MODEL_LOST)


class InterviewOver(RuntimeError):
    """An answer was submitted after the interview finished."""


class Interview:
    def __init__(
        self,
        profile: Profile,
        banks: list[Bank],
        grader: Grader,
        *,
        writer: QuestionWriter | None = None,
        recorder: Recorder | None = None,
        translator: Translator | None = None,
        emit: Callable[[Event], None] | None = None,
        seed: int | None = None,
        clock: Callable[[], float] = time.time,
        recent: Collection[str] = (),
        plan: Sequence[Slot] | None = None,
        earlier: EarlierSessions | None = None,
        since_last_time: SinceLastTime | None = None,
        grounding: Grounding | None = None,
    ) -> None:
        """`plan` fixes the slots (a question, or a kind to draw); by default the profile's
        mix. `earlier` gives the sessions the final report compares with; `since_last_time`
        says what changed on a question answered in an earlier session; `grounding` is the
        resume and job description the plan was grounded in, for the report."""
        self.profile = profile
        self.grader = grader
        self.writer = writer
        self.recorder = recorder
        self.translator = translator
        self.phrases = Phrases(profile.language)
        self.emit: Callable[[Event], None] = emit or (lambda event: None)
        self.clock = clock
        self.rng = random.Random(seed)
        self.pool = QuestionPool.for_profile(banks, profile, self.rng, recent)
        self.plan: list[Slot] = list(plan) if plan else list(slot_kinds(profile, banks))
        self.slots = [slot_kind(slot) for slot in self.plan]
        self.earlier = earlier
        self.since_last_time = since_last_time
        self.grounding = grounding
        self.level = profile.difficulty
        self.turns: list[Turn] = []
        self.asked: list[Question] = []
        self.current: Question | None = None
        self.attempt = Attempt.FIRST
        self.report: Report | None = None
        self._hint_given = False
        self._follow_up_used = False
        self._first: tuple[str, Grade] | None = (
            None  # the answer so far, before a follow-up or retry
        )
        self._said: tuple[str, Grade] | None = None  # the last graded text and its grade
        self._streak = 0
        self._prefetched: dict[int, Question | None] = {}
        self._lock = threading.Lock()
        self._quiet = False  # replaying a resumed session: nothing is said again
        self._saving_paused = False  # the recorder keeps writes in memory; the user was told

    # --- state --------------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.report is not None

    @property
    def number(self) -> int:
        return len(self.asked)

    @property
    def total(self) -> int:
        return len(self.slots)

    # --- flow ---------------------------------------------------------------------------------

    def start(self) -> None:
        p = self.phrases
        name = self.profile.name
        self._say(
            " ".join(
                part
                for part in (
                    p.say("greeting_named", name=name) if name else p["greeting"],
                    p.say(
                        "plan_one" if self.total == 1 else "plan",
                        total=self.total,
                        subject=self.profile.subject,
                    ),
                    p["grounded_plan"] if self._grounded() else "",
                    p["help_coach"] if self.profile.mode is Mode.COACH else p["help_strict"],
                    p.say("how_to_finish", finish=p["finish_command"]),
                )
                if part
            ),
            Purpose.GREETING,
        )
        self._advance()

    def _grounded(self) -> bool:
        return any(isinstance(s, Question) and s.source is Source.GROUNDED for s in self.plan)

    def resume(self, interrupted: Interrupted) -> None:
        """Continue an interrupted session: its answered turns are restored and never asked
        again; the question it stopped at is asked again (with its hint, if one was given)."""
        asked = list(interrupted.asked)
        for turn in interrupted.turns:  # sessions stored before questions were kept
            if turn.number > len(asked):
                asked.append(turn.question)
        self.turns = list(interrupted.turns)
        still_open = False  # the last question asked still waits for an answer
        self._quiet = True
        try:
            for number, question in enumerate(asked, start=1):
                self.asked.append(question)
                self._open(question)
                its_turns = [t for t in self.turns if t.number == number]
                still_open = not its_turns
                for turn in its_turns:
                    still_open = self._replay(turn) in WAITING
        finally:
            self._quiet = False
        p = self.phrases
        done = len(asked) - still_open  # questions whose ladder is over
        self._say(p.say("resumed", answered=done, total=self.total), Purpose.GREETING)
        if not still_open:
            self._advance()
            return
        question = asked[-1]
        self.emit(QuestionAsked(question, self.number, self.total))
        self._say(question.text, Purpose.QUESTION)
        if self._first is not None:  # what they had said, which the next attempt completes
            self._say(p.say("said_so_far", answer=self._first[0]), Purpose.NOTICE)
        if self.attempt is Attempt.FOLLOW_UP:
            self._say(p["follow_up"], Purpose.FOLLOW_UP)
        elif self.attempt is Attempt.RETRY:
            self._say(p.say("hint_retry", hint=self._local_hint()), Purpose.HINT)

    def _replay(self, turn: Turn) -> _Next:
        """Apply a stored turn's effect on the ladder and the level, saying nothing."""
        self.attempt = turn.attempt
        graded_text = turn.answer
        if self.attempt is not Attempt.FIRST and self._first:
            graded_text = f"{self._first[0]}\n{turn.answer}"
        step = self._decide(turn.grade, turn.answer)
        self._said = (graded_text, turn.grade)
        if step is _Next.FOLLOW_UP:
            self._follow_up_used, self._first, self.attempt = True, self._said, Attempt.FOLLOW_UP
        elif step is _Next.HINT:
            self._hint_given, self._first, self.attempt = True, self._said, Attempt.RETRY
        else:
            self._adapt(turn)
        return step

    def submit(
        self,
        raw_answer: str,
        *,
        delivery: Delivery | None = None,
        audio: str = "",
        expression: ExpressionSummary | None = None,
    ) -> None:
        """Grade an answer and move the interview on; "finish interview" ends it.

        A spoken answer brings its delivery figures (pace, fillers, pauses) and, when the user
        keeps recordings, the file name of its audio; with the camera on, the answer brings its
        expression summary. All are stored with the turn.
        """
        if self.finished or self.current is None:
            raise InterviewOver("the interview is over")
        answer, truncated = clean_user_text(raw_answer)
        if is_finish_command(answer, extra=self.phrases["finish_command"]):
            self.finish()
            return
        if truncated:
            self._say(self.phrases.say("too_long", limit=f"{MAX_ANSWER_CHARS:,}"), Purpose.NOTICE)
        question = self.current
        graded_text = answer
        if self.attempt is not Attempt.FIRST and self._first:
            # The candidate completes their answer: what they have said so far is graded.
            graded_text = f"{self._first[0]}\n{answer}"
        self.emit(GradingStarted(self.number))
        coach = self.profile.mode is Mode.COACH
        # In English the feedback streams as it is written; in another language it is checked
        # and, if the model wrote it in English anyway, translated before it is shown.
        stream = coach and (self.profile.language == "en" or self.translator is None)
        grade = self.grader.grade(
            question,
            graded_text,
            on_feedback=(lambda text: self.emit(FeedbackDelta(text))) if stream else None,
            # A hint and a retry may follow: the feedback must not name the missing point yet.
            retry_follows=coach and not self._hint_given and self.attempt is not Attempt.RETRY,
        )
        if coach and not stream and grade.feedback:
            grade = replace(grade, feedback=self._to_language(grade.feedback))
            self.emit(FeedbackDelta(grade.feedback))
        if self.attempt is Attempt.FOLLOW_UP and self._first and _better(self._first[1], grade):
            grade = self._first[1]
        if (
            coach
            and self.attempt is Attempt.RETRY
            and self._first
            and _better(grade, self._first[1])
        ):
            # Only an answer that improved is told what it added (the grader lists at most three
            # missing points, so a point absent from the list is not proof it was made).
            added = self._to_language(retry_added(self._first[1].missing, grade.missing))
            if added:
                self.emit(FeedbackDelta(" " + added))
                grade = replace(grade, feedback=f"{grade.feedback} {added}".strip())
        step = self._decide(grade, answer)
        if self.since_last_time is not None and step not in (_Next.FOLLOW_UP, _Next.HINT):
            grade = self._with_since_last_time(question, grade, answer)
        self._said = (graded_text, grade)
        turn = Turn(
            number=self.number,
            attempt=self.attempt,
            question=question,
            prompt=question.text if self.attempt is Attempt.FIRST else self._prompt_for_attempt(),
            answer=answer,
            grade=grade,
            level=self.level,
            hint_given=step is _Next.HINT,
            revealed=step is _Next.REVEAL,
            at=self.clock(),
            delivery=delivery,
            audio=audio,
            expression=expression,
        )
        self.turns.append(turn)
        self._record(lambda recorder: recorder.record_turn(turn))
        self.emit(AnswerGraded(turn))
        self._react(step, turn)

    def _earlier(self) -> Sequence[StoredSession]:
        if self.earlier is None:
            return ()
        try:
            return self.earlier()
        except Exception:  # the comparison is a bonus: an unreadable history must not stop it
            return ()

    def _with_since_last_time(self, question: Question, grade: Grade, answer: str) -> Grade:
        """A question answered in an earlier session: the feedback says what changed."""
        assert self.since_last_time is not None
        draft = Turn(
            number=self.number,
            attempt=self.attempt,
            question=question,
            prompt="",
            answer=answer,
            grade=grade,
            level=self.level,
            at=self.clock(),
        )
        these = [t for t in self.turns if t.number == self.number] + [draft]
        try:
            note = self.since_last_time(question, these)
        except Exception:  # history is a bonus: a failed lookup must not lose the answer
            return grade
        note = self._to_language(note) if note else ""
        if not note:
            return grade
        if self.profile.mode is Mode.COACH:
            self.emit(FeedbackDelta(" " + note))
        return replace(grade, feedback=f"{grade.feedback} {note}".strip())

    def prepare_next(self) -> None:
        """Work ahead while the candidate answers (call from a worker): let the grader prepare
        this question (its anchor probes, a few seconds), write the next slot's model question
        if it needs one (tens of seconds), then let the grader warm the model's cache again."""
        prepare = getattr(self.grader, "prepare", None)
        current = self.current
        if callable(prepare) and current is not None and not self.finished:
            prepare(current)
        if self._prefetch_question() and callable(prepare) and current is self.current:
            prepare(current)

    def _prefetch_question(self) -> bool:
        """Write the next slot's model question ahead; True if the model was used."""
        index = self.number
        if index >= self.total or not self._generated_slot(index):
            return False
        with self._lock:
            if index in self._prefetched:
                return False
            self._prefetched[index] = self._write(self.slots[index])
            return True

    def finish(self) -> Report:
        """End the interview (finish command, quit key, end of input) and build the report."""
        if self.report is not None:
            return self.report
        self.current = None
        report = self.report = build_report(
            self.profile, self.turns, earlier=self._earlier(), grounding=self.grounding
        )
        self._record(lambda recorder: recorder.record_finish(report))
        self._say(self.phrases["closing"], Purpose.CLOSING)
        self.emit(InterviewFinished(self.report))
        return self.report

    # --- internals ----------------------------------------------------------------------------

    def _record(self, write: Callable[[Recorder], int | None]) -> None:
        """Save through the recorder; the interview goes on whatever happens.

        When the history cannot be written for now (a full disk, a read-only folder) the
        recorder keeps the writes in memory and writes them once it can: that is told once,
        not at every turn, and so is the moment saving works again. Any other failure is told
        each time (that write is lost)."""
        if self.recorder is None:
            return
        try:
            written = write(self.recorder)
        except SavingPaused as exc:
            if not self._saving_paused:
                self._saving_paused = True
                reason = exc.reason if exc.reason in ("full", "read_only") else "unavailable"
                key = f"save_paused_{reason}"
                self._say(
                    self.phrases.say(key, folder=exc.folder, error=exc.detail), Purpose.NOTICE
                )
            return
        except Exception as exc:  # the recorder is outside the core: must not end the interview
            self._say(self.phrases.say("save_failed", error=exc), Purpose.NOTICE)
            return
        if self._saving_paused:
            self._saving_paused = False
            count = written if isinstance(written, int) else 0
            if count:
                self._say(self.phrases.say("saved_again", count=count), Purpose.NOTICE)
            else:
                self._say(self.phrases["saving_works_again"], Purpose.NOTICE)

    def _say(self, text: str, purpose: Purpose) -> None:
        if not self._quiet:
            self.emit(InterviewerSaid(text, purpose))

    def _prompt_for_attempt(self) -> str:
        if self.attempt is Attempt.FOLLOW_UP:
            return self.phrases["follow_up"]
        assert self.current is not None
        return self.phrases.say("hint", hint=self._local_hint())

    def _decide(self, grade: Grade, answer: str) -> _Next:
        if not grade.available:
            return _Next.MODEL_LOST if grade.model_lost else _Next.UNGRADED
        coach = self.profile.mode is Mode.COACH
        if (
            self.attempt is Attempt.FIRST
            and not self._follow_up_used
            and grade.verdict is not Verdict.INCORRECT
            and len(words(answer)) < SHALLOW_WORDS
            and (grade.verdict is Verdict.CORRECT or not coach)
        ):
            return _Next.FOLLOW_UP
        if grade.verdict is Verdict.CORRECT:
            return _Next.MOVE_ON
        if coach and not self._hint_given:
            return _Next.HINT
        return _Next.REVEAL if coach else _Next.MOVE_ON

    def _react(self, step: _Next, turn: Turn) -> None:
        if step is _Next.FOLLOW_UP:
            self._follow_up_used = True
            self._first = self._said
            self.attempt = Attempt.FOLLOW_UP
            self._say(self.phrases["follow_up"], Purpose.FOLLOW_UP)
            return
        if step is _Next.HINT:
            self._hint_given = True
            self._first = self._said
            self.attempt = Attempt.RETRY
            self._say(self.phrases.say("hint_retry", hint=self._local_hint()), Purpose.HINT)
            return
        if step is _Next.MODEL_LOST:  # kept; the same question is open for an answer again
            error = turn.grade.error.strip()
            error = error[:1].upper() + error[1:] + ("" if error.endswith((".", "!", "?")) else ".")
            self._say(self.phrases.say("model_lost", error=error), Purpose.NOTICE)
            return
        if step is _Next.UNGRADED:
            self._say(self.phrases["ungraded"], Purpose.NOTICE)
        elif step is _Next.REVEAL:
            self._say(self.phrases.say("reveal", answer=self._local_answer()), Purpose.REVEAL)
        elif self.profile.mode is Mode.COACH and turn.grade.verdict is Verdict.CORRECT:
            self._say(self.rng.choice(self.phrases.choices("praise")), Purpose.PRAISE)
        else:
            self._say(self.phrases["move_on"], Purpose.ACK)
        self._adapt(turn)
        self._advance()

    def _adapt(self, turn: Turn) -> None:
        """Two first-try successes in a row step the level up; two failures step it down."""
        if turn.question.kind is Kind.WARMUP or not turn.grade.available:
            return
        first_try = turn.attempt is not Attempt.RETRY and turn.grade.verdict is Verdict.CORRECT
        if first_try:
            self._streak = max(self._streak, 0) + 1
        elif turn.grade.verdict is Verdict.INCORRECT or turn.revealed:
            self._streak = min(self._streak, 0) - 1
        else:
            self._streak = 0
        if abs(self._streak) >= 2:
            direction = "up" if self._streak > 0 else "down"
            new_level = self.level.step(1 if direction == "up" else -1)
            self._streak = 0
            if new_level is not self.level:
                self.level = new_level
                key = "level_up" if direction == "up" else "level_down"
                level = self.phrases[str(new_level)]
                self._say(self.phrases.say(key, level=level), Purpose.NOTICE)

    def _generated_slot(self, index: int) -> bool:
        if self.writer is None or isinstance(self.plan[index], Question):
            return False
        kind = self.slots[index]
        if kind in (Kind.WARMUP, Kind.BEHAVIOURAL):
            return False
        topic_index = index - warmup_count(self.total)
        return topic_index % GENERATE_EVERY == GENERATE_EVERY - 1 or not self.pool.has(kind)

    def _write(self, kind: Kind) -> Question | None:
        assert self.writer is not None
        return self.writer.write(self.profile, kind, self.level, [q.text for q in self.asked])

    def _next_question(self, index: int) -> Question | None:
        fixed = self.plan[index]
        if isinstance(fixed, Question):
            return fixed
        kind = self.slots[index]
        # Never drawn: the questions asked, and those the plan asks later.
        asked = [q.text for q in self.asked]
        asked += [slot.text for slot in self.plan[index:] if isinstance(slot, Question)]
        if self._generated_slot(index):
            with self._lock:
                question = (
                    self._prefetched.pop(index) if index in self._prefetched else self._write(kind)
                )
            if question is not None and not is_near_duplicate(question.text, asked):
                return question
        question = self.pool.draw(kind, self.level, asked)
        if question is None:  # this kind ran dry: any other kind of topic question will do
            for other in (Kind.TECHNICAL, Kind.SYSTEM_DESIGN, Kind.BEHAVIOURAL):
                question = question or self.pool.draw(other, self.level, asked)
        return question

    def _advance(self) -> None:
        index = self.number
        if index >= self.total:
            self.finish()
            return
        question = self._next_question(index)
        if question is None:
            self._say(self.phrases["out_of_questions"], Purpose.NOTICE)
            self.finish()
            return
        question = self._localised(question)
        self.asked.append(question)
        self._open(question)
        number = self.number
        self._record(lambda recorder: recorder.record_question(number, question))
        self.emit(QuestionAsked(question, self.number, self.total))
        self._say(question.text, Purpose.QUESTION)

    def _open(self, question: Question) -> None:
        self.current = question
        self.attempt = Attempt.FIRST
        self._hint_given = False
        self._follow_up_used = False
        self._first = None

    # --- language ---------------------------------------------------------------------------

    def _to_language(self, text: str) -> str:
        if self.translator is None or self.profile.language == "en":
            return text
        return self.translator.translate(text, self.profile.language)

    def _localised(self, question: Question) -> Question:
        """A bank question in the interview's language (generated ones are written in it)."""
        if question.source is Source.GENERATED or self.translator is None:
            return question
        text = self._to_language(question.text)
        return question if text == question.text else replace(question, text=text)

    def _local_hint(self) -> str:
        assert self.current is not None
        return self._to_language(self.current.hint)

    def _local_answer(self) -> str:
        assert self.current is not None
        return self._to_language(self.current.model_answer)


def _better(a: Grade, b: Grade) -> bool:
    """Whether grade `a` is better than `b` (an available grade beats none)."""
    if not b.available:
        return a.available
    return a.available and (a.score or 0) > (b.score or 0)
