"""The microphone and the voice input around it, without a sound card.

PortAudio reads the ALSA configuration once per process, from ``$HOME/.asoundrc``, so every
test that opens a device runs in a subprocess with its own ``HOME`` (see tests/audio_support.py).
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf

from interbot_tui.backends.stt.listener import Callbacks
from interbot_tui.backends.stt.vad import EnergyVad
from interbot_tui.backends.stt.voice_input import VoiceInput, VoiceSettings, VoiceUnavailable
from interbot_tui.core.speech.transcript import SAMPLE_RATE, Transcript
from tests.audio_support import (
    espeak_wav,
    home_env,
    missing_audio_tools,
    read_raw,
    run_python,
    to_raw_f32,
    write_fake_mic_home,
)
from tests.fakes.stt import LoudIsHello

NO_MIC = """
import json
from interbot_tui.backends.stt.microphone import Microphone, MicrophoneUnavailable, input_devices
inputs = [d.name for d in input_devices()]
try:
    Microphone(lambda block: None).start()
    error = None
except MicrophoneUnavailable as exc:
    error = str(exc)
print(json.dumps({"inputs": inputs, "error": error}))
"""

# Records `total` samples through the app's Microphone class, then stops it. The fake device is
# not paced, so stop on a sample count, never on a wall-clock time.
RECORD = """
import json, sys, threading
import numpy as np
from interbot_tui.backends.stt.microphone import Microphone
total, out = int(sys.argv[1]), sys.argv[2]
blocks, got, done = [], 0, threading.Event()
def on_block(block):
    global got
    if done.is_set():
        return
    blocks.append(block)
    got += len(block)
    if got >= total:
        done.set()
