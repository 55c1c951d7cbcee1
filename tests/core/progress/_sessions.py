"""Sessions built from Turn objects in code, with figures worked out by hand in the tests."""

from __future__ import annotations

from interbot_tui.core.grading.grade import Grade, Verdict
from interbot_tui.core.interview.turn import Attempt, Turn
from interbot_tui.core.profile import Difficulty
from interbot_tui.core.progress import StoredSession
from interbot_tui.core.questions.question import Kind, Question
from interbot_tui.core.speech.delivery import Delivery
from interbot_tui.core.vision.expression import ExpressionSummary

DAY = 24 * 3600.0
T0 = 1_700_000_000.0

Q1 = Question(
    "db-index",
    "How does a database index speed up reads?",
    Kind.TECHNICAL,
    Difficulty.MEDIUM,
    ("alpha point", "beta point", "gamma point", "delta point"),
    "hint",
    "answer",
    domain="databases",
)
Q2 = Question(
    "beh-conflict",
    "Tell me about a conflict in your team.",
    Kind.BEHAVIOURAL,
    Difficulty.MEDIUM,
    ("names the people involved", "says what was learned"),
    "hint",
    "answer",
    domain="behavioural",
)
Q3 = Question(
    "warm-intro",
    "Tell me about yourself.",
    Kind.WARMUP,
    Difficulty.EASY,
    ("current role",),
    "hint",
    "answer",
    domain="general",
)
Q4 = Question(
    "db-mvcc",
    "What is MVCC?",
    Kind.TECHNICAL,
    Difficulty.HARD,
    ("x snapshots", "y versions"),
    "hint",
    "answer",
    domain="databases",
)
Q5 = Question(
    "ml-bias", "What is bias?", Kind.TECHNICAL, Difficulty.MEDIUM, ("k",), "h", "a", domain="ml"
)
Q6 = Question(
    "db-acid",
    "What is ACID?",
    Kind.TECHNICAL,
    Difficulty.MEDIUM,
    ("k",),
    "h",
    "a",
    domain="databases",
)

SLOW_UMMY = Delivery(100, 60.0, 100.0, {"um": 3}, 1, 2.5, 61.0)
STEADY = Delivery(150, 60.0, 150.0, {"um": 1}, 0, 1.0, 61.0)


def turn(
    number: int,
    question: Question,
    verdict: Verdict | None,
    score: int | None,
    missing: tuple[str, ...] = (),
    attempt: Attempt = Attempt.FIRST,
    communication: str = "",
    answer: str = "an answer",
    **extra: object,
) -> Turn:
    grade = (
        Grade(verdict, score, missing=missing, communication=communication)
        if verdict
        else Grade.unavailable("the model failed")
    )
    return Turn(
        number,
        attempt,
        question,
        question.text,
        answer,
        grade,
        Difficulty.MEDIUM,
        **extra,  # type: ignore[arg-type]
    )


def backend_sessions() -> list[StoredSession]:
    s1 = StoredSession(
        1,
        T0,
        "Backend engineer",
        "finished",
        (
            turn(1, Q1, Verdict.PARTIAL, 5, ("gamma point", "delta point")),
            turn(1, Q1, Verdict.CORRECT, 8, ("delta point",), Attempt.RETRY),
            turn(
                2,
                Q2,
                Verdict.INCORRECT,
                2,
                ("names the people involved", "says what was learned"),
                communication="STAR: missing situation, result",
            ),
            turn(3, Q3, Verdict.CORRECT, 9, delivery=SLOW_UMMY),
        ),
    )
    s2 = StoredSession(
        2,
        T0 + 3 * DAY,
        "Backend engineer",
        "finished",
        (
            turn(1, Q1, Verdict.CORRECT, 9, expression=ExpressionSummary(10, 5)),
            turn(
                2,
                Q2,
                Verdict.PARTIAL,
                6,
                ("says what was learned",),
                communication="STAR: missing result",
                expression=ExpressionSummary(30, 30),
            ),
            turn(3, Q6, None, None),
        ),
    )
    s3 = StoredSession(
        3,
        T0 + 10 * DAY,
        "Backend engineer",
        "interrupted",
        (
            turn(1, Q2, Verdict.CORRECT, 9, communication="STAR complete", delivery=STEADY),
            turn(2, Q4, Verdict.INCORRECT, 3, ("x snapshots", "y versions")),
        ),
    )
    return [s1, s2, s3]


def all_sessions() -> list[StoredSession]:
    other = StoredSession(
        4, T0 + DAY, "Data scientist", "finished", (turn(1, Q5, Verdict.CORRECT, 10),)
    )
    empty = StoredSession(5, T0 + 2 * DAY, "Backend engineer", "interrupted", ())
    # Out of order on purpose: progress sorts by start time.
    return [backend_sessions()[2], other, empty, *backend_sessions()[:2]]
