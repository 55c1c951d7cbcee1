"""The end-of-interview report, built from turns alone (so it can be rebuilt from history)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from interbot_tui.core.documents.coverage import MustHave, job_coverage
from interbot_tui.core.documents.facts import Grounding
from interbot_tui.core.grading.feedback import advice, to_you
from interbot_tui.core.grading.grade import JSON_GRADER, Verdict
from interbot_tui.core.i18n.phrases import ENGLISH, Phrases
from interbot_tui.core.interview.turn import Turn, by_question, last_graded
from interbot_tui.core.profile import Profile
from interbot_tui.core.progress.key_points import matching_key_point
from interbot_tui.core.progress.since_last import since_last
from interbot_tui.core.progress.stored_session import StoredSession
from interbot_tui.core.questions.question import Kind
from interbot_tui.core.speech.delivery import DeliverySummary, summarise
from interbot_tui.core.text import words
from interbot_tui.core.vision.expression import AnswerExpression, report_dict, report_lines


@dataclass(frozen=True)
class QuestionResult:
    """The outcome of one question: the verdict on its last graded attempt."""

    number: int
    question: str
    kind: Kind
    difficulty: str
    verdict: Verdict | None
    score: int | None
    attempts: int
    hint_used: bool
    revealed: bool
    feedback: str

    @property
    def correct(self) -> bool:
        return self.verdict is Verdict.CORRECT


@dataclass(frozen=True)
class ExpressionView:
    """The camera's readings over the answers, grouped by question kind."""

    answers: list[AnswerExpression]

    def lines(self) -> list[str]:
        return report_lines(self.answers)

    def to_dict(self) -> dict[str, Any] | None:
        return report_dict(self.answers)


def expression_view(turns: list[Turn]) -> ExpressionView | None:
    """None when no answer has camera figures (camera off, or an older session)."""
    answers = [
        # The expression lines are English, so the group is the English kind label.
        AnswerExpression(t.number, ENGLISH[f"kind_{t.question.kind}"], t.expression)
        for t in turns
        if t.expression is not None
    ]
    view = ExpressionView(answers)
    return view if answers and view.lines() else None


@dataclass(frozen=True)
class Report:
    profile: Profile
    results: list[QuestionResult]
    turns: list[Turn]
    strengths: list[str] = field(default_factory=list)
    weaknesses: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)
    since_last: tuple[str, ...] = ()  # compared with earlier sessions of the role (English)
    coverage: tuple[MustHave, ...] = ()  # the job description's must-haves, when one was given

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def correct(self) -> int:
        return sum(r.correct for r in self.results)

    @property
    def ungraded(self) -> int:
        return sum(r.verdict is None for r in self.results)

    @property
    def json_graded(self) -> int:
        """Answers graded by the JSON fallback (a model without log-probabilities)."""
        return sum(t.grade.available and t.grade.grader == JSON_GRADER for t in self.turns)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def delivery(self) -> DeliverySummary | None:
        """Pace, fillers and pauses over the spoken answers; None when nothing was spoken."""
        spoken = [t.delivery for t in self.turns if t.delivery is not None]
        return summarise(spoken) if spoken else None

    @property
    def expression(self) -> ExpressionView | None:
        """How the answers came across on camera; None when the camera saw nothing."""
        return expression_view(self.turns)

    @property
    def mean_score(self) -> float | None:
        scores = [r.score for r in self.results if r.score is not None]
        return sum(scores) / len(scores) if scores else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": self.profile.to_dict(),
            "accuracy": round(self.accuracy, 4),
            "correct": self.correct,
            "total": self.total,
            "ungraded": self.ungraded,
            "json_graded": self.json_graded,
            "mean_score": None if self.mean_score is None else round(self.mean_score, 2),
            "questions": [
                {
                    "number": r.number,
                    "question": r.question,
                    "kind": str(r.kind),
                    "difficulty": r.difficulty,
                    "verdict": str(r.verdict) if r.verdict else None,
                    "score": r.score,
                    "attempts": r.attempts,
                    "hint_used": r.hint_used,
                    "revealed": r.revealed,
                }
                for r in self.results
            ],
            "turns": [
                {
                    "number": t.number,
                    "attempt": str(t.attempt),
                    "question": t.question.text,
                    "prompt": t.prompt,
                    "answer": t.answer,
                    "verdict": str(t.grade.verdict) if t.grade.verdict else None,
                    "score": t.grade.score,
                    "feedback": t.grade.feedback,
                    "clarity": t.grade.clarity,
                    "relevance": t.grade.relevance,
                    "communication": t.grade.communication,
                    "missing": list(t.grade.missing),
                    "grade_error": t.grade.error,
                    "grader": t.grade.grader or "probe",
                    "delivery": t.delivery.to_dict() if t.delivery else None,
                    "expression": t.expression.to_dict() if t.expression else None,
                }
                for t in self.turns
            ],
            "delivery": self.delivery.to_dict() if self.delivery else None,
            "expression": self.expression.to_dict() if self.expression else None,
            "strengths": self.strengths,
            "weaknesses": self.weaknesses,
            "improvements": self.improvements,
            "since_last": list(self.since_last),
            "job_coverage": [m.to_dict() for m in self.coverage],
        }


