"""The history a session compares with is read once, when first needed, and only what came
before the session."""

from __future__ import annotations

from pathlib import Path

from interbot_tui.core.profile import Profile
from interbot_tui.session.interview_session import EarlierLoader
from interbot_tui.store.sessions import Store


def test_read_once_and_only_earlier_sessions(data_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import interbot_tui.store.progress as progress

    store = Store(data_dir)
    for _ in range(3):
        store.start_session(Profile(role="Backend engineer"))
    reads: list[int] = []
    real = progress.stored_sessions
    monkeypatch.setattr(progress, "stored_sessions", lambda s: reads.append(1) or real(s))
    loader = EarlierLoader(store, 3)
    assert reads == []  # nothing is read until it is asked for
    assert [s.id for s in loader()] == [1, 2]
    assert [s.id for s in loader()] == [1, 2] and reads == [1]
