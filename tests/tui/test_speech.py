"""The interviewer's voice in the TUI: lines spoken, feedback streamed, F7 stop, F8 mute,
barge-in, and the notice when there is no speaker."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from interbot_tui.backends.tts.factory import SpeechSettings
from interbot_tui.backends.tts.speaker import Speaker, SpeakerCallbacks
from interbot_tui.locations import banks_dir
from interbot_tui.store.sessions import Store
from interbot_tui.tui.app import InterbotApp
from interbot_tui.tui.messages import VoiceStarted
from interbot_tui.tui.widgets.answer_box import AnswerBox
from tests.fakes.llm import FakeChatModel, grade
from tests.fakes.tts import CountingSynth, SlowOutput
from tests.tui._pilot import wait_for
from tests.tui.test_app import LONG, bubbles, start_interview


def make_app(data_dir: Path, model: FakeChatModel) -> InterbotApp:
    return InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: model,
        seed=5,
        speech=SpeechSettings(),
    )


@pytest.fixture
def fake_voice(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """open_speaker gives a Speaker with a fake synthesiser and a slow fake device."""
    made: dict[str, Any] = {}

    def open_speaker(settings: SpeechSettings, callbacks: SpeakerCallbacks) -> Speaker:
        made["synth"], made["output"] = CountingSynth(), SlowOutput(0.002)
        made["speaker"] = Speaker(made["synth"], made["output"], callbacks)
        return made["speaker"]

    monkeypatch.setattr("interbot_tui.backends.tts.factory.open_speaker", open_speaker)
    return made


async def test_the_interviewer_speaks_and_can_be_stopped_and_muted(
    data_dir: Path, fake_voice: dict[str, Any]
) -> None:
    model = FakeChatModel(default_grade=grade("correct", 9, "Good answer. You named the B-tree."))
    app = make_app(data_dir, model)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#questions", Input).value = "2"
        await start_interview(pilot, app)
        speaker: Speaker = fake_voice["speaker"]
        synth: CountingSynth = fake_voice["synth"]
        question = bubbles(app)[-1][1]
        await wait_for(pilot, lambda: question in " ".join(synth.texts) or speaker.speaking)
        assert any(t.startswith("Hi") for t in synth.texts)  # the greeting was spoken
        assert "speech fake" in app.backends_summary()
        await wait_for(
            pilot, lambda: "speaking" in str(app.screen.query_one("#speaking", Static).render())
        )

        await pilot.press("f7")  # stop: the queue is dropped, the indicator goes
        assert speaker.idle(timeout=3)
        await wait_for(pilot, lambda: str(app.screen.query_one("#speaking", Static).render()) == "")

        await pilot.press("f8")  # mute
        assert speaker.muted and "muted" in str(app.screen.query_one("#speaking", Static).render())
        spoken = len(synth.texts)
        box = app.screen.query_one(AnswerBox)
        box.insert(LONG)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(bubbles(app)) >= 6)
        time.sleep(0.1)
        assert len(synth.texts) == spoken  # nothing spoken while muted

        await pilot.press("f8")  # unmute: the next lines are spoken again
        assert not speaker.muted
        box.insert("terminar")  # (typed, so the interview goes on)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(synth.texts) > spoken, timeout=10)


async def test_feedback_is_spoken_while_it_streams(
    data_dir: Path, fake_voice: dict[str, Any]
) -> None:
    feedback = "Good answer. You explained the B-tree. Also mention that writes get slower."
    model = FakeChatModel(default_grade=grade("correct", 9, feedback))
    app = make_app(data_dir, model)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#questions", Input).value = "2"
        await start_interview(pilot, app)
        synth: CountingSynth = fake_voice["synth"]
        app.screen.query_one(AnswerBox).insert(LONG)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: "Also mention that writes get slower." in synth.texts, timeout=10
        )
        assert "Good answer. You explained the B-tree." in synth.texts  # a short one is merged


async def test_barge_in_stops_the_interviewer(data_dir: Path, fake_voice: dict[str, Any]) -> None:
    model = FakeChatModel(default_grade=grade("correct", 9))
    app = make_app(data_dir, model)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_interview(pilot, app)
        speaker: Speaker = fake_voice["speaker"]
        speaker.say("A very long line that the candidate interrupts. " * 4)
        await wait_for(pilot, lambda: speaker.speaking)
        app.post_message(VoiceStarted())  # the microphone heard the candidate start talking
        await wait_for(pilot, lambda: not speaker.speaking, timeout=3)
        assert fake_voice["output"].played[-1] < len(fake_voice["synth"].texts[-1])


async def test_no_speaker_means_one_notice_and_text(data_dir: Path) -> None:
    """The real start-up on this machine: no sound card (or no espeak-ng)."""
    import sounddevice as sd

    if any(d["max_output_channels"] > 0 for d in sd.query_devices()):
        pytest.skip("this machine has an audio output device")
    app = make_app(data_dir, FakeChatModel(default_grade=grade("correct", 9)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.devices.speech_state == "failed")
        await start_interview(pilot, app)
        notices = [text for label, text in bubbles(app) if "voice is off" in text]
        assert len(notices) == 1 and "no audio output device" in notices[0]
        assert "speech off" in app.backends_summary()
        await pilot.press("f8")  # says why instead of failing
