"""Plain mode on a data dir whose disk fills mid-interview (a small real tmpfs; skipped where
mounting is not permitted): one notice, the interview goes on, nothing answered is lost."""

from __future__ import annotations

import io
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from interbot_tui.core.i18n.phrases import Phrases
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.plain import run_plain
from interbot_tui.store.sessions import DB_NAME, Store
from tests.disk_faults import LONG, fill, small_disk
from tests.fakes.llm import FakeChatModel

EN = Phrases("en")


class Script(io.StringIO):
    """Answer lines; `before[n]` runs just before line n (0-based) is read."""

    def __init__(self, lines: list[str], before: dict[int, Callable[[], object]]) -> None:
        super().__init__("".join(f"{line}\n" for line in lines))
        self.before = before
        self.read = 0

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        action = self.before.get(self.read)
        if action is not None:
            action()
        self.read += 1
        return super().readline(size)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path) as mount_point:
        yield mount_point


def plain(store: Store, banks: list[Bank], model: FakeChatModel, stdin: Script) -> str:
    out = io.StringIO()
    try:
        run_plain(
            Profile(role="Backend engineer", questions=5),
            banks,
            model,
            store,
            seed=3,
            stdin=stdin,
            stdout=out,
            stderr=io.StringIO(),
        )
    finally:
        store.close()
    return out.getvalue()


def answers(data: Path) -> list[str]:
    db = sqlite3.connect(data / DB_NAME)
    try:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return [str(a) for (a,) in db.execute("SELECT answer FROM turns ORDER BY id")]
    finally:
        db.close()


def test_plain_mode_goes_on_through_a_full_disk(
    disk: Path, banks: list[Bank], always_correct: FakeChatModel
) -> None:
    data = disk / "data"
    store = Store(data)
    filler: list[Path] = []
    lines = [LONG.format(n=n) for n in range(1, 5)] + ["finish interview"]
    script = Script(lines, {1: lambda: filler.append(fill(disk)), 3: lambda: filler[0].unlink()})
    text = plain(store, banks, always_correct, script)
    assert text.count("Notice: Could not save to history:") == 1
    assert f"Notice: {EN.say('save_paused_full', folder=data)}" in text
    assert f"Notice: {EN.say('saved_again', count=3)}" in text
    assert answers(data) == lines[:4]  # each once, in order
    assert "not in your history" not in text


def test_plain_mode_ending_on_a_full_disk_saves_the_report_elsewhere(
    disk: Path,
    tmp_path: Path,
    banks: list[Bank],
    always_correct: FakeChatModel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(elsewhere))
    data = disk / "data"
    store = Store(data)
    lines = [LONG.format(n=n) for n in range(1, 4)]
    text = plain(store, banks, always_correct, Script(lines, {1: lambda: fill(disk)}))
    (copy,) = elsewhere.iterdir()
    notice = EN.say("unsaved_at_end", count=2, folder=data, copy=copy)
    assert f"Notice: {notice}" in text
    assert text.index(notice) < text.index("REPORT")  # said before the report
    assert all(line in copy.read_text(encoding="utf-8") for line in lines)
    assert answers(data) == lines[:1]  # what was saved before the disk filled is intact
