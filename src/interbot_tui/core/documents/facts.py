"""The facts read from a resume and a job description, and the grounding an interview keeps.

Parsing fills these (`resume.parse_resume`, `job.parse_job`); grounded questions, persona mode
and the report read them. Everything is JSON-ready so a session can store what it was grounded in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

SUMMARY_WIDTH = 100  # characters per line of what was read, shown back to the user


def _fit(text: str, width: int = SUMMARY_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip(" ,·") + "…"


def _listed(label: str, items: tuple[str, ...], width: int = SUMMARY_WIDTH) -> str:
    """ "14 skills: Python, Kafka, …" within `width` characters."""
    line = label
    for index, item in enumerate(items):
        piece = (": " if index == 0 else ", ") + item
        rest = ", …" if index < len(items) - 1 else ""
        if len(line) + len(piece) + len(rest) > width:
            return line + (": …" if index == 0 else ", …")
        line += piece
    return line


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


@dataclass(frozen=True)
class Claim:
    """One achievement the resume states, as written (cleaned)."""

    text: str
    role: str = ""  # the position it was listed under, "" when unknown
    skills: tuple[str, ...] = ()  # canonical skill names it mentions
    has_figure: bool = False  # states a number: a percentage, a duration, a count

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "role": self.role,
            "skills": list(self.skills),
            "has_figure": self.has_figure,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            text=str(data.get("text", "")),
            role=str(data.get("role", "")),
            skills=tuple(str(s) for s in data.get("skills", ())),
            has_figure=bool(data.get("has_figure", False)),
        )


@dataclass(frozen=True)
class ResumeFacts:
    name: str = ""
    roles: tuple[str, ...] = ()  # "Senior data engineer, Acme (2021-2024)", newest first
    skills: tuple[str, ...] = ()  # canonical skill names, in order of first mention
    claims: tuple[Claim, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "roles": list(self.roles),
            "skills": list(self.skills),
            "claims": [c.to_dict() for c in self.claims],
        }

    def summary_lines(self) -> list[str]:
        """What was read, briefly: name and roles, skills, achievements."""
        head = ["Resume: " + (self.name or "no name found")]
        if self.roles:
            latest = re.sub(r"\s*\([^()]*\)\s*$", "", self.roles[0])
            head.append(f"{_plural(len(self.roles), 'role')} (latest: {latest})")
        lines = [_fit(" · ".join(head))]
        if self.skills:
            lines.append(_listed(_plural(len(self.skills), "skill"), self.skills))
        if self.claims:
            figures = sum(c.has_figure for c in self.claims)
            lines.append(f"{_plural(len(self.claims), 'achievement')}, {figures} with figures")
        if not (self.roles or self.skills or self.claims):
            lines.append("No roles, skills or achievements recognised")
        return lines

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ResumeFacts:
        return cls(
            name=str(data.get("name", "")),
            roles=tuple(str(r) for r in data.get("roles", ())),
            skills=tuple(str(s) for s in data.get("skills", ())),
            claims=tuple(Claim.from_dict(c) for c in data.get("claims", ())),
        )


@dataclass(frozen=True)
class Requirement:
    """One line of the job's requirements, with the skills it names."""

    text: str
    skills: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "skills": list(self.skills)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Requirement:
        return cls(
            text=str(data.get("text", "")), skills=tuple(str(s) for s in data.get("skills", ()))
        )


@dataclass(frozen=True)
class JobFacts:
    title: str = ""
    must_haves: tuple[Requirement, ...] = ()
    nice_to_haves: tuple[Requirement, ...] = ()

    @property
    def must_have_skills(self) -> tuple[str, ...]:
        """The skills the must-haves name, each once, in order."""
        return tuple(dict.fromkeys(s for r in self.must_haves for s in r.skills))

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "must_haves": [r.to_dict() for r in self.must_haves],
            "nice_to_haves": [r.to_dict() for r in self.nice_to_haves],
        }

    def summary_lines(self) -> list[str]:
        """What was read, briefly: the title, the must-haves and nice-to-haves with their skills."""
        counts = [_plural(len(self.must_haves), "must-have")]
        if self.nice_to_haves:
            counts.append(_plural(len(self.nice_to_haves), "nice-to-have"))
        lines = [_fit(f"Job: {self.title or 'no title found'} · " + " · ".join(counts))]
        if self.must_have_skills:
            lines.append(_listed("Must-have skills", self.must_have_skills))
        nice = tuple(dict.fromkeys(s for r in self.nice_to_haves for s in r.skills))
        if nice:
            lines.append(_listed("Nice to have", nice))
        return lines

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobFacts:
        return cls(
            title=str(data.get("title", "")),
            must_haves=tuple(Requirement.from_dict(r) for r in data.get("must_haves", ())),
            nice_to_haves=tuple(Requirement.from_dict(r) for r in data.get("nice_to_haves", ())),
        )


@dataclass(frozen=True)
class Grounding:
    """What an interview was grounded in; stored with the session for the report."""

    resume: ResumeFacts | None = None
    job: JobFacts | None = None
    notes: tuple[str, ...] = field(default=())  # what could not be read, said to the user

    @property
    def empty(self) -> bool:
        return self.resume is None and self.job is None

    def gaps(self) -> tuple[str, ...]:
        """The job's must-have skills the resume does not mention."""
        if self.job is None or self.resume is None:
            return ()
        have = {s.lower() for s in self.resume.skills}
        return tuple(s for s in self.job.must_have_skills if s.lower() not in have)

    def summary_lines(self) -> list[str]:
        """The resume's and the job's summaries, the gaps between them, and what went unread."""
        lines = self.resume.summary_lines() if self.resume else []
        lines += self.job.summary_lines() if self.job else []
        if self.gaps():
            lines.append(_listed("Not on your resume", self.gaps()))
        return lines + [_fit(note) for note in self.notes]

    def to_dict(self) -> dict[str, Any]:
        return {
            "resume": self.resume.to_dict() if self.resume else None,
            "job": self.job.to_dict() if self.job else None,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Grounding:
        resume, job = data.get("resume"), data.get("job")
        return cls(
            resume=ResumeFacts.from_dict(resume) if isinstance(resume, dict) else None,
            job=JobFacts.from_dict(job) if isinstance(job, dict) else None,
            notes=tuple(str(n) for n in data.get("notes", ())),
        )