def _results(turns: list[Turn]) -> list[QuestionResult]:
    results = []
    for group in by_question(turns):
        best = last_graded(group) or group[-1]  # as progress and the comparisons count it
        results.append(
            QuestionResult(
                number=group[0].number,
                question=group[0].question.text,
                kind=group[0].question.kind,
                difficulty=str(group[0].level),
                verdict=best.grade.verdict,
                score=best.grade.score,
                # An answer the model could not grade (it stopped) was not an attempt.
                attempts=sum(not t.grade.model_lost for t in group) or len(group),
                hint_used=any(t.hint_given for t in group),
                revealed=any(t.revealed for t in group),
                feedback=group[-1].grade.feedback,
            )
        )
    return results


MISSED_PER_QUESTION = 2


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build_report(
    profile: Profile,
    turns: list[Turn],
    *,
    earlier: Sequence[StoredSession] = (),
    grounding: Grounding | None = None,
) -> Report:
    """`earlier`: the stored sessions before this one (any role), for `since_last`;
    `grounding`: the resume and job description the interview was grounded in."""
    p = Phrases(profile.language)
    results = _results(turns)
    strengths: list[str] = []
    weaknesses: list[str] = []
    improvements: list[str] = []

    by_kind: dict[Kind, list[QuestionResult]] = defaultdict(list)
    for r in results:
        if r.verdict is not None:
            by_kind[r.kind].append(r)
    for kind, group in by_kind.items():
        right = sum(r.correct for r in group)
        share = right / len(group)
        counts = {"kind": p[f"kind_{kind}"], "correct": right, "total": len(group)}
        if share >= 0.67:
            strengths.append(p.say("strong_on", **counts))
        elif share < 0.34 and kind is not Kind.WARMUP:
            weaknesses.append(p.say("struggled_with", **counts))
    for r in results:
        if r.correct and not r.hint_used and (r.score or 0) >= 9:
            strengths.append(
                p.say("excellent_answer", number=r.number, question=_short(r.question))
            )

    # The last attempt at each question holds all the candidate said (a retry is graded with
    # the first attempt); its two weakest points are the ones the grader is surest of.
    missing_seen: set[str] = set()
    last = {turn.number: turn for turn in turns}
    for number, turn in last.items():
        if turn.grade.verdict not in (Verdict.PARTIAL, Verdict.INCORRECT):
            continue
        for note in turn.grade.missing[:MISSED_PER_QUESTION]:
            point = matching_key_point(note, turn.question.key_points)
            if point and point not in missing_seen:
                missing_seen.add(point)
                # English rubrics read as advice ("state a concrete outcome"); a translated
                # report keeps the point, spoken to "you".
                said = advice(point) if p.code == "en" else to_you(point)
                weaknesses.append(p.say("missed_point", number=number, point=_short(said, 100)))
    for r in results:
        if r.revealed:
            improvements.append(p.say("review_topic", number=r.number, question=_short(r.question)))

    answers = [t for t in turns if t.grade.available]
    short = [t for t in answers if len(words(t.answer)) < 25]
    if answers and len(short) / len(answers) >= 0.5:
        improvements.append(p["fuller_answers"])
    behavioural = [t for t in answers if t.question.kind is Kind.BEHAVIOURAL]
    if behavioural and any(t.grade.verdict is not Verdict.CORRECT for t in behavioural):
        improvements.append(p["use_star"])
    if any(r.hint_used for r in results):
        improvements.append(p["practise_hints"])
    if not strengths and results and any(r.correct for r in results):
        strengths.append(p.say("answered_correctly", count=sum(r.correct for r in results)))
    return Report(
        profile,
        results,
        list(turns),
        strengths,
        weaknesses[:8],
        improvements[:6],
        tuple(since_last(profile, turns, earlier)),
        job_coverage(grounding, turns),
    )
