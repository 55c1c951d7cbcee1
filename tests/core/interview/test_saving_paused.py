"""The engine and a recorder that cannot save for a while: told once, in the interview's
language, and told again when saving works; other failures are told each time."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.i18n.phrases import Phrases
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.interview.events import Event, InterviewerSaid, Purpose
from interbot_tui.core.interview.turn import Turn
from interbot_tui.core.ports import SavingPaused
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.question import Question
from interbot_tui.core.reporting.report import Report
from tests.fakes.llm import FakeChatModel, grade

LONG = (
    "This is a complete answer that explains the idea, why it matters and gives a concrete "
    "example from a real project where I applied it and measured the result carefully."
)


class PausingRecorder:
    """Keeps writes in memory while `down` (raising SavingPaused), or while the item is one of
    the `refused` types, and writes them first, in order, once it can; `error`, when set, is
    raised instead. `written` is what reached "the disk"."""

    def __init__(self, reason: str = "full") -> None:
        self.reason = reason
        self.down = False
        self.refused: tuple[type, ...] = ()
        self.error: Exception | None = None
        self.kept: list[object] = []
        self.written: list[object] = []

    def _write(self, item: object) -> int | None:
        if self.error is not None:
            raise self.error
        waited = bool(self.kept)
        self.kept.append(item)
        if self.down or isinstance(item, self.refused):
            raise SavingPaused(
                "no room",
                reason=self.reason,
                folder="/data",
                detail="disk I/O error",
                unsaved=sum(isinstance(k, Turn) for k in self.kept),
            )
        answers = sum(isinstance(k, Turn) for k in self.kept)
        self.written += self.kept
        self.kept = []
        return answers if waited else None

    def record_question(self, number: int, question: Question) -> int | None:
        return self._write(question)

    def record_turn(self, turn: Turn) -> int | None:
        return self._write(turn)

    def record_finish(self, report: Report) -> int | None:
        return self._write(report)


def interview(
    banks: list[Bank], recorder: PausingRecorder, language: str = "en"
) -> tuple[Interview, Callable[[], list[str]]]:
    """An 8-question coach interview (every answer wrong: no level goes up) and its notices,
    but for the level going down."""
    events: list[Event] = []
    engine = Interview(
        Profile(role="Backend engineer", questions=8, language=language),
        banks,
        LLMGrader(FakeChatModel(default_grade=grade("incorrect", 2))),
        recorder=recorder,
        emit=events.append,
        seed=5,
    )
    engine.start()
    p = engine.phrases
    levels = {p.say("level_down", level=p[name]) for name in ("easy", "medium", "hard")}

    def notices() -> list[str]:
        return [
            e.text
            for e in events
            if isinstance(e, InterviewerSaid)
            and e.purpose is Purpose.NOTICE
            and e.text not in levels
        ]

    return engine, notices


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_told_once_while_paused_and_once_when_saving_works(
    banks: list[Bank], language: str
) -> None:
    recorder = PausingRecorder()
    engine, notices = interview(banks, recorder, language)
    recorder.down = True
    for _ in range(3):
        engine.submit(LONG)
    phrases = Phrases(language)
    assert notices() == [phrases.say("save_paused_full", folder="/data")]
    recorder.down = False
    engine.submit(LONG)
    assert notices()[1:] == [phrases.say("saved_again", count=4)]  # 3 kept and this one
    assert [t for t in recorder.written if isinstance(t, Turn)] == engine.turns  # in order
    recorder.down = True  # full again: told again, once
    engine.submit(LONG)
    engine.submit(LONG)
    assert notices()[2:] == [phrases.say("save_paused_full", folder="/data")]


@pytest.mark.parametrize(
    ("reason", "key"),
    [
        ("read_only", "save_paused_read_only"),
        ("unavailable", "save_paused_unavailable"),
        ("gone", "save_paused_unavailable"),  # a reason it does not know
    ],
)
def test_the_notice_says_why(banks: list[Bank], reason: str, key: str) -> None:
    recorder = PausingRecorder(reason)
    engine, notices = interview(banks, recorder)
    recorder.down = True
    engine.submit(LONG)
    assert notices() == [Phrases().say(key, folder="/data", error="disk I/O error")]


def test_a_kept_question_alone_then_finishing_says_saving_works_again(
    banks: list[Bank],
) -> None:
    recorder = PausingRecorder()
    engine, notices = interview(banks, recorder)
    recorder.refused = (Question,)
    engine.submit(LONG)  # wrong: a hint and a retry of the same question
    engine.submit(LONG)  # wrong again: revealed, and the next question, whose write is kept
    assert len(notices()) == 1 and len(recorder.kept) == 1
    recorder.refused = ()
    engine.finish()
    assert notices()[1:] == [Phrases()["saving_works_again"]]
    assert isinstance(recorder.written[-1], Report) and not recorder.kept


def test_other_failures_are_told_each_time(banks: list[Bank]) -> None:
    recorder = PausingRecorder()
    engine, notices = interview(banks, recorder)
    recorder.error = RuntimeError("constraint failed")
    engine.submit(LONG)  # its turn
    engine.submit(LONG)  # its turn and the next question
    assert notices() == [Phrases().say("save_failed", error="constraint failed")] * 3
