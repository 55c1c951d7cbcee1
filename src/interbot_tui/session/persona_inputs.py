"""Persona mode's files read into a `PersonaSetup`: the resume (PDF, DOCX, Markdown, text), the
prepared answers (CSV) and an optional system prompt file. What cannot be used raises
PersonaInputError with one message that says which file and what to do."""

from __future__ import annotations

from pathlib import Path

from interbot_tui.backends.documents.reader import DocumentError, read_document
from interbot_tui.core.persona.prepared import PreparedAnswers, PreparedError, load_prepared
from interbot_tui.session.persona_session import PersonaSetup

MAX_PROMPT_CHARS = 20_000


class PersonaInputError(ValueError):
    """A persona file that cannot be used; the message says which and what to do."""


def read_system_prompt(path: Path) -> str:
    """The text of a system prompt file (UTF-8). Raises PersonaInputError."""
    path = Path(path).expanduser()
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "does not exist"
        raise PersonaInputError(
            f"--system-prompt {path} {what}: give a text file with the instructions"
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PersonaInputError(
            f"--system-prompt {path} is not UTF-8 text: save it as plain text (UTF-8)"
        ) from exc
    except OSError as exc:
        raise PersonaInputError(
            f"--system-prompt {path} cannot be read ({exc.strerror or exc}): make it readable"
        ) from exc
    text = text.strip()
    if not text:
        raise PersonaInputError(
            f"--system-prompt {path} is empty: write the instructions in it, or leave the "
            "option out for the default ones"
        )
    if len(text) > MAX_PROMPT_CHARS:
        raise PersonaInputError(
            f"--system-prompt {path} has {len(text):,} characters; the limit is "
            f"{MAX_PROMPT_CHARS:,}: keep the instructions short, the resume goes in --resume"
        )
    return text


def read_persona_setup(
    resume: Path,
    *,
    qa: Path | None = None,
    system_prompt: Path | None = None,
    name: str = "",
) -> PersonaSetup:
    """Read and check every file before anything starts. Raises PersonaInputError."""
    try:
        document = read_document(Path(resume), what="resume")
    except DocumentError as exc:
        raise PersonaInputError(str(exc)) from exc
    prepared: PreparedAnswers | None = None
    if qa is not None:
        try:
            prepared = load_prepared(Path(qa))
        except PreparedError as exc:
            raise PersonaInputError(str(exc)) from exc
    prompt = read_system_prompt(system_prompt) if system_prompt is not None else None
    notes = tuple(n for n in (document.note, *(prepared.notes if prepared else ())) if n)
    return PersonaSetup(
        resume_text=document.text,
        name=" ".join(name.split())[:200],
        prepared=prepared,
        system_prompt=prompt,
        notes=notes,
    )
