"""The resume and job description an interview is grounded in: read, parsed, kept, remembered.

Both front ends call `load_grounding`. What was read is kept as text in the data dir
(`documents/`, 0600), so a later session works even when the original file has moved, and the
paths are remembered with the profile. A file that cannot be read becomes a note for the user
and the interview goes on without it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interbot_tui.backends.documents.reader import DocumentError, read_document
from interbot_tui.core.documents.facts import Grounding, JobFacts, ResumeFacts
from interbot_tui.core.documents.job import parse_job
from interbot_tui.core.documents.resume import parse_resume
from interbot_tui.core.text import clean_user_text
from interbot_tui.private_files import private_folder, write_private_text
from interbot_tui.store.sessions import Store

DOCUMENTS_DIR = "documents"
REMEMBERED_KEY = "documents"  # in the store's settings: the paths last used
MAX_PASTED_CHARS = 60_000


@dataclass(frozen=True)
class DocumentInputs:
    """What the user gave: a resume file, and a job description as a file or pasted text."""

    resume: str = ""  # a path, or ""
    job: str = ""  # a path, pasted text, or ""

    @property
    def empty(self) -> bool:
        return not self.resume.strip() and not self.job.strip()

    def to_dict(self) -> dict[str, str]:
        return {"resume": self.resume, "job": self.job}

    @classmethod
    def from_dict(cls, data: Any) -> DocumentInputs:
        if not isinstance(data, dict):
            return cls()
        return cls(resume=str(data.get("resume", "")), job=str(data.get("job", "")))


@dataclass(frozen=True)
class Loaded:
    grounding: Grounding
    summary: tuple[str, ...]  # what was read, a line each, then any notes

    @property
    def notes(self) -> tuple[str, ...]:
        return self.grounding.notes


def _looks_like_path(value: str) -> bool:
    text = value.strip()
    return "\n" not in text and len(text) < 1024 and Path(text).expanduser().suffix != ""


def _keep(data_dir: Path, name: str, text: str, source: str) -> None:
    folder = private_folder(data_dir / DOCUMENTS_DIR)
    write_private_text(folder / f"{name}.txt", text)
    meta = {"source": source, "sha256": hashlib.sha256(text.encode()).hexdigest()}
    write_private_text(folder / f"{name}.json", json.dumps(meta))


def _kept(data_dir: Path, name: str, source: str) -> str | None:
    """The text kept from `source` last time, when the file itself is gone."""
    folder = data_dir / DOCUMENTS_DIR
    try:
        meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        if meta.get("source") == source:
            return (folder / f"{name}.txt").read_text(encoding="utf-8")
    except (OSError, ValueError, AttributeError):
        pass
    return None


def _read(value: str, data_dir: Path | None, name: str, label: str) -> tuple[str, str]:
    """(text, note): the text of a file (or pasted text), or "" and why not."""
    value = value.strip()
    if not value:
        return "", ""
    if name == "job" and not _looks_like_path(value):
        text, cut = clean_user_text(value, MAX_PASTED_CHARS)
        return text, (
            f"Only the first {MAX_PASTED_CHARS:,} characters of the {label} were read."
            if cut
            else ""
        )
    path = Path(value).expanduser()
    source = str(path.resolve())
    try:
        document = read_document(path, what=label)
    except DocumentError as exc:
        kept = _kept(data_dir, name, source) if data_dir is not None and not path.exists() else None
        if kept:
            return kept, f"{path} is gone; using the copy read last time."
        said = str(exc).rstrip()
        said += "" if said.endswith((".", "!", "?")) else "."
        return "", f"{said} The interview goes on without the {label}."
    if data_dir is not None:
        try:
            _keep(data_dir, name, document.text, source)
        except OSError as exc:
            return document.text, f"Could not keep a copy of the {label}: {exc}"
    return document.text, document.note


def load_grounding(inputs: DocumentInputs, data_dir: Path | None = None) -> Loaded:
    """Read, parse and keep what `inputs` names. Never raises for a bad file: it becomes a note."""
    notes: list[str] = []
    resume: ResumeFacts | None = None
    job: JobFacts | None = None
    text, note = _read(inputs.resume, data_dir, "resume", "resume")
    if note:
        notes.append(note)
    if text:
        resume = parse_resume(text)
        if not (resume.skills or resume.claims or resume.roles):
            notes.append("Nothing in the resume looked like roles, skills or achievements.")
    text, note = _read(inputs.job, data_dir, "job", "job description")
    if note:
        notes.append(note)
    if text:
        job = parse_job(text)
        if not job.must_haves:
            notes.append("No requirements found in the job description.")
    grounding = Grounding(resume=resume, job=job, notes=tuple(notes))
    summary: list[str] = []
    if resume is not None:
        summary += resume.summary_lines()
    if job is not None:
        summary += job.summary_lines()
    gaps = grounding.gaps()
    if gaps:
        summary.append("Not on your resume: " + ", ".join(gaps))
    return Loaded(grounding, tuple(summary) + tuple(notes))


def remembered_inputs(store: Store) -> DocumentInputs:
    """The resume and job description used last time (the setup form starts with them)."""
    try:
        return DocumentInputs.from_dict(store.get_setting(REMEMBERED_KEY))
    except Exception:  # an unreadable setting is only a lost convenience
        return DocumentInputs()


def remember_inputs(store: Store, inputs: DocumentInputs) -> None:
    """Remember what was given with the profile (pasted job text too, in the history DB)."""
    job = inputs.job.strip()[:MAX_PASTED_CHARS]
    store.set_setting(REMEMBERED_KEY, DocumentInputs(inputs.resume.strip(), job).to_dict())
