"""Privacy audit: after a full session (typed and spoken answers with the recording kept, the
report exported, the grader calibrated, a resume read) every file in the data dir is readable
by the user alone, and the answer is only where it is meant to be."""

from __future__ import annotations

import stat
from pathlib import Path

import numpy as np
import pytest

from interbot_tui.cli import main
from interbot_tui.core.grading.score_model import DEFAULT_MODEL
from interbot_tui.core.interview.events import Event, InterviewFinished
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.speech.delivery import Word
from interbot_tui.core.speech.transcript import Transcript
from interbot_tui.session.calibration import calibration_path, save_calibration
from interbot_tui.session.documents import DocumentInputs, load_grounding
from interbot_tui.session.interview_session import InterviewSession, SessionOptions
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel, grade

SECRET = "quokka-marmalade-4417"  # a word no question, report heading or model reply contains
TYPED = (
    f"I partitioned the {SECRET} table by tenant, measured the p99 before and after, and "
    "rolled it out behind a flag over two weeks with a rollback plan ready."
)
SPOKEN_WORDS = ("we", "cached", SECRET)
# Where the answer may be: the history (and SQLite's log beside it) and what the user exported.
ANSWER_MAY_BE_IN = ("history.sqlite3", "history.sqlite3-wal", "exports/")


def full_session(data_dir: Path, banks: list[Bank], resume: Path) -> None:
    load_grounding(DocumentInputs(resume=str(resume)), data_dir)  # keeps a copy of its text
    model = FakeChatModel(default_grade=grade("correct", 9, "Good: you covered the key points."))
    save_calibration(calibration_path(data_dir, model.name), DEFAULT_MODEL, {"labelled": 0})
    seen: list[Event] = []
    store = Store(data_dir)
    session = InterviewSession.open(
        Profile(role="Backend engineer", questions=2),
        model,
        banks,
        store,
        SessionOptions(data_dir=data_dir, seed=3, keep_audio=True),
        emit=seen.append,
    )
    session.start()
    session.wait()
    session.submit(TYPED)
    session.wait()
    words = tuple(Word(w, 0.5 * i, 0.5 * i + 0.4) for i, w in enumerate(SPOKEN_WORDS))
    transcript = Transcript(" ".join(SPOKEN_WORDS), "en", 2.0, words=words)
    spoken = session.hear(transcript, recording=np.zeros(16000, np.float32))
    assert spoken.audio.startswith("recordings/")  # the recording was kept
    session.submit(spoken)
    session.wait()
    session.finish()
    session.wait()
    session.close()
    store.close()
    assert any(isinstance(e, InterviewFinished) for e in seen)
    exports = data_dir / "exports"
    assert main(["report", "1", "--output", str(exports / "session-1.md")]) == 0
    assert main(["report", "1", "--format", "html", "--output", str(exports / "s1.html")]) == 0


@pytest.fixture
def audited(data_dir: Path, banks: list[Bank], tmp_path: Path) -> Path:
    resume = tmp_path / "resume.md"
    resume.write_text(
        "# Ada Lovelace\n\nSenior backend engineer at Example Ltd, 2019-2024\n"
        "- Cut p99 latency by 40% with Redis caching\n\nSkills: Python, PostgreSQL, Redis\n",
        encoding="utf-8",
    )
    full_session(data_dir, banks, resume)
    return data_dir


def test_every_file_is_0600_and_every_folder_0700(audited: Path) -> None:
    folders, files = [audited], []
    for path in sorted(audited.rglob("*")):
        (folders if path.is_dir() else files).append(path)
    wrong = [
        f"{p.relative_to(audited.parent)} {oct(stat.S_IMODE(p.stat().st_mode))}"
        for p, mode in [(p, 0o700) for p in folders] + [(p, 0o600) for p in files]
        if stat.S_IMODE(p.stat().st_mode) != mode
    ]
    assert wrong == []
    names = {p.relative_to(audited).as_posix() for p in files}
    assert {"history.sqlite3", "exports/session-1.md", "exports/s1.html"} <= names
    assert any(n.startswith("recordings/") and n.endswith(".wav") for n in names)
    assert "grader/fake.json" in names


def test_only_the_expected_kinds_of_files_exist(audited: Path) -> None:
    """No log, cache or temporary file: the history, exports, recordings, the calibration and
    the documents read."""
    allowed_folders = ("exports/", "recordings/", "grader/", "documents/")
    allowed_top = ("history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm")
    names = [p.relative_to(audited).as_posix() for p in audited.rglob("*") if p.is_file()]
    unexpected = [n for n in names if n not in allowed_top and not n.startswith(allowed_folders)]
    assert unexpected == []
    assert not [n for n in names if n.endswith((".tmp", ".log"))]


def test_the_answer_is_only_in_the_history_and_the_exports(audited: Path) -> None:
    holding = sorted(
        p.relative_to(audited).as_posix()
        for p in audited.rglob("*")
        if p.is_file() and SECRET.encode() in p.read_bytes()
    )
    assert any(n.startswith("history.sqlite3") for n in holding)  # it was saved
    assert "exports/session-1.md" in holding  # and exported
    stray = [n for n in holding if not n.startswith(ANSWER_MAY_BE_IN)]
    assert stray == []


def test_a_private_folder_makes_its_missing_parents_private_too(tmp_path: Path) -> None:
    from interbot_tui.private_files import private_folder

    private_folder(tmp_path / "a" / "b" / "c")
    modes = [stat.S_IMODE((tmp_path / p).stat().st_mode) for p in ("a", "a/b", "a/b/c")]
    assert modes == [0o700, 0o700, 0o700]
