"""Which of the job's must-haves an interview covered, and how the answers about them went."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from interbot_tui.core.documents.facts import Grounding
from interbot_tui.core.documents.skills import mentions
from interbot_tui.core.interview.turn import Turn, by_question, last_graded
from interbot_tui.core.questions.question import Question


@dataclass(frozen=True)
class Asked:
    number: int
    verdict: str | None  # None: not graded
    score: int | None


@dataclass(frozen=True)
class MustHave:
    skill: str
    on_resume: bool
    asked: tuple[Asked, ...]  # the questions about it, in order; empty: not covered

    def line(self) -> str:
        """ "Apache Iceberg (not on your resume): question 5, partial 5/10" """
        name = self.skill if self.on_resume else f"{self.skill} (not on your resume)"
        if not self.asked:
            return f"{name}: not asked"
        parts = []
        for a in self.asked:
            how = "not graded" if a.verdict is None else f"{a.verdict} {a.score}/10"
            parts.append(f"question {a.number}, {how}")
        return f"{name}: " + "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "on_resume": self.on_resume,
            "asked": [
                {"number": a.number, "verdict": a.verdict, "score": a.score} for a in self.asked
            ],
        }


def _about(question: Question, skill: str) -> bool:
    if question.extra.get("skill") == skill or skill in question.extra.get("skills", ()):
        return True
    return mentions(question.text, skill) or any(mentions(t, skill) for t in question.terms)


def job_coverage(grounding: Grounding | None, turns: Iterable[Turn]) -> tuple[MustHave, ...]:
    """One line per must-have skill of the job; () when the interview had no job description."""
    if grounding is None or grounding.job is None:
        return ()
    gaps = set(grounding.gaps())
    groups = by_question(turns)
    covered = []
    for skill in grounding.job.must_have_skills:
        asked = []
        for group in groups:
            if not _about(group[0].question, skill):
                continue
            turn = last_graded(group)
            if turn is None or turn.grade.verdict is None:
                asked.append(Asked(group[0].number, None, None))
            else:
                asked.append(Asked(group[0].number, str(turn.grade.verdict), turn.grade.score))
        covered.append(MustHave(skill, skill not in gaps, tuple(asked)))
    return tuple(covered)
