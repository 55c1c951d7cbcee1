"""Persona conversations in the history: a session of kind 'persona', each exchange committed
as it happens (a crash loses nothing said), read back for `interbot report`."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

from interbot_tui.core.persona.reply import PersonaReply
from interbot_tui.core.persona.transcript import PersonaTranscript, StoredExchange
from interbot_tui.core.profile import Profile

if TYPE_CHECKING:
    from interbot_tui.store.sessions import Store

PERSONA_KIND = "persona"
PERSONA_ROLE = "Persona"


class PersonaRecorder:
    """Writes one persona conversation: its exchanges, the model once known, its end."""

    def __init__(self, store: Store, session_id: int) -> None:
        self.store = store
        self.session_id = session_id

    def record(self, number: int, question: str, reply: PersonaReply) -> None:
        self.store._write(
            "INSERT OR REPLACE INTO persona_turns(session_id, number, question, answer, source, "
            "seconds, created_at) VALUES(?, ?, ?, ?, ?, ?, ?)",
            (
                self.session_id,
                number,
                question,
                reply.text,
                reply.source,
                reply.seconds,
                time.time(),
            ),
        )

    def model_used(self, name: str) -> None:
        self.store._write("UPDATE sessions SET model = ? WHERE id = ?", (name, self.session_id))

    def finish(self) -> None:
        self.store._write(
            "UPDATE sessions SET ended_at = ?, status = 'finished', total = "
            "(SELECT COUNT(*) FROM persona_turns WHERE session_id = ?) WHERE id = ?",
            (time.time(), self.session_id, self.session_id),
        )


def start_persona(store: Store, name: str, model: str = "") -> PersonaRecorder:
    """A new persona session row (active until `finish`)."""
    profile = Profile(name=name.strip()[:200], role=PERSONA_ROLE)
    session_id = store._write(
        "INSERT INTO sessions(started_at, profile, model, kind) VALUES(?, ?, ?, ?)",
        (time.time(), json.dumps(profile.to_dict()), model, PERSONA_KIND),
    )
    return PersonaRecorder(store, session_id)


def persona_transcript(store: Store, session_id: int) -> PersonaTranscript | None:
    """The conversation of persona session `session_id`; None when that session is not a
    persona one (or does not exist: `Store.report` says so)."""
    row = store.db.execute(
        "SELECT profile, started_at, ended_at, status, model FROM sessions "
        "WHERE id = ? AND kind = ?",
        (session_id, PERSONA_KIND),
    ).fetchone()
    if row is None:
        return None
    profile, started, ended, status, model = row
    try:
        name = str(json.loads(profile).get("name", ""))
    except (ValueError, AttributeError):
        name = ""
    exchanges = tuple(
        StoredExchange(int(n), str(q), str(a), str(s), float(sec), float(at))
        for n, q, a, s, sec, at in store.db.execute(
            "SELECT number, question, answer, source, seconds, created_at FROM persona_turns "
            "WHERE session_id = ? ORDER BY number",
            (session_id,),
        )
    )
    return PersonaTranscript(
        session_id=session_id,
        name=name,
        started_at=float(started),
        ended_at=None if ended is None else float(ended),
        status="finished" if status == "finished" else "interrupted",
        model=str(model or ""),
        exchanges=exchanges,
    )