mic = Microphone(on_block)
mic.start()
ok = done.wait(20)
running = mic.running
mic.stop()
np.save(out, np.concatenate(blocks)[:total])
print(json.dumps({
    "ok": ok,
    "running": running,
    "stopped": not mic.running,
    "sizes": sorted({len(b) for b in blocks}),
    "dtypes": sorted({str(b.dtype) for b in blocks}),
}))
"""


def test_no_sound_card_says_answers_can_be_typed(tmp_path: Path) -> None:
    if missing_audio_tools("libportaudio2"):
        pytest.skip("needs Debian libportaudio2")
    env = home_env(tmp_path / "home")  # no .asoundrc: a developer's own setup is not used
    done = run_python(NO_MIC, env)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    if found["inputs"]:
        pytest.skip(f"this machine has a real audio input: {found['inputs']}")
    assert found["error"] is not None, "start() succeeded without a microphone"
    assert found["error"].startswith("no microphone found")
    assert "answers can be typed" in found["error"]


@pytest.mark.skipif(
    bool(missing_audio_tools()),
    reason=f"needs Debian espeak-ng, sox, libportaudio2; missing {missing_audio_tools()}",
)
def test_microphone_records_the_fake_device(tmp_path: Path) -> None:
    speech = espeak_wav("A B-tree index keeps its keys sorted.", tmp_path / "s.wav")
    raw = to_raw_f32(speech, tmp_path / "mic.f32", pad_start_s=0.2, pad_end_s=1.0)
    expected = read_raw(raw)
    env = write_fake_mic_home(tmp_path / "home", raw)
    code = "import sys; sys.argv[1:] = " + repr([str(len(expected)), str(tmp_path / "got.npy")])

    done = run_python(code + "\n" + RECORD, env)

    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] and report["running"] and report["stopped"]
    assert report["sizes"] == [1024] and report["dtypes"] == ["float32"]
    got = np.load(tmp_path / "got.npy")
    assert len(got) == len(expected)
    assert float(np.sqrt(np.mean(got**2))) > 0.01  # speech, not silence
    assert float(np.corrcoef(got, expected)[0, 1]) > 0.99


# --- VoiceInput ---------------------------------------------------------------------------------


def stt_threads() -> int:
    return sum(t.name == "interbot-stt" and t.is_alive() for t in threading.enumerate())


def wait_for(condition: Any, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return bool(condition())


@pytest.fixture
def fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """No Whisper and no Silero: VoiceInput.start imports these at call time."""
    monkeypatch.setattr(
        "interbot_tui.backends.stt.factory.load_stt", lambda _spec, _models: LoudIsHello()
    )
    monkeypatch.setattr("interbot_tui.backends.stt.vad.load_vad", EnergyVad)


def test_voice_input_without_the_speech_model_says_how_to_install(tmp_path: Path) -> None:
    clip = tmp_path / "answer.wav"
    sf.write(clip, np.zeros(SAMPLE_RATE, np.float32), SAMPLE_RATE)
    before = stt_threads()
    voice = VoiceInput(VoiceSettings(mic_files=[clip]), tmp_path / "no-models", Callbacks())

    with pytest.raises(VoiceUnavailable) as raised:
        voice.start()

    message = str(raised.value)
    assert "is missing" in message
    assert "interbot models install" in message
    assert voice.listener is None and voice.source is None
    assert stt_threads() == before  # no listener was started
    voice.close()  # safe after a failed start


def test_voice_input_unreadable_mic_file_leaves_no_thread(
    tmp_path: Path, fake_models: None
) -> None:
    before = stt_threads()
    missing = tmp_path / "nowhere.wav"
    voice = VoiceInput(VoiceSettings(mic_files=[missing]), tmp_path, Callbacks())

    with pytest.raises(VoiceUnavailable, match=r"^--mic-file: no audio file at .*nowhere\.wav"):
        voice.start()

    assert voice.listener is None
    assert wait_for(lambda: stt_threads() == before), "the listener's worker thread leaked"


def test_voice_input_answers_from_a_mic_file(tmp_path: Path, fake_models: None) -> None:
    t = np.arange(round(0.4 * SAMPLE_RATE)) / SAMPLE_RATE
    clip = tmp_path / "answer.wav"
    sf.write(clip, (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), SAMPLE_RATE)
    finals: list[Transcript] = []
    started = threading.Event()
    voice = VoiceInput(
        VoiceSettings(mic_files=[clip], silence_s=0.4),
        tmp_path,
        Callbacks(final=finals.append, speech_started=started.set),
    )
    voice.start()
    try:
        assert voice.stt_name == "tone-stt" and voice.hands_free and not voice.recording
        assert voice.source is not None and voice.source.running
        time.sleep(0.1)
        assert not started.is_set()  # the clip waits until an answer is awaited
        voice.listen(["B-tree"])
        assert wait_for(lambda: bool(finals)), "no final from the mic file"  # ~1 s, real time
        assert [f.text for f in finals] == ["hello"]
        assert voice.listener is not None and voice.listener.terms == ["B-tree"]
        assert not voice.listener.active
    finally:
        voice.close()
    assert wait_for(lambda: not voice.source.running)


def test_voice_input_hands_over_the_last_recording_only_when_kept(
    tmp_path: Path, fake_models: None
) -> None:
    t = np.arange(round(0.4 * SAMPLE_RATE)) / SAMPLE_RATE
    clip = tmp_path / "answer.wav"
    sf.write(clip, (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), SAMPLE_RATE)
    finals: list[Transcript] = []
    settings = VoiceSettings(mic_files=[clip], silence_s=0.4, keep_audio=True)
    voice = VoiceInput(settings, tmp_path, Callbacks(final=finals.append))
    assert voice.last_recording is None  # not started
    voice.start()
    try:
        assert voice.last_recording is None  # nothing heard yet
        voice.listen([])
        assert wait_for(lambda: bool(finals)), "no final from the mic file"
        kept = voice.last_recording
        assert kept is not None and len(kept) >= len(t) // 2
        assert voice.listener is not None and kept is voice.listener.last_audio
    finally:
        voice.close()


# --- a microphone that fails mid-use ------------------------------------------------------------


class FakeStream:
    """sounddevice.InputStream as PortAudio runs it: blocks on its own thread, and the ways a
    live device ends: a host error (`die`), silence (`stall`), or the callback aborting."""

    def __init__(self, sd: FakeSounddevice, **kw: Any) -> None:
        self.sd = sd
        self.callback = kw["callback"]
        self.finished = kw["finished_callback"]
        self.active = False
        self.broken = False
        self._halt = threading.Event()
        sd.streams.append(self)

    def start(self) -> None:
        self.active = True
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        flags = type("Flags", (), {"input_overflow": False})()
        sent = 0
        while not self._halt.is_set():
            if self.sd.mode == "stall" and sent >= 5:
                time.sleep(0.01)  # the device is still "open" but no sound comes
                continue
            if self.sd.mode == "die" and sent >= 5:
                self.broken, self.active = True, False
                self.finished()  # PortAudio's host thread ended on a device error
                return
            try:
                self.callback(np.zeros((1024, 1), np.float32), 1024, None, flags)
            except self.sd.CallbackAbort:
                self.active = False
                self.finished()
                return
            sent += 1
            time.sleep(0.002)

    def stop(self) -> None:
        if self.broken:
            raise self.sd.PortAudioError("Unanticipated host error")
        self._halt.set()
        if self.active:
            self.active = False
            self.finished()  # PortAudio calls it after a stop too: that is no failure

    def close(self) -> None:
        if self.broken:
            raise self.sd.PortAudioError("Unanticipated host error")


class FakeSounddevice:
    class CallbackAbort(Exception):  # sounddevice's name
        pass

    class PortAudioError(Exception):
        pass

    default = type("Default", (), {"device": (0, 0)})()

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.streams: list[FakeStream] = []

    def query_devices(self) -> list[dict[str, Any]]:
        return [{"name": "fake mic", "max_input_channels": 1}]

    def InputStream(self, **kw: Any) -> FakeStream:  # sounddevice's name
        return FakeStream(self, **kw)


def open_fake_mic(
    monkeypatch: pytest.MonkeyPatch, mode: str, on_block: Any = None, stall_s: float = 0.3
) -> tuple[Any, list[str], FakeSounddevice]:
    from interbot_tui.backends.stt import microphone

    sd = FakeSounddevice(mode)
    monkeypatch.setattr(microphone, "_sounddevice", lambda: sd)
    lost: list[str] = []
    mic = microphone.Microphone(
        on_block or (lambda _block: None), on_lost=lost.append, stall_s=stall_s
    )
    mic.start()
    return mic, lost, sd


def test_a_microphone_that_dies_mid_stream_is_reported_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mic, lost, _ = open_fake_mic(monkeypatch, "die")
    assert wait_for(lambda: bool(lost)), "the dead stream was not noticed"
    time.sleep(0.3)
    assert lost == ["the audio stream ended (was it unplugged?)"]
    assert mic.lost == lost[0] and not mic.running
    mic.stop()  # the dead device raises on stop and close: not passed on
    assert lost == [lost[0]] and mic._stream is None
    assert not [t for t in threading.enumerate() if t.name == "interbot-mic"]


def test_a_microphone_that_goes_silent_is_reported_after_the_stall_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start = time.monotonic()
    mic, lost, _ = open_fake_mic(monkeypatch, "stall", stall_s=0.3)
    assert wait_for(lambda: bool(lost))
    assert time.monotonic() - start >= 0.3
    assert lost == ["no sound came from it for 0.3 s (was it unplugged?)"]
    mic.stop()


def test_processing_that_raises_stops_the_stream_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    seen: list[int] = []

    def on_block(block: Any) -> None:
        seen.append(len(block))
        if len(seen) == 3:
            raise ValueError("bad block")

    mic, lost, _ = open_fake_mic(monkeypatch, "ok", on_block)
    assert wait_for(lambda: bool(lost))
    assert lost == ["its sound could not be processed (ValueError: bad block)"]
    assert len(seen) == 3  # the stream was aborted at once
    mic.stop()
    assert "Traceback" not in capfd.readouterr().err


def test_stopping_a_healthy_microphone_reports_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    mic, lost, sd = open_fake_mic(monkeypatch, "ok", stall_s=0.2)
    time.sleep(0.35)  # longer than the stall time: blocks keep coming
    assert mic.running and lost == []
    mic.stop()
    time.sleep(0.3)
    assert lost == [] and not mic.running and not sd.streams[0].active


PROCESSING_FAILS = """
import json, sys, threading
from interbot_tui.backends.stt.microphone import Microphone
lost, count = [], [0]
told = threading.Event()
def on_block(block):
    count[0] += 1
    if count[0] == 5:
        raise RuntimeError("listener broke")
