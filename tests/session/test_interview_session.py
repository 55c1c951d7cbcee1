"""The interview session: bootstrap from the right data dir, one worker, one prefetch a question."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.grading.score_model import DEFAULT_MODEL
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.interview.events import AnswerGraded, Event, InterviewFinished
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.speech.delivery import Word
from interbot_tui.core.speech.transcript import Transcript
from interbot_tui.session.calibration import calibration_path, save_calibration
from interbot_tui.session.interview_session import InterviewSession, SessionOptions
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel

LONG = "A full answer " + "with enough words to need no follow-up " * 4


def tweaked_model() -> object:
    """A score model that differs from the default one (as fit-grader would save)."""
    step = replace(DEFAULT_MODEL.any_credit, bias=DEFAULT_MODEL.any_credit.bias + 1.25)
    return replace(DEFAULT_MODEL, any_credit=step)


class Events:
    def __init__(self) -> None:
        self.seen: list[Event] = []
        self.errors: list[Exception] = []
        self.notices: list[str] = []

    def open(
        self, banks: list[Bank], model: FakeChatModel, store: Store | None, data: Path, **kw: object
    ) -> InterviewSession:
        return InterviewSession.open(
            Profile(role="Backend engineer", questions=2, **kw),  # type: ignore[arg-type]
            model,
            banks,
            store,
            SessionOptions(data_dir=data, seed=1),
            emit=self.seen.append,
            on_error=self.errors.append,
            on_notice=self.notices.append,
        )


def test_calibration_is_read_from_the_sessions_data_dir(
    tmp_path: Path, banks: list[Bank], always_correct: FakeChatModel
) -> None:
    mine, other = tmp_path / "mine", tmp_path / "other"
    saved = tweaked_model()
    save_calibration(calibration_path(mine, always_correct.name), saved, {})  # type: ignore[arg-type]
    events = Events()
    session = events.open(banks, always_correct, Store(other), mine)
    grader = session.interview.grader
    assert isinstance(grader, LLMGrader)
    assert grader.score_model == saved
    session.close()
    assert (
        events.open(banks, always_correct, None, other).interview.grader.score_model  # type: ignore[attr-defined]
        is None  # no saved fit: the shipped fits, per kind of rubric
    )


def test_an_unusable_calibration_is_a_notice_and_the_default_is_used(
    tmp_path: Path, banks: list[Bank], always_correct: FakeChatModel
) -> None:
    path = calibration_path(tmp_path, always_correct.name)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    events = Events()
    session = events.open(banks, always_correct, None, tmp_path)
    assert session.interview.grader.score_model is None  # type: ignore[attr-defined]
    assert any("calibration is unusable" in n and "fit-grader" in n for n in events.notices)


def test_a_broken_store_means_no_history_and_a_notice(
    tmp_path: Path, banks: list[Bank], always_correct: FakeChatModel
) -> None:
    class BrokenStore:
        def recent_question_ids(self) -> list[str]:
            return []

        def start_session(self, profile: Profile, model: str, **_kw: object) -> object:
            raise OSError("disk full")

    events = Events()
    session = events.open(banks, always_correct, BrokenStore(), tmp_path)  # type: ignore[arg-type]
    assert session.session_id is None
    assert events.notices == ["History is not being saved: disk full"]
    session.start()
    session.submit(LONG)
    session.wait()
    assert any(isinstance(e, AnswerGraded) for e in events.seen)


def test_actions_run_in_order_and_the_report_comes_as_an_event(
    tmp_path: Path, banks: list[Bank], always_correct: FakeChatModel
) -> None:
    events = Events()
    session = events.open(banks, always_correct, Store(tmp_path), tmp_path)
    session.start()
    session.submit(LONG)
    session.submit(LONG)
    session.wait()
    assert session.finished
    graded = [e for e in events.seen if isinstance(e, AnswerGraded)]
    assert [e.turn.number for e in graded] == [1, 2]
    assert isinstance(events.seen[-1], InterviewFinished)
    assert Store(tmp_path).report(session.session_id or 0)[0].total == 2
    session.close()


def test_work_ahead_runs_once_per_question(
    tmp_path: Path,
    banks: list[Bank],
    always_correct: FakeChatModel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    done = threading.Semaphore(0)

    def prepare_next(self: Interview) -> None:
        calls.append(self.number)
        done.release()

    monkeypatch.setattr(Interview, "prepare_next", prepare_next)
    events = Events()
    session = events.open(banks, always_correct, None, tmp_path, mode="coach")
    session.start()
    session.wait()
    assert done.acquire(timeout=5)
    session.submit("no idea")  # a hint and a retry: the same question, no second prefetch
    session.wait()
    session.submit(LONG)
    session.wait()
    assert done.acquire(timeout=5)
    assert calls == [1, 2]


def test_an_engine_failure_is_reported_and_the_session_goes_on(
    tmp_path: Path, banks: list[Bank], always_correct: FakeChatModel
) -> None:
    events = Events()
    session = events.open(banks, always_correct, None, tmp_path)
    session.start()
    session.wait()
    always_correct.grades.append(RuntimeError("the model crashed"))
    session.interview.grader = _Exploding()  # type: ignore[assignment]
    session.submit(LONG)
    session.wait()
    assert [str(e) for e in events.errors] == ["the model crashed"]
    session.finish()
    session.wait()
    assert session.finished


class _Exploding:
    def grade(self, *args: object, **kwargs: object) -> object:
        raise RuntimeError("the model crashed")


def test_bias_terms_lead_with_the_spoken_finish_command_outside_english(
    tmp_path: Path, banks: list[Bank], always_correct: FakeChatModel
) -> None:
    events = Events()
    english = events.open(banks, always_correct, None, tmp_path)
    english.start()
    english.wait()
    assert english.bias_terms() and english.phrases["finish_command"] not in english.bias_terms()
    spanish = events.open(banks, always_correct, None, tmp_path, language="es")
    assert spanish.bias_terms() == []  # nothing asked yet
    spanish.interview.translator = None  # bank questions stay English; no model call
    spanish.start()
    spanish.wait()
    assert spanish.bias_terms()[0] == spanish.phrases["finish_command"] == "terminar entrevista"


def test_a_spoken_answer_brings_delivery_and_a_kept_recording_only_when_asked(
    tmp_path: Path, banks: list[Bank], always_correct: FakeChatModel
) -> None:
    np = pytest.importorskip("numpy")
    pytest.importorskip("soundfile")
    words = (Word("um", 0.0, 0.3), Word("an", 0.4, 0.6), Word("index", 0.7, 1.2))
    transcript = Transcript("um an index", "en", 1.5, words=words)
    samples = np.zeros(1600, dtype=np.float32)
    events = Events()
    plain = events.open(banks, always_correct, Store(tmp_path), tmp_path)
    plain.start()
    plain.wait()
    spoken = plain.hear(transcript, recording=samples)
    assert spoken.audio == "" and spoken.delivery.fillers
    seen: list[Event] = []
    keeping = InterviewSession.open(
        Profile(questions=1),
        always_correct,
        banks,
        Store(tmp_path),
        SessionOptions(data_dir=tmp_path, keep_audio=True),
        emit=seen.append,
    )
    keeping.start()
    keeping.wait()
    kept = keeping.hear(transcript, recording=samples)
    assert kept.audio.startswith("recordings/")
    assert (tmp_path / kept.audio).stat().st_mode & 0o077 == 0  # readable by the user alone
    keeping.submit(kept)
    keeping.wait()
    turn = next(e.turn for e in seen if isinstance(e, AnswerGraded))
    assert (turn.answer, turn.audio, turn.delivery) == ("um an index", kept.audio, kept.delivery)


def test_a_new_interview_avoids_the_questions_of_the_last_ones(
    tmp_path: Path, banks: list[Bank], always_correct: FakeChatModel
) -> None:
    def asked_in_one_session() -> list[str]:
        events = Events()
        session = events.open(banks, always_correct, Store(tmp_path), tmp_path)
        session.start()
        session.submit(LONG)
        session.submit(LONG)
        session.wait()
        session.close()
        return [e.turn.question.id for e in events.seen if isinstance(e, AnswerGraded)]

    first = asked_in_one_session()
    second = asked_in_one_session()  # the same seed: only the history tells them apart
    assert len(first) == len(second) == 2 and not set(first) & set(second)
