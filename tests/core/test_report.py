from __future__ import annotations

import json

from interbot_tui.core.grade import Grade, Verdict
from interbot_tui.core.profile import Difficulty, Profile
from interbot_tui.core.question import Kind, Question
from interbot_tui.core.render import accuracy_line, render, to_text
from interbot_tui.core.report import build_report
from interbot_tui.core.turn import Attempt, Turn


def q(n: int, kind: Kind = Kind.TECHNICAL) -> Question:
    return Question(
        f"q{n}",
        f"Question number {n} about <b>things</b>?",
        kind,
        Difficulty.MEDIUM,
        ("uses a B-tree structure", "every write gets slower"),
        "hint",
        "answer",
    )


def turn(
    n: int,
    verdict: Verdict | None,
    score: int | None,
    attempt: Attempt = Attempt.FIRST,
    **kw: object,
) -> Turn:
    grade = (
        Grade(verdict, score, feedback=f"feedback {n}", missing=("writes become slower", "missing"))
        if verdict
        else Grade.unavailable("bad output")
    )
    return Turn(n, attempt, q(n), q(n).text, f"answer {n} | pipe", grade, Difficulty.MEDIUM, **kw)  # type: ignore[arg-type]


TURNS = [
    turn(1, Verdict.CORRECT, 9),
    turn(2, Verdict.PARTIAL, 5, hint_given=True),
    turn(2, Verdict.CORRECT, 8, Attempt.RETRY),
    turn(3, Verdict.INCORRECT, 2, hint_given=True),
    turn(3, Verdict.INCORRECT, 1, Attempt.RETRY, revealed=True),
    turn(4, None, None),
]


def test_accuracy_counts_questions_by_their_best_attempt() -> None:
    report = build_report(Profile(), TURNS)
    assert (report.correct, report.total, report.ungraded) == (2, 4, 1)
    assert report.accuracy == 0.5
    assert accuracy_line(report) == "Accuracy: 2/4 (50%), 1 ungraded"
    results = {r.number: r for r in report.results}
    assert results[2].hint_used and results[2].attempts == 2 and results[2].correct
    assert results[3].revealed and not results[3].correct


def test_strengths_weaknesses_improvements() -> None:
    report = build_report(Profile(), TURNS)
    assert any("Q1" in s for s in report.strengths)
    assert "Q2: missed — every write gets slower" in report.weaknesses
    assert not any(w.endswith("— missing") for w in report.weaknesses)  # vague notes are dropped
    assert any("Q3" in i for i in report.improvements)


def test_json_has_turns_with_question_answer_verdict_score_feedback() -> None:
    data = json.loads(render(build_report(Profile(), TURNS), "json", {"session": 7}))
    assert data["session"] == 7 and data["accuracy"] == 0.5
    assert len(data["turns"]) == 6
    first = data["turns"][0]
    assert {k: first[k] for k in ("question", "answer", "verdict", "score", "feedback")} == {
        "question": TURNS[0].question.text,
        "answer": "answer 1 | pipe",
        "verdict": "correct",
        "score": 9,
        "feedback": "feedback 1",
    }
    assert data["turns"][5]["verdict"] is None and data["turns"][5]["grade_error"] == "bad output"


def test_markdown_and_html_escape_user_text() -> None:
    report = build_report(Profile(), TURNS)
    md = render(report, "md")
    assert "| 1 | Question number 1" in md and "**Accuracy: 2/4 (50%), 1 ungraded**" in md
    page = render(report, "html")
    assert "<b>things</b>" not in page and "&lt;b&gt;things&lt;/b&gt;" in page


def test_plain_text_report_has_accuracy_line() -> None:
    text = to_text(build_report(Profile(), TURNS))
    assert "Accuracy: 2/4 (50%)" in text and "Q4: ungraded" in text


def test_empty_report() -> None:
    report = build_report(Profile(), [])
    assert report.total == 0 and report.accuracy == 0.0
    assert "Accuracy: 0/0" in to_text(report)
