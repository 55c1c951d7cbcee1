from __future__ import annotations

import json
from dataclasses import replace

from interbot_tui.core.grading.grade import Grade, Verdict
from interbot_tui.core.interview.turn import Attempt, Turn
from interbot_tui.core.profile import Difficulty, Profile
from interbot_tui.core.questions.question import Kind, Question
from interbot_tui.core.reporting.render import accuracy_line, render, to_text
from interbot_tui.core.reporting.report import build_report
from interbot_tui.core.vision.expression import ExpressionSummary


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
    assert "Q3: to work on — every write gets slower" in report.weaknesses
    assert not any(w.startswith("Q2: to work on") for w in report.weaknesses)  # right on the retry
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


# --- the camera ----------------------------------------------------------------------------


def seen(frames: int, face_frames: int, **shares: float) -> ExpressionSummary:
    return ExpressionSummary(frames=frames, face_frames=face_frames, shares=shares)


CAMERA_TURNS = [
    turn(1, Verdict.CORRECT, 9, expression=seen(30, 30, neutral=0.9, happy=0.1)),
    turn(2, Verdict.CORRECT, 8, expression=seen(30, 30, neutral=0.8, happy=0.2)),
    Turn(
        3,
        Attempt.FIRST,
        q(3, Kind.SYSTEM_DESIGN),
        "design it",
        "answer",
        Grade(Verdict.PARTIAL, 5),
        Difficulty.MEDIUM,
        expression=seen(40, 36, fear=0.5, sad=0.2, neutral=0.3),
    ),
    turn(4, Verdict.CORRECT, 9),  # camera off for this answer
]


def test_turn_keeps_its_expression_summary_through_a_dict() -> None:
    t = CAMERA_TURNS[2]
    again = Turn.from_dict(json.loads(json.dumps(t.to_dict())))
    assert again.expression == t.expression
    old = t.to_dict()
    del old["expression"]  # a turn stored before the camera existed
    assert Turn.from_dict(old).expression is None


def test_no_camera_no_expression_section() -> None:
    report = build_report(Profile(), TURNS)
    assert report.expression is None and report.to_dict()["expression"] is None
    for fmt in ("md", "html"):
        assert "On camera" not in render(report, fmt)
    assert "On camera" not in to_text(report)


def test_expression_view_groups_by_kind_and_stays_honest() -> None:
    report = build_report(Profile(), CAMERA_TURNS)
    view = report.expression
    assert view is not None
    lines = view.lines()
    assert "not a judgement of your feelings" in lines[0]
    assert lines[1].startswith("Mostly neutral")
    assert any("By question: Q1–2 neutral · Q3 fearful" in line for line in lines)
    assert any("Looked tense on system design questions" in line for line in lines)
    data = report.to_dict()
    assert data["expression"]["dominant"] == "neutral"
    assert data["expression"]["by_question"][2] == {"number": 3, "expression": "fearful"}
    assert data["turns"][2]["expression"]["dominant"] == "fear"
    assert data["turns"][3]["expression"] is None


def test_expression_is_rendered_in_every_format() -> None:
    report = build_report(Profile(), CAMERA_TURNS)
    md = render(report, "md")
    assert "## On camera (approximate readings, not feelings)" in md
    assert "*On camera:* mostly fearful · face in frame 90%" in md
    html = render(report, "html")
    assert "<h2>On camera (approximate readings, not feelings)</h2>" in html
    assert "Looked tense on system design questions" in html
    text = to_text(report)
    assert "On camera:" in text and "Mostly neutral" in text
    assert json.loads(render(report, "json"))["expression"]["caveat"]
    german = build_report(Profile(language="de"), CAMERA_TURNS)
    assert "## Vor der Kamera" in render(german, "md")


def test_missed_points_come_from_the_last_attempt_and_speak_to_you() -> None:
    question = Question(
        "b1",
        "Walk me through a project you are most proud of.",
        Kind.BEHAVIOURAL,
        Difficulty.MEDIUM,
        ("Explains why they are proud of it", "Gives a measured result", "Names their own part"),
        "hint",
        "answer",
    )

    def attempt(kind: Attempt, missing: tuple[str, ...]) -> Turn:
        grade = Grade(Verdict.PARTIAL, 6, missing=missing)
        return Turn(1, kind, question, question.text, "an answer", grade, Difficulty.MEDIUM)

    first = attempt(Attempt.FIRST, ("Gives a measured result", "Names their own part"))
    retry = attempt(Attempt.RETRY, ("Explains why they are proud of it",))
    report = build_report(Profile(), [first, retry])
    missed = [w for w in report.weaknesses if w.startswith("Q1: to work on")]
    assert missed == ["Q1: to work on — explain why you are proud of it"]


def test_answers_graded_by_the_json_fallback_are_counted_and_said_in_every_format() -> None:
    json_graded = Grade(Verdict.PARTIAL, 5, feedback="fine", grader="json")
    turns = [turn(1, Verdict.CORRECT, 9), replace(turn(2, Verdict.PARTIAL, 5), grade=json_graded)]
    report = build_report(Profile(), turns)
    assert report.json_graded == 1
    line = accuracy_line(report)
    assert line.startswith("Accuracy: 1/2 (50%) · 1 graded by the JSON grader, less reliable")
    for fmt in ("md", "html"):
        assert "graded by the JSON grader" in render(report, fmt)
    assert "graded by the JSON grader" in to_text(report)
    data = json.loads(render(report, "json"))
    assert data["json_graded"] == 1
    assert [t["grader"] for t in data["turns"]] == ["probe", "json"]
    stored = Turn.from_dict(json.loads(json.dumps(turns[1].to_dict())))
    assert stored.grade.grader == "json"  # the report rebuilt from history says it too
    assert "JSON" not in accuracy_line(build_report(Profile(), TURNS))
