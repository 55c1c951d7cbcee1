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
