"""Devices failing mid-use in the TUI: the microphone in the middle of an answer, the speaker in
the middle of a question, the camera unplugged, the model file removed. Each gives one notice and
the interview goes on; nothing said or answered is lost."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from textual.widgets import Static

from interbot_tui.backends.stt.vad import EnergyVad
from interbot_tui.backends.stt.voice_input import VoiceSettings
from interbot_tui.backends.tts.base import Samples
from interbot_tui.backends.tts.factory import SpeechSettings
from interbot_tui.backends.tts.sound_output import SpeakerUnavailable
from interbot_tui.backends.tts.speaker import Speaker, SpeakerCallbacks
from interbot_tui.locations import banks_dir
from interbot_tui.store.sessions import Store
from interbot_tui.tui.app import InterbotApp
from interbot_tui.tui.screens.interview import InterviewScreen
from interbot_tui.tui.widgets.answer_box import AnswerBox
from interbot_tui.tui.widgets.mic_panel import MicPanel
from tests.fakes.llm import FakeChatModel, grade
from tests.fakes.stt import ToneSpeechToText, silence, tone
from tests.fakes.tts import CountingSynth, SlowOutput
from tests.tui._pilot import wait_for
from tests.tui.test_app import LONG, bubbles, start_interview


def notices(app: InterbotApp, text: str) -> list[str]:
    return [said for label, said in bubbles(app) if label == "Notice" and text in said]


def toasts(app: InterbotApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


def session_turns(app: InterbotApp) -> list[Any]:
    screen = app.screen
    assert isinstance(screen, InterviewScreen) and screen.session_id is not None
    return app.store.turns(screen.session_id)


# --- the microphone -----------------------------------------------------------------------------


class DyingMic:
    """Stands in for the sounddevice Microphone: the test plays audio into it, then unplugs it."""

    made: list[DyingMic] = []

    def __init__(self, on_block: Callable[[Any], None], *, device: Any = None, on_lost: Any = None):
        self.on_block, self.on_lost = on_block, on_lost
        self.stopped = False
        DyingMic.made.append(self)

    def start(self) -> None:
        pass

    def stop(self) -> None:
        self.stopped = True

    @property
    def running(self) -> bool:
        return not self.stopped

    def say(self, *parts: np.ndarray) -> None:
        from interbot_tui.backends.stt.playback_feed import play

        audio = np.concatenate(parts)
        thread = threading.Thread(
            target=play,
            args=(audio, self.on_block),
            kwargs={"realtime": False, "trailing_silence_s": 0.0},  # no end of speech
        )
        thread.start()
        thread.join()

    def unplug(self) -> None:
        reason = "the audio stream ended (was it unplugged?)"
        threading.Thread(target=self.on_lost, args=(reason,)).start()  # as the watch thread


@pytest.fixture
def dying_mic(monkeypatch: pytest.MonkeyPatch) -> type[DyingMic]:
    stt = ToneSpeechToText()
    DyingMic.made.clear()
    monkeypatch.setattr("interbot_tui.backends.stt.factory.load_stt", lambda _s, _m: stt)
    monkeypatch.setattr("interbot_tui.backends.stt.vad.load_vad", EnergyVad)
    monkeypatch.setattr("interbot_tui.backends.stt.microphone.Microphone", DyingMic)
    return DyingMic


def voice_app(data_dir: Path, hands_free: bool) -> InterbotApp:
    return InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: FakeChatModel(default_grade=grade("correct", 9, "Good.")),
        voice=VoiceSettings(hands_free=hands_free, silence_s=1.5),
        seed=5,
    )


@pytest.mark.parametrize("hands_free", [True, False], ids=["hands-free", "push-to-talk"])
async def test_mic_dying_mid_answer_keeps_the_words_and_switches_to_typing(
    data_dir: Path, dying_mic: type[DyingMic], hands_free: bool
) -> None:
    app = voice_app(data_dir, hands_free)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.devices.voice is not None)
        await start_interview(pilot, app)
        [mic] = dying_mic.made
        box = app.screen.query_one(AnswerBox)
        if not hands_free:
            await pilot.press("f4")  # push-to-talk: recording
            assert app.screen.query_one(MicPanel).state == "recording"
        mic.say(silence(0.2), tone("alpha", 0.5), silence(0.3), tone("bravo", 0.5))
        mic.unplug()  # in the middle of the answer: no end of speech was heard

        await wait_for(pilot, lambda: bool(notices(app, "microphone stopped")))
        await pilot.pause(0.2)
        assert box.text == "alpha bravo"  # what was heard so far, to finish by typing
        assert not box.disabled and box.has_focus
        [notice] = notices(app, "microphone stopped")
        assert "unplugged" in notice and "finish it there and press Enter" in notice
        assert not [t for t in toasts(app) if "Voice" in t]  # one notice, not a toast as well
        assert app.devices.voice is None and app.devices.voice_state == "failed"
        assert mic.stopped and "mic off" in app.backends_summary()
        assert app.screen.query_one(MicPanel).state == "off"
        assert session_turns(app) == []  # nothing was sent on the candidate's behalf

        box.insert(" and charlie, typed")  # the candidate finishes the answer
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(session_turns(app)) == 1)
        assert session_turns(app)[0].answer == "alpha bravo and charlie, typed"
        await wait_for(pilot, lambda: not box.disabled)  # the next question: typed from now on
        await pilot.press("f4")  # push-to-talk without a microphone: says why
        await pilot.pause(0.1)
        assert any("microphone stopped" in t for t in toasts(app))
        assert len(notices(app, "microphone stopped")) == 1


async def test_mic_dying_while_nothing_is_said_keeps_what_was_typed(
    data_dir: Path, dying_mic: type[DyingMic]
) -> None:
    app = voice_app(data_dir, hands_free=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.devices.voice is not None)
        await start_interview(pilot, app)
        box = app.screen.query_one(AnswerBox)
        box.insert("Half an answer")
        dying_mic.made[0].unplug()
        await wait_for(pilot, lambda: bool(notices(app, "microphone stopped")))
        [notice] = notices(app, "microphone stopped")
        assert "Type your answers in the box" in notice
        assert box.text == "Half an answer" and not box.disabled


# --- the interviewer's voice --------------------------------------------------------------------


class UnpluggedOutput(SlowOutput):
    """Plays the first line, then the device is gone: every later play raises as sounddevice's
    does through SoundDeviceOutput."""

    def __init__(self) -> None:
        super().__init__(0.0)
        self.tries = 0

    def play(self, samples: Samples, rate: int) -> bool:
        self.tries += 1
        if self.tries > 1:
            raise SpeakerUnavailable(
                "the audio output failed: Error opening OutputStream: Device unavailable [-9985]"
            )
        return super().play(samples, rate)


async def test_speaker_vanishing_mid_question_leaves_text_and_one_notice(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: dict[str, Any] = {}

    def open_speaker(settings: SpeechSettings, callbacks: SpeakerCallbacks) -> Speaker:
        made["synth"], made["output"] = CountingSynth(), UnpluggedOutput()
        made["speaker"] = Speaker(made["synth"], made["output"], callbacks)
        return made["speaker"]

    monkeypatch.setattr("interbot_tui.backends.tts.factory.open_speaker", open_speaker)
    app = InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: FakeChatModel(default_grade=grade("correct", 9, "Good answer.")),
        speech=SpeechSettings(),
        seed=5,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.devices.speaker is not None)
        await start_interview(pilot, app)
        await wait_for(pilot, lambda: app.devices.speech_state == "failed")
        await pilot.pause(0.2)
        asked = [said for label, said in bubbles(app) if label == "Interviewer"]
        assert len(asked) >= 2  # the greeting and the question, shown as text
        assert "Question 1/" in str(app.screen.query_one("#progress", Static).render())
        [notice] = notices(app, "voice is off")
        assert "Device unavailable" in notice and "shown as text" in notice
        assert not [t for t in toasts(app) if "voice" in t]  # the conversation says it once
        assert app.devices.speaker is None and "speech off" in app.backends_summary()
        assert str(app.screen.query_one("#speaking", Static).render()) == ""
        spoken = list(made["synth"].texts)

        box = app.screen.query_one(AnswerBox)
        box.insert(LONG)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(session_turns(app)) == 1)
        await wait_for(pilot, lambda: not box.disabled)  # the next question, on screen
        assert made["synth"].texts == spoken  # later lines are not spoken (or retried)
        assert made["output"].tries == 2
        await pilot.press("f8")  # unmute: says why instead of trying the dead device
        await pilot.pause(0.1)
        assert any("voice is off" in t and "Device unavailable" in t for t in toasts(app))
        assert len(notices(app, "voice is off")) == 1


# --- the model file -----------------------------------------------------------------------------


class FileModel(FakeChatModel):
    """A fake model whose file the test "removes" (FileBacked, like LlamaCppChatModel)."""

    def __init__(self) -> None:
        super().__init__(default_grade=grade("correct", 9, "Good."))
        self.change: str | None = None
        self.checks = 0

    def file_change(self) -> str | None:
        self.checks += 1
        return self.change


async def test_model_file_removed_mid_interview_is_told_once_and_grading_goes_on(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("interbot_tui.tui.app.MODEL_FILE_CHECK_S", 0.05)
    model = FileModel()
    app = InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: model,
        text_only=True,
        seed=5,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await start_interview(pilot, app)
        await wait_for(pilot, lambda: model.checks >= 2)
        assert not [t for t in toasts(app) if "Model file" in t]
        model.change = "The model file m.gguf was removed while interbot was running."
        await wait_for(pilot, lambda: any("Model file changed" in t for t in toasts(app)))
        checks = model.checks
        await pilot.pause(0.3)
        assert model.checks == checks  # told once: the check stops
        assert len([t for t in toasts(app) if "Model file changed" in t]) == 1
        box = app.screen.query_one(AnswerBox)
        box.insert(LONG)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(session_turns(app)) == 1)
        assert session_turns(app)[0].grade.score == 9  # the loaded model still grades