def on_lost(reason):
    lost.append(reason)
    told.set()
mic = Microphone(on_block, on_lost=on_lost)
mic.start()
ok = told.wait(10)
running = mic.running
mic.stop()
print(json.dumps({"ok": ok, "lost": lost, "blocks": count[0], "running": running}))
"""


@pytest.mark.skipif(
    bool(missing_audio_tools()),
    reason=f"needs Debian espeak-ng, sox, libportaudio2; missing {missing_audio_tools()}",
)
def test_real_portaudio_stream_aborted_mid_use_is_reported_without_a_traceback(
    tmp_path: Path,
) -> None:
    """Through PortAudio and the fake ALSA microphone: the callback's failure aborts the stream,
    PortAudio's finished callback fires, and the watch reports it once."""
    speech = espeak_wav("One two three.", tmp_path / "s.wav")
    raw = to_raw_f32(speech, tmp_path / "mic.f32")
    done = run_python(PROCESSING_FAILS, write_fake_mic_home(tmp_path / "home", raw))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ok"], report
    assert report["lost"] == ["its sound could not be processed (RuntimeError: listener broke)"]
    assert report["blocks"] == 5 and not report["running"]
    assert "Traceback" not in done.stderr and "listener broke" not in done.stderr


# --- VoiceInput when its microphone stops mid-answer --------------------------------------------


