"""Forgetting sessions: rows, recordings and exports go, and the file keeps no trace."""

from __future__ import annotations

from pathlib import Path

import pytest

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.profile import Profile
from interbot_tui.private_files import write_private_text
from interbot_tui.store.forget import forget
from interbot_tui.store.sessions import Store, StoreError
from tests.core.progress._sessions import Q1, Q2, turn

SECRET = "my salary at Initech was 123456 zebra-quokka"
KEPT = "the other session's answer about wombat-pangolin"


def file_bytes(store: Store) -> bytes:
    wal = store.path.with_name(store.path.name + "-wal")
    return store.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def seed(data_dir: Path) -> Store:
    store = Store(data_dir)
    one = store.start_session(Profile(role="Backend engineer"), "fake")
    one.record_turn(
        turn(1, Q1, Verdict.PARTIAL, 5, answer=SECRET, audio="recordings/session1-q1-a.wav")
    )
    one.record_turn(turn(2, Q2, Verdict.CORRECT, 9, answer=SECRET + " again"))
    two = store.start_session(Profile(role="Backend engineer"), "fake")
    two.record_turn(
        turn(1, Q1, Verdict.CORRECT, 9, answer=KEPT, audio="recordings/session2-q1-a.wav")
    )
    for name in (
        "recordings/session1-q1-a.wav",
        "recordings/session1-q2-crash.wav",  # kept, but the turn was never stored
        "recordings/session2-q1-a.wav",
        "recordings/session0-q1-x.wav",  # no session id: tied to none
        "exports/session-1.md",
        "exports/session-10.md",
        "exports/session-2.md",
        "exports/report.md",
    ):
        write_private_text(data_dir / name, "x")
    return store


def test_forget_one_session_leaves_no_trace_in_the_file(data_dir: Path) -> None:
    store = seed(data_dir)
    assert SECRET.encode() in file_bytes(store)  # the check below can fail

    gone = forget(store, 1)

    assert gone.sessions == [1] and gone.turns == 2
    assert gone.recordings == ["recordings/session1-q1-a.wav", "recordings/session1-q2-crash.wav"]
    assert gone.exports == ["exports/session-1.md"]
    assert SECRET.encode() not in file_bytes(store)
    assert b"zebra-quokka" not in file_bytes(store)
    assert KEPT.encode() in file_bytes(store)  # the other session is still there
    assert [s.id for s in store.sessions()] == [2]
    assert store.db.execute("SELECT COUNT(*) FROM turns").fetchone()[0] == 1
    left = sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*.*") if p.is_file())
    assert "recordings/session2-q1-a.wav" in left and "exports/session-10.md" in left
    assert "exports/report.md" in left and "recordings/session0-q1-x.wav" in left
    store.close()
    reopened = Store(data_dir)  # the file is still a good database
    assert [s.id for s in reopened.sessions()] == [2]


def test_forget_all_removes_the_folders(data_dir: Path) -> None:
    store = seed(data_dir)
    gone = forget(store, None)
    assert gone.sessions == [1, 2] and gone.turns == 3
    assert len(gone.recordings) == 4 and len(gone.exports) == 4
    assert not (data_dir / "recordings").exists() and not (data_dir / "exports").exists()
    assert store.sessions() == []
    data = file_bytes(store)
    assert SECRET.encode() not in data and KEPT.encode() not in data


def test_a_recording_name_outside_the_data_dir_is_never_deleted(
    data_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "precious.wav"
    outside.write_text("x")
    store = Store(data_dir)
    store.start_session(Profile(), "fake").record_turn(
        turn(1, Q1, Verdict.CORRECT, 9, audio="../precious.wav")
    )
    assert forget(store, 1).recordings == []
    assert outside.exists()


def test_unknown_session(data_dir: Path) -> None:
    with pytest.raises(StoreError, match="no session 7"):
        forget(Store(data_dir), 7)
