"""`interbot forget`: delete sessions with their turns, kept recordings and exports, and leave
no trace of them in the database file.

What is tied to a session, and so removed with it:
- its rows (turns, then the session; tables that reference sessions ON DELETE CASCADE follow);
- its recordings: each turn's `audio` (a name relative to the data dir, written by
  `backends.stt.files.keep_recording` as recordings/session<ID>-q<N>-<stamp>.wav), and any file
  of that name pattern whose turn was never stored (a crash mid-answer);
- its exports: exports/session-<ID>.* (the report screen writes session-<ID>.md).
`--all` removes the whole recordings/ and exports/ folders, including what cannot be tied to a
session (exports/report.md, recordings/session0-…). Files written elsewhere with
`interbot report -o FILE` are the user's own and are not touched. The remembered setup profile
(settings table) is not session data and stays.

Then: `secure_delete` zeroes freed pages, the WAL is checkpointed and truncated, `VACUUM`
rewrites the file, and a second checkpoint empties the WAL the vacuum wrote through.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interbot_tui.backends.stt.files import AUDIO_DIR as RECORDINGS_DIR
from interbot_tui.store.sessions import Store, StoreError

EXPORTS_DIR = "exports"  # where the report screen's export writes


@dataclass(frozen=True)
class Forgotten:
    sessions: list[int]
    turns: int
    recordings: list[str] = field(default_factory=list)  # names relative to the data dir
    exports: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sessions": self.sessions,
            "turns": self.turns,
            "recordings": self.recordings,
            "exports": self.exports,
        }


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _remove_files(data_dir: Path, names: set[str]) -> list[str]:
    """Delete these files (names relative to the data dir, never outside it)."""
    removed = []
    for name in sorted(names):
        path = data_dir / name
        if _inside(path, data_dir) and path.is_file():
            path.unlink()
            removed.append(name)
    return removed


def _remove_folder(data_dir: Path, name: str) -> list[str]:
    folder = data_dir / name
    if not folder.is_dir():
        return []
    files = sorted(str(p.relative_to(data_dir)) for p in folder.rglob("*") if p.is_file())
    shutil.rmtree(folder)
    return files


def _session_files(data_dir: Path, session_id: int, audio: set[str]) -> tuple[set[str], set[str]]:
    recordings = set(audio)
    for path in (data_dir / RECORDINGS_DIR).glob(f"session{session_id}-q*.wav"):
        recordings.add(str(path.relative_to(data_dir)))
    exports = {
        str(p.relative_to(data_dir))
        for p in (data_dir / EXPORTS_DIR).glob(f"session-{session_id}.*")
    }
    return recordings, exports


def scrub(store: Store) -> None:
    """Rewrite the database so deleted rows are gone from the file and its WAL."""
    db = store.db
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def forget(store: Store, session_id: int | None) -> Forgotten:
    """Forget one session (`session_id`), or every session (None)."""
    data_dir = store.path.parent
    db = store.db
    if session_id is None:
        ids = [int(r[0]) for r in db.execute("SELECT id FROM sessions ORDER BY id")]
    elif db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone():
        ids = [session_id]
    else:
        raise StoreError(f"no session {session_id}; `interbot history` lists them")
    marks = ",".join("?" * len(ids))
    audio: set[str] = set()
    rows = db.execute(f"SELECT data FROM turns WHERE session_id IN ({marks})", ids).fetchall()
    for (data,) in rows:
        try:
            name = json.loads(data).get("audio") or ""
        except (ValueError, AttributeError):
            name = ""
        if name:
            audio.add(str(name))
    try:
        db.execute("PRAGMA secure_delete = ON")
        with db:
            db.execute(f"DELETE FROM turns WHERE session_id IN ({marks})", ids)
            db.execute(f"DELETE FROM sessions WHERE id IN ({marks})", ids)
        scrub(store)
    except (sqlite3.Error, OSError) as exc:  # VACUUM needs room for a copy of the file
        raise StoreError(f"could not forget in {store.path}: {exc}") from exc
    if session_id is None:
        recordings = sorted(
            {*_remove_files(data_dir, audio), *_remove_folder(data_dir, RECORDINGS_DIR)}
        )
        exports = _remove_folder(data_dir, EXPORTS_DIR)
    else:
        tied_audio, tied_exports = _session_files(data_dir, session_id, audio)
        recordings = _remove_files(data_dir, tied_audio)
        exports = _remove_files(data_dir, tied_exports)
    return Forgotten(ids, len(rows), recordings, exports)
