"""The history database: SQLite's quick check, read-only; nothing is created or changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from interbot_tui.doctor.check import Check, one_line

NAME = "history database"
BUSY_TIMEOUT_S = 2.0  # how long to wait for an interbot writing to it


def check_history(data_dir: Path) -> Check:
    from interbot_tui.store.opening import is_damage
    from interbot_tui.store.sessions import DB_NAME

    path = data_dir / DB_NAME
    if not path.exists():
        return Check(NAME, True, f"{path} not created yet: the first interview makes it")
    try:
        problems, version = _quick_check(path)
    except sqlite3.Error as exc:
        if not is_damage(exc):
            return Check(
                NAME,
                False,
                one_line(f"{path} cannot be read ({exc})"),
                f"`chmod 600 {path}`, close other programs using it, or choose another folder "
                "with `--data-dir DIR`",
            )
        problems, version = [str(exc)], 0
    if problems == ["ok"]:
        return Check(NAME, True, f"{path} (quick check ok, schema version {version})")
    return Check(
        NAME,
        False,
        one_line(f"{path} is damaged: {'; '.join(problems)}"),
        "the next `interbot` start keeps it aside as history.sqlite3.damaged-<time> and starts "
        f"a fresh history; to try to save earlier interviews first: `sqlite3 {path} .recover "
        "| sqlite3 recovered.sqlite3`",
    )


def _quick_check(path: Path) -> tuple[list[str], int]:
    """SQLite's quick check and the schema version, read-only. A WAL database with no -wal
    beside it (no interbot has it open) is read `immutable`, or SQLite would leave a -wal and
    a -shm behind."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if _is_wal(path) and not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        problems = [str(row[0]) for row in db.execute("PRAGMA quick_check(3)")]
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()
    return problems, version


def _is_wal(path: Path) -> bool:
    """The header says WAL (file format versions 2 at bytes 18 and 19)."""
    with path.open("rb") as f:
        header = f.read(20)
    return header[:16] == b"SQLite format 3\x00" and header[18:20] == b"\x02\x02"
