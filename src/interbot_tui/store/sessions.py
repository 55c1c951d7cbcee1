"""Sessions and turns: write as the interview goes, read for history and reports."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interbot_tui.core.documents.facts import Grounding
from interbot_tui.core.interview.plan import (
    Interrupted,
    SessionKind,
    Slot,
    plan_from_data,
    plan_to_data,
)
from interbot_tui.core.interview.turn import Turn
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.question import Question
from interbot_tui.core.reporting.report import Report, build_report
from interbot_tui.private_files import touch_private
from interbot_tui.store.opening import OpeningError, open_history
from interbot_tui.store.pending import PendingWrites, Write
from interbot_tui.store.schema import Upgrade

DB_NAME = "history.sqlite3"
RECENT_SESSIONS = 3  # a new interview avoids the questions of this many latest sessions


class StoreError(RuntimeError):
    """The history database cannot be used; the message says what to do."""


@dataclass(frozen=True)
class SessionSummary:
    id: int
    started_at: float
    ended_at: float | None
    role: str
    topic: str
    status: str
    questions: int
    correct: int
    kind: str = "interview"

    @property
    def label(self) -> str:
        """The status as history shows it, with the kind when it is not a plain interview."""
        return self.status if self.kind == "interview" else f"{self.status} · {self.kind}"

    @property
    def accuracy(self) -> float | None:
        if self.kind == "persona":  # a conversation: nothing is graded
            return None
        return self.correct / self.questions if self.questions else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(self.started_at)),
            "role": self.role,
            "topic": self.topic,
            "status": self.status,
            "kind": self.kind,
            "questions": self.questions,
            "correct": self.correct,
            "accuracy": None if self.accuracy is None else round(self.accuracy, 4),
        }


class Store:
    """The history database in the user's data dir."""

    def __init__(
        self,
        data_dir: Path,
        *,
        upgrades: list[Upgrade] | None = None,
        warn: Callable[[str], object] | None = None,
    ) -> None:
        """Open (or create) the history. `notice` is what a front end should tell the user
        (a damaged file was kept aside and a fresh history started), "" when nothing; `warn`,
        when given, is called with it."""
        self.path = data_dir / DB_NAME
        try:
            self.db, self.notice = open_history(self.path, upgrades)
        except OpeningError as exc:
            raise StoreError(str(exc)) from exc
        if self.notice and warn is not None:
            warn(self.notice)
        # A session's writes, kept in memory while the disk is full or the folder read-only.
        self.pending = PendingWrites(self.db, data_dir)
        for sidecar in ("-wal", "-shm"):
            extra = self.path.with_name(self.path.name + sidecar)
            if extra.exists():  # SQLite creates them with the umask's mode
                touch_private(extra)

    def close(self) -> None:
        """Close the history, writing first what was kept in memory if it now can be."""
        with contextlib.suppress(Exception):  # the front end said at the end what is unsaved
            self.flush()
        self.db.close()

    def flush(self) -> int:
        """Write the session writes kept in memory (a full disk, a read-only folder), in order:
        on finishing and on exporting a report. Returns how many answers that saved; raises
        SavingPaused (from core.ports) when it still cannot."""
        return self.pending.flush()

    @property
    def unsaved_answers(self) -> int:
        """Answers kept in memory because the history could not be written."""
        return self.pending.unsaved_answers

    def _write(self, sql: str, params: tuple[Any, ...]) -> int:
        try:
            with self.db:
                cursor = self.db.execute(sql, params)
            return int(cursor.lastrowid or 0)
        except sqlite3.Error as exc:
            raise StoreError(
                f"could not save to {self.path}: {exc}. Free some disk space; the interview "
                "goes on and earlier answers are safe."
            ) from exc

    # --- settings -----------------------------------------------------------------------------

    def get_setting(self, key: str) -> Any:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_setting(self, key: str, value: Any) -> None:
        self._write(
            "INSERT INTO settings(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )

    def last_profile(self) -> Profile | None:
        data = self.get_setting("last_profile")
        try:
            return Profile.from_dict(data) if isinstance(data, dict) else None
        except (ValueError, TypeError):
            return None

    def remember_profile(self, profile: Profile) -> None:
        self.set_setting("last_profile", profile.to_dict())

    # --- sessions -----------------------------------------------------------------------------

    def start_session(
        self,
        profile: Profile,
        model: str = "",
        *,
        kind: SessionKind = SessionKind.INTERVIEW,
        plan: list[Slot] | None = None,
        grounding: Grounding | None = None,
    ) -> SessionRecorder:
        session_id = self._write(
            "INSERT INTO sessions(started_at, profile, model, kind, plan, grounding) "
            "VALUES(?, ?, ?, ?, ?, ?)",
            (
                time.time(),
                json.dumps(profile.to_dict()),
                model,
                str(kind),
                None if plan is None else json.dumps(plan_to_data(plan)),
                None if grounding is None else json.dumps(grounding.to_dict()),
            ),
        )
        return SessionRecorder(self, session_id)

    def continue_session(self, session_id: int) -> SessionRecorder:
        """The recorder of an interrupted session, to record the rest of it."""
        return SessionRecorder(self, session_id)

    def interrupted(self, session_id: int | None = None) -> Interrupted:
        """An interrupted session (the latest one by default), read back to be continued.
        Raises StoreError, saying what to do, when there is none or it already finished."""
        if session_id is None:
            row = self.db.execute(
                "SELECT id FROM sessions WHERE status != 'finished' AND ended_at IS NULL "
                "AND kind != 'persona' ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is None:
                raise StoreError("no interrupted interview to resume; `interbot history` lists all")
            session_id = int(row[0])
        row = self.db.execute(
            "SELECT profile, status, ended_at, kind, plan, grounding FROM sessions WHERE id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no session {session_id}; `interbot history` lists them")
        profile_json, status, ended_at, kind, plan_json, grounding_json = row
        if kind == "persona":
            raise StoreError(
                f"session {session_id} is a persona conversation: nothing to resume. "
                f"`interbot report {session_id}` shows it"
            )
        if status == "finished" or ended_at is not None:
            raise StoreError(
                f"session {session_id} is finished: nothing to resume. "
                f"`interbot retry {session_id} N` answers one of its questions again"
            )
        try:
            plan = plan_from_data(json.loads(plan_json)) if plan_json else []
            asked = [
                Question.from_dict(json.loads(data))
                for (data,) in self.db.execute(
                    "SELECT data FROM questions WHERE session_id = ? ORDER BY number",
                    (session_id,),
                )
            ]
            profile = Profile.from_dict(json.loads(profile_json))
            session_kind = SessionKind(kind)
            grounding = _grounding(grounding_json)
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"session {session_id} cannot be resumed: {exc}") from exc
        return Interrupted(
            session_id=session_id,
            profile=profile,
            kind=session_kind,
            plan=tuple(plan),
            asked=tuple(asked),
            turns=tuple(self.turns(session_id)),
            grounding=grounding,
        )

    def attempt_links(self) -> dict[int, list[dict[str, int]]]:
        """Per session, its turns that repeat a question of an earlier session: the turn's
        question number and the session and question number it repeats."""
        rows = self.db.execute(
            """SELECT t.session_id, t.number, p.session_id, p.number
               FROM turns t JOIN turns p ON p.id = t.repeat_of
               ORDER BY t.session_id, t.id"""
        ).fetchall()
        links: dict[int, list[dict[str, int]]] = {}
        for sid, number, earlier_sid, earlier_number in rows:
            entry = {
                "number": number,
                "repeats_session": earlier_sid,
                "repeats_number": earlier_number,
            }
            if entry not in links.setdefault(sid, []):
                links[sid].append(entry)
        return links

    def sessions(self) -> list[SessionSummary]:
        rows = self.db.execute(
            """SELECT s.id, s.started_at, s.ended_at, s.profile, s.status, s.kind,
                      COUNT(DISTINCT t.number)
                      + (SELECT COUNT(*) FROM persona_turns WHERE session_id = s.id),
                      (SELECT COUNT(DISTINCT number) FROM turns
                        WHERE session_id = s.id AND verdict = 'correct')
               FROM sessions s LEFT JOIN turns t ON t.session_id = s.id
               GROUP BY s.id ORDER BY s.id"""
        ).fetchall()
        out = []
        for sid, started, ended, profile, status, kind, questions, correct in rows:
            p = json.loads(profile)
            out.append(
                SessionSummary(
                    sid,
                    started,
                    ended,
                    p.get("role", ""),
                    p.get("topic", ""),
                    status if status == "finished" else "interrupted" if ended is None else status,
                    questions,
                    correct,
                    kind,
                )
            )
        return out

    def recent_question_ids(self, sessions: int = RECENT_SESSIONS) -> list[str]:
        """The ids of the questions asked in the last `sessions` sessions, which a new
        interview avoids while the banks have others."""
        try:
            rows = self.db.execute(
                """SELECT DISTINCT question_id FROM turns WHERE session_id IN
                   (SELECT id FROM sessions WHERE kind != 'persona' ORDER BY id DESC LIMIT ?)""",
                (sessions,),
            ).fetchall()
        except sqlite3.Error:  # only a preference: an unreadable history must not stop practice
            return []
        return [str(r[0]) for r in rows]

    def turns(self, session_id: int) -> list[Turn]:
        rows = self.db.execute(
            "SELECT data FROM turns WHERE session_id = ? ORDER BY id", (session_id,)
        ).fetchall()
        return [Turn.from_dict(json.loads(r[0])) for r in rows]

    def report(self, session_id: int) -> tuple[Report, dict[str, Any]]:
        """Rebuild a session's report from its stored turns; meta has id, started, model."""
        row = self.db.execute(
            "SELECT profile, started_at, ended_at, model, status, grounding, kind FROM sessions "
            "WHERE id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no session {session_id}; `interbot history` lists them")
        if row[6] == "persona":
            raise StoreError(
                f"session {session_id} is a persona conversation, not an interview: "
                f"`interbot report {session_id}` exports it"
            )
        profile = Profile.from_dict(json.loads(row[0]))
        meta = {
            "session": session_id,
            "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(row[1])),
            "model": row[3],
            "status": row[4],
        }
        from interbot_tui.store.progress import stored_sessions  # it imports this module

        earlier = [s for s in stored_sessions(self) if s.id < session_id]
        turns = self.turns(session_id)
        return build_report(profile, turns, earlier=earlier, grounding=_grounding(row[5])), meta


def _grounding(data: str | None) -> Grounding | None:
    """A stored grounding; None when there is none or it cannot be read (the report goes on
    without the job's must-haves rather than failing)."""
    if not data:
        return None
    try:
        loaded = json.loads(data)
        return Grounding.from_dict(loaded) if isinstance(loaded, dict) else None
    except (ValueError, TypeError, AttributeError):
        return None


class SessionRecorder:
    """The engine's Recorder for one session: each turn is committed before the next question.

    When the history cannot be written (a full disk, a read-only folder), the writes are kept
    in memory in order (the store's `pending`) and written before the next one that can be:
    each method then raises SavingPaused, or returns how many kept answers it wrote once
    saving works again (None when nothing was waiting). Every write is idempotent, so a retry
    after a commit that failed half-way never stores a turn twice."""

    def __init__(self, store: Store, session_id: int) -> None:
        self.store = store
        self.session_id = session_id

    @property
    def unsaved_answers(self) -> int:
        return self.store.unsaved_answers

    def _submit(self, write: Write) -> int | None:
        try:
            return self.store.pending.submit(write)
        except sqlite3.Error as exc:  # one that will never succeed: dropped, said as before
            raise StoreError(f"could not save to {self.store.path}: {exc}") from exc

    def record_question(self, number: int, question: Question) -> int | None:
        """The question as asked, before any answer: a session killed now resumes with it."""
        return self._submit(
            Write(
                "INSERT OR REPLACE INTO questions(session_id, number, data, asked_at) "
                "VALUES(?, ?, ?, ?)",
                (self.session_id, number, json.dumps(question.to_dict()), time.time()),
            )
        )

    def record_turn(self, turn: Turn) -> int | None:
        data = json.dumps(turn.to_dict())
        # Guarded: a retry of a commit that reached the file after all adds nothing.
        return self._submit(
            Write(
                """INSERT INTO turns(session_id, number, attempt, question_id, question_text,
                                     answer, verdict, score, data, created_at, repeat_of)
                   SELECT ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
                          (SELECT MAX(id) FROM turns WHERE question_id = ?5 AND session_id < ?2)
                   WHERE NOT EXISTS (SELECT 1 FROM turns
                                      WHERE id > ?1 AND session_id = ?2 AND number = ?3
                                        AND data = ?10)""",
                (
                    self.session_id,
                    turn.number,
                    str(turn.attempt),
                    turn.question.id,
                    turn.question.text,
                    turn.answer,
                    str(turn.grade.verdict) if turn.grade.verdict else None,
                    turn.grade.score,
                    data,
                    turn.at or time.time(),
                ),
                answers=1,
                floor_of="turns",
            )
        )

    def record_finish(self, report: Report) -> int | None:
        """The session's end; first writes anything kept in memory, in order."""
        return self._submit(
            Write(
                "UPDATE sessions SET ended_at = ?, status = 'finished', correct = ?, total = ? "
                "WHERE id = ?",
                (time.time(), report.correct, report.total, self.session_id),
            )
        )
