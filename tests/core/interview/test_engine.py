"""The interview state machine with a scripted model: ladder, strict, finish, dedupe, adapt."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.interview.events import (
    AnswerGraded,
    Event,
    FeedbackDelta,
    InterviewerSaid,
    InterviewFinished,
    Purpose,
    QuestionAsked,
)
from interbot_tui.core.interview.turn import Attempt
from interbot_tui.core.ports import ModelUnreachable
from interbot_tui.core.profile import Difficulty, InterviewType, Mode, Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.dedupe import similarity
from interbot_tui.core.questions.question import Kind, Source
from interbot_tui.core.questions.writer import LLMQuestionWriter
from tests.fakes.llm import FakeChatModel, grade

LONG = (
    "This is a complete answer that explains the idea, why it matters and gives a concrete "
    "example from a real project where I applied it and measured the result carefully."
)


def make(
    banks: list[Bank], model: FakeChatModel, *, writer: bool = False, **profile: Any
) -> tuple[Interview, list[Event]]:
    events: list[Event] = []
    p = Profile(role="Backend engineer", topic="Python, PostgreSQL", **profile)
    interview = Interview(
        p,
        banks,
        LLMGrader(model),
        writer=LLMQuestionWriter(model) if writer else None,
        emit=events.append,
        seed=7,
    )
    return interview, events


def said(events: list[Event], purpose: Purpose) -> list[str]:
    return [e.text for e in events if isinstance(e, InterviewerSaid) and e.purpose is purpose]


def test_coach_ladder_hint_retry_reveal(banks: list[Bank]) -> None:
    model = FakeChatModel([grade("partial", 5, missing=["retries"]), grade("incorrect", 2)])
    interview, events = make(banks, model, questions=2)
    interview.start()
    first = interview.current
    assert first is not None
    interview.submit(LONG)
    assert said(events, Purpose.HINT) == [f"Hint: {first.hint} Have another go."]
    assert interview.current is first and interview.attempt is Attempt.RETRY
    interview.submit(LONG + " More detail.")
    assert said(events, Purpose.REVEAL)[0].endswith(first.model_answer)
    assert interview.current is not first
    turns = interview.turns
    assert [t.attempt for t in turns] == [Attempt.FIRST, Attempt.RETRY]
    assert turns[0].hint_given and turns[1].revealed


def test_only_the_retry_is_graded_with_feedback_that_may_name_the_missing_point(
    banks: list[Bank],
) -> None:
    model = FakeChatModel([grade("partial", 5), grade("incorrect", 2), grade("partial", 5)])
    interview, _ = make(banks, model, questions=2)
    interview.start()
    interview.submit(LONG)  # first try: a hint and a retry follow
    interview.submit(LONG + " More detail.")  # the retry: the answer is revealed next
    strict, _ = make(banks, FakeChatModel([grade("partial", 5)]), questions=1, mode=Mode.STRICT)
    strict.start()
    strict.submit(LONG)
    notes = [
        "without naming the missing facts" in messages[0]["content"]
        for messages, _ in [*model.calls, *strict.grader.model.calls]  # type: ignore[attr-defined]
    ]
    assert notes == [True, False, False]


def test_coach_correct_praises_and_moves_on(
    banks: list[Bank], always_correct: FakeChatModel
) -> None:
    interview, events = make(banks, always_correct, questions=3)
    interview.start()
    interview.submit(LONG)
    assert said(events, Purpose.PRAISE)
    assert interview.number == 2
    # Feedback streams while the model writes it (coach mode).
    streamed = "".join(e.text for e in events if isinstance(e, FeedbackDelta))
    assert streamed == "Good: you covered the key points."


def test_strict_mode_gives_no_help(banks: list[Bank]) -> None:
    model = FakeChatModel([grade("incorrect", 2), grade("partial", 5)])
    interview, events = make(banks, model, questions=2, mode=Mode.STRICT)
    interview.start()
    interview.submit(LONG)
    interview.submit(LONG)
    assert not said(events, Purpose.HINT) and not said(events, Purpose.REVEAL)
    assert not [e for e in events if isinstance(e, FeedbackDelta)]
    assert interview.finished
    assert interview.report is not None and interview.report.total == 2


def test_finish_command_ends_with_report(banks: list[Bank], always_correct: FakeChatModel) -> None:
    interview, events = make(banks, always_correct, questions=5)
    interview.start()
    interview.submit(LONG)
    interview.submit("Finish interview.")
    assert interview.finished
    finished = [e for e in events if isinstance(e, InterviewFinished)]
    assert len(finished) == 1 and finished[0].report.total == 1
    assert len(always_correct.calls) == 1  # the command itself was not graded


def test_answer_mentioning_finishing_is_graded(
    banks: list[Bank], always_correct: FakeChatModel
) -> None:
    interview, _ = make(banks, always_correct, questions=3)
    interview.start()
    interview.submit("We had to finish the interview loop early, so I " + LONG)
    assert not interview.finished and interview.number == 2


def test_no_repeats_or_near_duplicates_in_a_full_interview(
    banks: list[Bank], always_correct: FakeChatModel
) -> None:
    interview, _ = make(banks, always_correct, questions=25)
    interview.start()
    while not interview.finished:
        interview.submit(LONG)
    texts = [q.text for q in interview.asked]
    assert len(texts) == 25
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            assert similarity(a, b) < 0.6, (a, b)


def test_difficulty_steps_up_after_two_first_try_successes(
    banks: list[Bank], always_correct: FakeChatModel
) -> None:
    interview, events = make(banks, always_correct, questions=8, difficulty=Difficulty.EASY)
    interview.start()
    levels = []
    while not interview.finished:
        interview.submit(LONG)
        levels.append(interview.level)
    assert Difficulty.MEDIUM in levels and levels[-1] is Difficulty.HARD
    notices = [t for t in said(events, Purpose.NOTICE) if "difficulty" in t]
    assert notices[:2] == [
        "I'll take the difficulty up to medium.",
        "I'll take the difficulty up to hard.",
    ]


def test_difficulty_steps_down_after_failures(banks: list[Bank]) -> None:
    model = FakeChatModel(default_grade=grade("incorrect", 2))
    interview, events = make(
        banks, model, questions=6, difficulty=Difficulty.HARD, mode=Mode.STRICT
    )
    interview.start()
    while not interview.finished:
        interview.submit(LONG)
    assert interview.level is Difficulty.EASY
    assert any("difficulty down" in t for t in said(events, Purpose.NOTICE))


def test_shallow_answer_gets_one_follow_up(banks: list[Bank]) -> None:
    model = FakeChatModel([grade("correct", 8), grade("correct", 9), grade("correct", 8)])
    interview, events = make(banks, model, questions=2)
    interview.start()
    interview.submit("Short but right.")
    assert said(events, Purpose.FOLLOW_UP) and interview.attempt is Attempt.FOLLOW_UP
    interview.submit("Because of X.")
    assert interview.number == 2  # moved on: never a second follow-up on one question
    follow = interview.turns[1]
    assert follow.attempt is Attempt.FOLLOW_UP and follow.grade.score == 9
    # the follow-up was graded together with the first answer
    graded_prompt = model.calls[1][0][1]["content"]
    assert "Short but right." in graded_prompt and "Because of X." in graded_prompt


def test_unusable_output_retried_once_then_recorded_ungraded(banks: list[Bank]) -> None:
    model = FakeChatModel(["not json", '{"verdict": "great"}', grade("correct", 9)])
    interview, events = make(banks, model, questions=2)
    interview.start()
    interview.submit(LONG)
    turn = interview.turns[0]
    assert not turn.grade.available and turn.grade.error
    assert any("couldn't grade" in t for t in said(events, Purpose.NOTICE))
    assert interview.number == 2  # the interview went on
    interview.submit(LONG)
    assert interview.report is not None and interview.report.ungraded == 1


def test_hostile_answer_is_cleaned_and_cut(
    banks: list[Bank], always_correct: FakeChatModel
) -> None:
    interview, events = make(banks, always_correct, questions=2)
    interview.start()
    interview.submit("\x1b[2J\x1b]0;pwned\x07" + "a" * 100_000)
    answer = interview.turns[0].answer
    assert "\x1b" not in answer and len(answer) == 8000
    assert any("longer than" in t for t in said(events, Purpose.NOTICE))


def test_generated_questions_are_used_and_checked(banks: list[Bank]) -> None:
    good = {
        "question": "How would you use PostgreSQL advisory locks to stop two workers running the same job?",
        "key_points": ["pg_try_advisory_lock with a job key", "release on commit or session end"],
        "hint": "Think about a lock that is not tied to a row.",
        "model_answer": "Call pg_try_advisory_lock(job_id) and skip the job if it returns false.",
        "terms": ["PostgreSQL", "advisory lock"],
    }
    bad = dict(good, question="Tell me about locks? And also queues?")
    model = FakeChatModel(questions=[bad, good], default_grade=grade("correct", 9))
    interview, events = make(
        banks, model, writer=True, questions=4, interview_type=InterviewType.TECHNICAL
    )
    interview.start()
    interview.submit(LONG)
    interview.submit(LONG)
    interview.prepare_next()  # the third topic slot is model-written, prepared ahead
    interview.submit(LONG)
    asked = [e.question for e in events if isinstance(e, QuestionAsked)]
    generated = [q for q in asked if q.source is Source.GENERATED]
    assert len(generated) == 1 and generated[0].text == good["question"]
    assert generated[0].kind is Kind.TECHNICAL


def test_every_turn_is_emitted_with_its_grade(
    banks: list[Bank], always_correct: FakeChatModel
) -> None:
    interview, events = make(banks, always_correct, questions=2)
    interview.start()
    interview.submit(LONG)
    graded = [e.turn for e in events if isinstance(e, AnswerGraded)]
    assert graded[0].grade.verdict == "correct" and graded[0].question.kind is Kind.WARMUP


def test_an_answer_brings_its_expression_summary_to_the_turn(
    banks: list[Bank], always_correct: FakeChatModel
) -> None:
    from interbot_tui.core.vision.expression import ExpressionSummary

    interview, _ = make(banks, always_correct, questions=3)
    interview.start()
    summary = ExpressionSummary(frames=20, face_frames=18, shares={"happy": 1.0})
    interview.submit(LONG, expression=summary)
    interview.submit(LONG)
    assert interview.turns[0].expression == summary
    assert interview.turns[1].expression is None
    assert interview.finish().expression is not None


def test_prepare_next_lets_the_grader_read_the_rubric_ahead(banks: list[Bank]) -> None:
    model = FakeChatModel(default_grade=grade("correct", 9))

    class PreparingGrader(LLMGrader):
        def __init__(self) -> None:
            super().__init__(model)
            self.prepared: list[str] = []

        def prepare(self, question: object) -> None:
            self.prepared.append(getattr(question, "id", ""))

    grader = PreparingGrader()
    interview = Interview(Profile(), banks, grader, seed=1)
    interview.start()
    interview.prepare_next()
    assert interview.current is not None and grader.prepared == [interview.current.id]


def test_prepare_next_prepares_the_grader_before_and_after_writing_a_question(
    banks: list[Bank],
) -> None:
    good = {
        "question": "How would you use PostgreSQL advisory locks to stop two workers running a job?",
        "key_points": ["pg_try_advisory_lock with a job key", "release on commit or session end"],
        "hint": "Think about a lock that is not tied to a row.",
        "model_answer": "Call pg_try_advisory_lock(job_id) and skip the job if it returns false.",
        "terms": ["PostgreSQL", "advisory lock"],
    }
    model = FakeChatModel(questions=[good], default_grade=grade("correct", 9))
    order: list[str] = []

    class Recording(LLMGrader):
        def prepare(self, question: object) -> None:
            order.append("grader")

    class Writer(LLMQuestionWriter):
        def write(self, *args: Any, **kwargs: Any) -> Any:
            order.append("writer")
            return super().write(*args, **kwargs)

    p = Profile(role="Backend engineer", topic="PostgreSQL", questions=4)
    p = replace(p, interview_type=InterviewType.TECHNICAL)
    interview = Interview(p, banks, Recording(model), writer=Writer(model), seed=7)
    interview.start()
    interview.submit(LONG)
    interview.submit(LONG)
    order.clear()
    interview.prepare_next()  # the next slot is model-written
    assert order == ["grader", "writer", "grader"]
    order.clear()
    interview.prepare_next()  # already written: the grader alone
    assert order == ["grader"]


def test_the_retry_is_graded_with_the_first_attempt_and_says_what_it_added(
    banks: list[Bank],
) -> None:
    model = FakeChatModel(
        [
            grade("partial", 5, missing=["retries with backoff", "idempotency keys"]),
            grade("correct", 9, "Solid.", missing=["idempotency keys"]),
        ]
    )
    interview, events = make(banks, model, questions=2)
    interview.start()
    interview.submit(LONG)
    interview.submit("Also: the client retries with exponential backoff.")
    retry_prompt = model.calls[-1][0][-1]["content"]
    assert LONG in retry_prompt and "exponential backoff" in retry_prompt  # graded together
    retry = interview.turns[-1]
    assert retry.attempt is Attempt.RETRY and retry.answer.startswith("Also:")  # shown as said
    assert retry.grade.feedback.endswith("New in your second try: retries with backoff.")
    deltas = "".join(e.text for e in events if isinstance(e, FeedbackDelta))
    assert deltas.endswith(" New in your second try: retries with backoff.")


def test_a_retry_that_adds_nothing_says_nothing_about_it(banks: list[Bank]) -> None:
    model = FakeChatModel(
        [grade("partial", 5, missing=["a", "b"]), grade("partial", 5, missing=["b", "c"])]
    )  # "a" left the list, but the answer did not improve: nothing is claimed
    interview, _ = make(banks, model, questions=2)
    interview.start()
    interview.submit(LONG)
    interview.submit("I am not sure what else to say about it, to be honest with you.")
    assert "New in your second try" not in interview.turns[-1].grade.feedback


def test_a_model_that_stops_answering_keeps_the_answer_and_the_question(
    banks: list[Bank],
) -> None:
    gone = ModelUnreachable("cannot reach the model server at http://127.0.0.1:9/v1")
    model = FakeChatModel([gone, grade("correct", 9)])
    interview, events = make(banks, model, questions=2)
    interview.start()
    asked = interview.current
    interview.submit(LONG)
    lost = interview.turns[0]
    assert lost.answer == LONG and not lost.grade.available and lost.grade.model_lost
    [notice] = [t for t in said(events, Purpose.NOTICE) if "stopped answering" in t]
    assert "stopped answering. Cannot reach the model server at http://127.0.0.1:9/v1." in notice
    assert "Your answer is saved" in notice
    assert interview.number == 1 and interview.current == asked  # the question waits
    interview.submit(LONG)  # the model is back
    assert interview.turns[1].grade.verdict == "correct" and interview.number == 2
    interview.finish()
    report = interview.report
    assert report is not None and report.results[0].correct and report.results[0].attempts == 1
