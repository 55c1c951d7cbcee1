"""Every session with its turns, in one query, as the plain data `core.progress` works on."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from interbot_tui.core.interview.turn import Turn
from interbot_tui.core.progress import StoredSession

if TYPE_CHECKING:
    from interbot_tui.store.sessions import Store


def stored_sessions(store: Store) -> list[StoredSession]:
    """All interview sessions (not persona conversations) in id order, each with its turns in
    the order they were answered. A turn row that no longer reads (hand-edited, or from a newer
    interbot) is skipped."""
    rows = store.db.execute(
        """SELECT s.id, s.started_at, s.ended_at, s.profile, s.status, t.data
           FROM sessions s LEFT JOIN turns t ON t.session_id = s.id
           WHERE s.kind != 'persona'
           ORDER BY s.id, t.id"""
    ).fetchall()
    sessions: dict[int, tuple[tuple[float, float | None, str, str], list[Turn]]] = {}
    for sid, started, ended, profile, status, data in rows:
        _, turns = sessions.setdefault(sid, ((started, ended, profile, status), []))
        if data is None:
            continue
        try:
            turns.append(Turn.from_dict(json.loads(data)))
        except (ValueError, KeyError, TypeError):
            continue
    out = []
    for sid, ((started, ended, profile, status), turns) in sessions.items():
        p = json.loads(profile)
        out.append(
            StoredSession(
                id=sid,
                started_at=started,
                role=str(p.get("role", "")),
                # As `Store.sessions` says it: never finished and never ended is interrupted.
                status=status
                if status == "finished"
                else "interrupted"
                if ended is None
                else status,
                turns=tuple(turns),
                topic=str(p.get("topic", "")),
            )
        )
    return out
