"""A stored persona conversation, and its export as Markdown, JSON or HTML."""

from __future__ import annotations

import html
import json
import time
from dataclasses import dataclass
from typing import Any

FORMATS = ("md", "json", "html")
SOURCE_WORDS = {"prepared": "prepared answer", "cache": "asked before", "model": "model"}


@dataclass(frozen=True)
class StoredExchange:
    number: int
    question: str
    answer: str
    source: str  # prepared | cache | model
    seconds: float
    at: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "question": self.question,
            "answer": self.answer,
            "source": self.source,
            "seconds": round(self.seconds, 3),
            "at": _when(self.at),
        }


@dataclass(frozen=True)
class PersonaTranscript:
    session_id: int
    name: str
    started_at: float
    ended_at: float | None
    status: str  # finished | interrupted
    model: str
    exchanges: tuple[StoredExchange, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "session": self.session_id,
            "kind": "persona",
            "name": self.name,
            "started": _when(self.started_at),
            "ended": None if self.ended_at is None else _when(self.ended_at),
            "status": self.status,
            "model": self.model,
            "exchanges": [e.to_dict() for e in self.exchanges],
        }


def _when(at: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(at))


def _counts(transcript: PersonaTranscript) -> str:
    by_source = {s: 0 for s in SOURCE_WORDS}
    for exchange in transcript.exchanges:
        by_source[exchange.source] = by_source.get(exchange.source, 0) + 1
    said = ", ".join(f"{n} {SOURCE_WORDS.get(s, s)}" for s, n in by_source.items() if n)
    total = len(transcript.exchanges)
    return f"{total} question{'s' if total != 1 else ''}" + (f" ({said})" if said else "")


def transcript_markdown(transcript: PersonaTranscript) -> str:
    who = transcript.name or "the candidate"
    lines = [
        f"# Persona conversation: {who}",
        "",
        f"Session {transcript.session_id} · {_when(transcript.started_at).replace('T', ' ')} · "
        f"{transcript.status} · {_counts(transcript)}"
        + (f" · model {transcript.model}" if transcript.model else ""),
    ]
    for e in transcript.exchanges:
        lines += [
            "",
            f"**Q{e.number}. {e.question}**",
            "",
            e.answer,
            "",
            f"*{SOURCE_WORDS.get(e.source, e.source)}, {e.seconds:.2f} s*",
        ]
    if not transcript.exchanges:
        lines += ["", "No questions were asked."]
    return "\n".join(lines) + "\n"


def transcript_html(transcript: PersonaTranscript) -> str:
    who = html.escape(transcript.name or "the candidate")
    rows = [
        f"<h2>Q{e.number}. {html.escape(e.question)}</h2>\n<p>{html.escape(e.answer)}</p>\n"
        f"<p><small>{SOURCE_WORDS.get(e.source, e.source)}, {e.seconds:.2f} s</small></p>"
        for e in transcript.exchanges
    ]
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Persona conversation: {who}</title></head><body>\n"
        f"<h1>Persona conversation: {who}</h1>\n<p>Session {transcript.session_id} · "
        f"{html.escape(_counts(transcript))}</p>\n" + "\n".join(rows) + "\n</body></html>\n"
    )


def render_transcript(transcript: PersonaTranscript, fmt: str) -> str:
    """The conversation as `fmt`: md, json or html."""
    if fmt == "md":
        return transcript_markdown(transcript)
    if fmt == "json":
        return json.dumps(transcript.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "html":
        return transcript_html(transcript)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
