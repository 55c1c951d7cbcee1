"""The report's lines on the job's must-haves: which were asked, and how the answers went."""

from __future__ import annotations

from interbot_tui.core.documents.coverage import job_coverage
from interbot_tui.core.documents.facts import Grounding, JobFacts, Requirement, ResumeFacts
from interbot_tui.core.grading.grade import Grade, Verdict
from interbot_tui.core.interview.turn import Attempt, Turn
from interbot_tui.core.profile import Difficulty
from interbot_tui.core.questions.grounded import gap_question
from interbot_tui.core.questions.question import Kind, Question

JOB = JobFacts(
    "Data engineer",
    must_haves=(
        Requirement("Kafka streaming", ("Kafka",)),
        Requirement("Apache Iceberg tables", ("Apache Iceberg",)),
        Requirement("Terraform", ("Terraform",)),
    ),
)
RESUME = ResumeFacts(skills=("Kafka", "Python"))


def _turn(
    number: int,
    question: Question,
    verdict: Verdict | None,
    score: int | None,
    attempt: Attempt = Attempt.FIRST,
) -> Turn:
    grade = Grade(verdict, score) if verdict else Grade.unavailable("model failed")
    return Turn(number, attempt, question, question.text, "answer", grade, Difficulty.MEDIUM)


KAFKA = Question(
    "b-1",
    "How do Kafka consumer groups work?",
    Kind.TECHNICAL,
    Difficulty.MEDIUM,
    ("one consumer per partition",),
    "",
    "",
)


def test_each_must_have_says_which_question_covered_it_and_the_last_grade() -> None:
    iceberg = gap_question("Apache Iceberg", (), Difficulty.MEDIUM)
    turns = [
        _turn(1, KAFKA, Verdict.PARTIAL, 5),
        _turn(1, KAFKA, Verdict.CORRECT, 8, Attempt.RETRY),  # the retry's grade decides
        _turn(2, iceberg, Verdict.INCORRECT, 2),
    ]
    lines = [m.line() for m in job_coverage(Grounding(RESUME, JOB), turns)]
    assert lines == [
        "Kafka: question 1, correct 8/10",
        "Apache Iceberg (not on your resume): question 2, incorrect 2/10",
        "Terraform (not on your resume): not asked",
    ]


def test_an_ungraded_answer_is_said_so() -> None:
    (kafka, *_) = job_coverage(Grounding(RESUME, JOB), [_turn(3, KAFKA, None, None)])
    assert kafka.line() == "Kafka: question 3, not graded"
    assert kafka.to_dict()["asked"] == [{"number": 3, "verdict": None, "score": None}]


def test_no_job_description_no_coverage() -> None:
    assert job_coverage(Grounding(RESUME, None), [_turn(1, KAFKA, Verdict.CORRECT, 9)]) == ()
    assert job_coverage(None, []) == ()
