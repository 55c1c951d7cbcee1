"""What the candidate misses most: key points, questions, domains and STAR parts.

Each question's last graded attempt in each session counts once. Ordered by how often it was
missed, then the most recently missed first, then by name (so the order is stable).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from interbot_tui.core.grading.star import Star
from interbot_tui.core.progress.key_points import missed_key_points
from interbot_tui.core.progress.session_point import SessionPoint, iso


@dataclass
class _Tally:
    missed: int = 0
    asked: int = 0
    last_missed: float = 0.0
    last_asked: float = 0.0
    info: dict[str, str] = field(default_factory=dict)

    def count(self, at: float, missed: bool) -> None:
        self.asked += 1
        self.last_asked = max(self.last_asked, at)
        if missed:
            self.missed += 1
            self.last_missed = max(self.last_missed, at)


@dataclass(frozen=True)
class Missed:
    """One weak area. `name` is the key point, question text, domain or STAR part."""

    kind: str  # key_point | question | domain | star_part
    name: str
    missed: int
    asked: int
    last_missed: float
    right_since: bool  # asked again after the last miss and got right (questions only)
    question_id: str = ""
    question: str = ""  # the question a key point belongs to
    domain: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "missed": self.missed,
            "asked": self.asked,
            "last_missed": iso(self.last_missed),
        }
        if self.kind == "question":
            data["right_since"] = self.right_since
        if self.question_id:
            data["question_id"] = self.question_id
        if self.question and self.kind == "key_point":
            data["question"] = self.question
        if self.domain and self.kind != "domain":
            data["domain"] = self.domain
        return data


@dataclass(frozen=True)
class WeakAreas:
    key_points: list[Missed]
    questions: list[Missed]
    domains: list[Missed]
    star_parts: list[Missed]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key_points": [m.to_dict() for m in self.key_points],
            "questions": [m.to_dict() for m in self.questions],
            "domains": [m.to_dict() for m in self.domains],
            "star_parts": [m.to_dict() for m in self.star_parts],
        }


def _ranked(kind: str, tallies: dict[str, _Tally], right_since: bool = False) -> list[Missed]:
    found = [
        Missed(
            kind=kind,
            name=t.info.get("name", key),
            missed=t.missed,
            asked=t.asked,
            last_missed=t.last_missed,
            right_since=right_since and t.last_asked > t.last_missed and t.info["last"] == "right",
            question_id=t.info.get("question_id", ""),
            question=t.info.get("question", ""),
            domain=t.info.get("domain", ""),
        )
        for key, t in tallies.items()
        if t.missed
    ]
    return sorted(found, key=lambda m: (-m.missed, -m.last_missed, m.name))


def weak_areas(points: Sequence[SessionPoint]) -> WeakAreas:
    points_t: dict[str, _Tally] = {}
    questions: dict[str, _Tally] = {}
    domains: dict[str, _Tally] = {}
    star: dict[str, _Tally] = {}

    def tally(table: dict[str, _Tally], key: str) -> _Tally:
        return table.setdefault(key, _Tally())

    ordered: Iterable[SessionPoint] = sorted(points, key=lambda p: (p.started_at, p.id))
    for point in ordered:
        for o in point.outcomes:
            if o.last is None:
                continue
            q = o.question
            info = {"question_id": q.id, "question": q.text, "domain": q.domain}
            entry = tally(questions, q.id)
            entry.count(o.at, not o.correct)
            entry.info |= {**info, "name": q.text, "last": "right" if o.correct else "missed"}
            tally(domains, q.domain).count(o.at, not o.correct)
            missed = missed_key_points(o.last.grade.missing, q.key_points)
            for kp in q.key_points:
                entry = tally(points_t, f"{q.id}\0{kp}")
                entry.count(o.at, kp in missed)
                entry.info |= {**info, "name": kp}
            lacking = o.star_missing
            if lacking is not None:
                for part in Star:
                    tally(star, part.value).count(o.at, part in lacking)
    return WeakAreas(
        key_points=_ranked("key_point", points_t),
        questions=_ranked("question", questions, right_since=True),
        domains=_ranked("domain", domains),
        star_parts=_ranked("star_part", star),
    )
