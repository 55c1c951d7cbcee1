"""An interview that ends while its answers cannot be saved: the last notice says so, and the
report (which has every answer) is saved outside the data dir, at the path it names."""

from __future__ import annotations

import stat
import tempfile
from pathlib import Path

import pytest

from interbot_tui.core.i18n.phrases import Phrases
from interbot_tui.core.interview.events import Event, InterviewerSaid, InterviewFinished, Purpose
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.reporting.report import build_report
from interbot_tui.session.interview_session import (
    InterviewSession,
    SessionOptions,
    save_elsewhere,
    unsaved_notice,
)
from interbot_tui.store.sessions import SessionRecorder, Store
from tests.disk_faults import FULL, LONG, Run, faulty
from tests.fakes.llm import FakeChatModel

EN = Phrases("en")


def session_on(
    store: Store, data: Path, banks: list[Bank], model: FakeChatModel
) -> tuple[InterviewSession, list[Event]]:
    events: list[Event] = []
    session = InterviewSession.open(
        Profile(role="Backend engineer", questions=5),
        model,
        banks,
        store,
        SessionOptions(data_dir=data, seed=1),
        emit=events.append,
    )
    return session, events


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder, where the copy of the report goes."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_unsaved_answers_at_the_end_are_said_and_the_report_saved_elsewhere(
    data_dir: Path, banks: list[Bank], always_correct: FakeChatModel, elsewhere: Path
) -> None:
    store = Store(data_dir)
    session, events = session_on(store, data_dir, banks, always_correct)
    db = faulty(store)
    session.start()
    session.wait()
    session.submit(LONG.format(n=1))
    session.wait()
    db.failing = FULL  # the disk fills and stays full
    session.submit(LONG.format(n=2))
    session.submit(LONG.format(n=3))
    session.finish()
    session.wait()
    session.close()
    (copy,) = elsewhere.glob(f"interbot-session-{session.session_id}-*.md")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    text = copy.read_text(encoding="utf-8")
    assert all(LONG.format(n=n) in text for n in (1, 2, 3))  # every answer, saved or not
    end = next(i for i, e in enumerate(events) if isinstance(e, InterviewFinished))
    last = events[end - 1]
    assert last == InterviewerSaid(
        EN.say("unsaved_at_end", count=2, folder=data_dir, copy=copy), Purpose.NOTICE
    )
    assert store.unsaved_answers == 2  # still kept: an export, once there is room, writes them


def test_nothing_is_said_at_the_end_when_everything_was_saved(
    data_dir: Path, banks: list[Bank], always_correct: FakeChatModel, elsewhere: Path
) -> None:
    store = Store(data_dir)
    session, events = session_on(store, data_dir, banks, always_correct)
    db = faulty(store)
    session.start()
    session.wait()
    db.failing = FULL
    session.submit(LONG.format(n=1))
    session.wait()
    db.failing = None  # room again before the end
    session.finish()
    session.wait()
    session.close()
    said = [e.text for e in events if isinstance(e, InterviewerSaid)]
    assert EN.say("saved_again", count=1) in said
    assert not any("not in your history" in s for s in said)
    assert not list(elsewhere.iterdir())


def recorder_with_unsaved(data_dir: Path, banks: list[Bank]) -> SessionRecorder:
    store = Store(data_dir)
    db = faulty(store)
    run = Run(store, banks)
    db.failing = FULL
    run.answer()
    assert store.unsaved_answers == 1
    return run.recorder


def test_with_nowhere_to_save_a_copy_the_notice_says_to_keep_the_report(
    data_dir: Path, tmp_path: Path, banks: list[Bank]
) -> None:
    recorder = recorder_with_unsaved(data_dir, banks)
    report = build_report(Profile(), [])
    text = unsaved_notice(recorder, report, EN, places=[tmp_path / "missing"])
    assert text == EN.say("unsaved_at_end_no_copy", count=1, folder=data_dir)


def test_a_copy_goes_to_the_first_place_that_takes_it(tmp_path: Path) -> None:
    ok = tmp_path / "ok"
    ok.mkdir()
    path = save_elsewhere("report text", "interbot-session-7-", [tmp_path / "missing", ok])
    assert path is not None and path.parent == ok and path.read_text() == "report text"
    assert save_elsewhere("x", "p-", [tmp_path / "missing"]) is None