class ScriptedMic:
    """Stands in for Microphone inside VoiceInput: the test plays audio and then kills it."""

    made: list[ScriptedMic] = []

    def __init__(self, on_block: Any, *, device: Any = None, on_lost: Any = None) -> None:
        self.on_block, self.on_lost = on_block, on_lost
        self.stopped = False
        ScriptedMic.made.append(self)

    def start(self) -> None:
        pass

    def stop(self) -> None:
        self.stopped = True

    @property
    def running(self) -> bool:
        return not self.stopped

    def play(self, *parts: np.ndarray) -> None:
        from interbot_tui.backends.stt.playback_feed import play

        play(np.concatenate(parts), self.on_block, realtime=False, trailing_silence_s=0.0)

    def die(self, reason: str = "the audio stream ended (was it unplugged?)") -> None:
        threading.Thread(target=self.on_lost, args=(reason,)).start()  # as the watch thread


@pytest.fixture
def scripted_voice(monkeypatch: pytest.MonkeyPatch) -> Any:
    from tests.fakes.stt import ToneSpeechToText

    stt = ToneSpeechToText()
    ScriptedMic.made.clear()
    monkeypatch.setattr("interbot_tui.backends.stt.factory.load_stt", lambda _s, _m: stt)
    monkeypatch.setattr("interbot_tui.backends.stt.vad.load_vad", EnergyVad)
    monkeypatch.setattr("interbot_tui.backends.stt.microphone.Microphone", ScriptedMic)
    return stt


def lost_voice(
    tmp_path: Path, hands_free: bool
) -> tuple[VoiceInput, list[tuple[str, str]], list[Transcript]]:
    lost: list[tuple[str, str]] = []
    finals: list[Transcript] = []
    voice = VoiceInput(
        VoiceSettings(hands_free=hands_free, silence_s=1.0),
        tmp_path,
        Callbacks(final=finals.append, lost=lambda reason, heard: lost.append((reason, heard))),
    )
    voice.start()
    return voice, lost, finals


@pytest.mark.parametrize("hands_free", [True, False])
def test_mic_lost_mid_answer_hands_over_what_was_heard(
    tmp_path: Path, scripted_voice: Any, hands_free: bool
) -> None:
    from tests.fakes.stt import silence, tone

    voice, lost, finals = lost_voice(tmp_path, hands_free)
    try:
        if hands_free:
            voice.listen([])
        else:
            assert voice.toggle_talk()  # recording
        [mic] = ScriptedMic.made
        # Two words with a short pause (not long enough to end the answer), then the mic dies.
        mic.play(silence(0.2), tone("alpha", 0.5), silence(0.4), tone("bravo", 0.5))
        mic.die()
        assert wait_for(lambda: bool(lost)), "the loss was never handed over"
        time.sleep(0.1)
        assert lost == [("the audio stream ended (was it unplugged?)", "alpha bravo")]
        assert finals == []  # not sent as an answer: the candidate finishes it by typing
        assert voice.lost is not None and not voice.recording
        voice.listen([])  # voice is off now: nothing is armed again
        assert voice.listener is not None and not voice.listener.active
        assert voice.toggle_talk() is False
    finally:
        voice.close()


def test_mic_lost_between_answers_is_told_once_with_nothing_heard(
    tmp_path: Path, scripted_voice: Any
) -> None:
    voice, lost, finals = lost_voice(tmp_path, hands_free=True)
    try:
        [mic] = ScriptedMic.made
        mic.die()
        mic.die("no sound came from it for 3 s (was it unplugged?)")  # a second report: ignored
        assert wait_for(lambda: bool(lost))
        time.sleep(0.1)
        assert lost == [("the audio stream ended (was it unplugged?)", "")]
        assert finals == [] and scripted_voice.calls == []
    finally:
        voice.close()
    assert mic.stopped
