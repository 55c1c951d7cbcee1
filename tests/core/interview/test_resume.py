"""Resume after a kill at every step of a turn: answered turns are kept and never asked again,
the question the session stopped at comes back with its ladder step, and the plan holds."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from interbot_tui.core.grading.grade import Grade
from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.interview.events import Event, InterviewerSaid, Purpose, QuestionAsked
from interbot_tui.core.interview.plan import Interrupted, SessionKind, Slot
from interbot_tui.core.interview.turn import Attempt, Turn
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.question import Kind, Question
from interbot_tui.core.reporting.report import Report
from tests.fakes.llm import FakeChatModel, grade

LONG = (
    "This is a complete answer that explains the idea, why it matters and gives a concrete "
    "example from a real project where I applied it and measured the result carefully."
)
PROFILE = Profile(role="Backend engineer", topic="Python, PostgreSQL", questions=3)


class MemoryRecorder:
    """What the store keeps, in memory: the questions as asked and the committed turns."""

    def __init__(self) -> None:
        self.questions: dict[int, Question] = {}
        self.turns: list[Turn] = []
        self.finished = False

    def record_question(self, number: int, question: Question) -> None:
        self.questions[number] = question

    def record_turn(self, turn: Turn) -> None:
        self.turns.append(turn)

    def record_finish(self, report: Report) -> None:
        self.finished = True

    def interrupted(self, plan: list[Slot]) -> Interrupted:
        return Interrupted(
            session_id=1,
            profile=PROFILE,
            kind=SessionKind.INTERVIEW,
            plan=tuple(plan),
            asked=tuple(self.questions[n] for n in sorted(self.questions)),
            turns=tuple(self.turns),
        )


def run(
    banks: list[Bank],
    grades: list[dict[str, Any]],
    recorder: MemoryRecorder,
    plan: list[Slot] | None = None,
) -> tuple[Interview, list[Event]]:
    events: list[Event] = []
    interview = Interview(
        PROFILE,
        banks,
        LLMGrader(FakeChatModel(grades, default_grade=grade("correct", 9))),
        recorder=recorder,
        emit=events.append,
        seed=3,
        plan=plan,
    )
    return interview, events


def said(events: list[Event], purpose: Purpose) -> list[str]:
    return [e.text for e in events if isinstance(e, InterviewerSaid) and e.purpose is purpose]


def resumed(
    banks: list[Bank], recorder: MemoryRecorder, plan: list[Slot]
) -> tuple[Interview, list[Event]]:
    interview, events = run(banks, [], recorder, plan)
    interview.resume(recorder.interrupted(plan))
    return interview, events


# Each step of a question: what was done before the kill, and what resume must ask next.
STEPS = {
    "asked, not answered": ([], Attempt.FIRST, Purpose.QUESTION),
    "graded partial, hint given": ([(LONG, grade("partial", 5))], Attempt.RETRY, Purpose.HINT),
    "short and correct, follow-up asked": (
        [("Short but right.", grade("correct", 8))],
        Attempt.FOLLOW_UP,
        Purpose.FOLLOW_UP,
    ),
}


@pytest.mark.parametrize("step", list(STEPS))
def test_killed_mid_question_resumes_at_that_step(banks: list[Bank], step: str) -> None:
    answers, attempt, purpose = STEPS[step]
    recorder = MemoryRecorder()
    first, _ = run(banks, [grade("correct", 9)] + [g for _, g in answers], recorder)
    first.start()
    first.submit(LONG)  # question 1 done
    stopped_at = first.current
    for text, _ in answers:
        first.submit(text)
    plan = list(first.plan)
    # -- killed here: `first` is dropped without finishing --
    again, events = resumed(banks, recorder, plan)
    assert said(events, Purpose.GREETING)[0].startswith("Welcome back. 1 of 3")
    assert again.current == stopped_at and again.number == 2 and again.attempt is attempt
    assert said(events, Purpose.QUESTION) == [stopped_at.text]  # question 1 is not asked again
    assert said(events, purpose)
    so_far = [t for t in said(events, Purpose.NOTICE) if t.startswith("Your answer so far: ")]
    assert so_far == [f"Your answer so far: {answers[0][0]}"] if answers else not so_far
    assert [e.number for e in events if isinstance(e, QuestionAsked)] == [2]
    assert len(again.turns) == 1 + len(answers)
    again.submit(LONG)
    while not again.finished:
        again.submit(LONG)
    texts = [t.question.text for t in again.turns]
    assert len(set(texts)) == 3  # three questions, none asked twice
    assert recorder.finished


def test_killed_between_questions_moves_on_to_a_fresh_one(banks: list[Bank]) -> None:
    recorder = MemoryRecorder()
    first, _ = run(banks, [grade("correct", 9)], recorder)
    first.start()
    answered = first.current
    assert answered is not None
    first.submit(LONG)
    del recorder.questions[2]  # killed after the turn was committed, before question 2 was
    again, events = resumed(banks, recorder, list(first.plan))
    assert again.number == 2 and again.current is not None
    assert again.current.text != answered.text
    assert said(events, Purpose.QUESTION) == [again.current.text]


def test_level_is_replayed_and_a_plan_of_fixed_questions_holds(banks: list[Bank]) -> None:
    fixed = [q for b in banks if b.kind is Kind.TECHNICAL for q in b.questions][:2]
    plan: list[Slot] = [fixed[0], Kind.BEHAVIOURAL, fixed[1]]
    recorder = MemoryRecorder()
    first, _ = run(banks, [grade("correct", 9)], recorder, plan)
    first.start()
    assert first.current == fixed[0]
    first.submit(LONG)
    behavioural = first.current
    assert behavioural is not None and behavioural.kind is Kind.BEHAVIOURAL
    again, _ = resumed(banks, recorder, plan)
    assert again.current == behavioural
    again.submit(LONG)
    assert again.current == fixed[1]  # the plan's fixed question, drawn from nothing
    again.submit(LONG)
    assert again.finished and len(again.turns) == 3


def test_nothing_asked_yet_starts_with_the_first_question(banks: list[Bank]) -> None:
    recorder = MemoryRecorder()
    first, _ = run(banks, [], recorder)
    plan = list(first.plan)
    again, events = resumed(banks, recorder, plan)
    assert again.number == 1 and said(events, Purpose.QUESTION) == [again.current.text]  # type: ignore[union-attr]


def test_a_question_the_model_could_not_grade_is_asked_again_on_resume(
    banks: list[Bank],
) -> None:
    recorder = MemoryRecorder()
    lost = Grade.unavailable("cannot reach the model server", model_lost=True)
    first, _ = run(banks, [grade("correct", 9)], recorder)
    first.start()
    first.submit(LONG)
    stopped_at = first.current
    first.turns.append(replace(first.turns[0], number=2, question=stopped_at, grade=lost))
    recorder.turns.append(first.turns[-1])  # as the engine commits it when the model is gone
    assert recorder.interrupted(list(first.plan)).answered == 1  # as `resume` tells it
    again, events = resumed(banks, recorder, list(first.plan))
    assert again.current == stopped_at and again.number == 2
    assert said(events, Purpose.QUESTION) == [stopped_at.text]
    assert said(events, Purpose.GREETING)[0].startswith("Welcome back. 1 of 3")
