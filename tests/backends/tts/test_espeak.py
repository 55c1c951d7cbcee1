"""espeak-ng through pyttsx3: real speech of the right length and loudness, nothing on stdout,
a voice per language, and `interbot say`."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from interbot_tui.cli import main

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")

LINE = "Tell me about a time you disagreed with a decision, and what you did about it."


@pytest.fixture(scope="module")
def synth():  # type: ignore[no-untyped-def]
    from interbot_tui.backends.tts.espeak import Pyttsx3Synthesizer

    s = Pyttsx3Synthesizer(rate=170)
    yield s
    s.close()


def _speech_stats(samples: np.ndarray, rate: int) -> tuple[float, float, float]:
    """Duration, RMS of the loud part, and the share of 20 ms frames with sound in them."""
    frame = rate // 50
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame)
    rms = np.sqrt((frames**2).mean(axis=1))
    voiced = rms > 0.02
    return len(samples) / rate, float(rms[voiced].mean()), float(voiced.mean())


def test_a_line_is_real_speech_of_plausible_length(synth, capfd) -> None:  # type: ignore[no-untyped-def]
    samples = synth.synthesize(LINE)
    seconds, loudness, voiced = _speech_stats(samples, synth.sample_rate)
    words = len(LINE.split())
    # 170 words a minute is 0.35 s a word; espeak adds little pauses at commas.
    assert 0.6 * words * 60 / 170 < seconds < 1.6 * words * 60 / 170
    assert loudness > 0.05  # clearly audible, not silence or noise floor
    assert 0.4 < voiced < 0.98  # speech with gaps, not a tone
    assert samples.dtype == np.float32 and float(np.abs(samples).max()) <= 1.0
    assert "Audio saved" not in capfd.readouterr().out  # pyttsx3's print never reaches the TUI


def test_rate_changes_the_length(tmp_path: Path) -> None:
    """Each rate in its own process: espeak-ng can apply a changed rate a line late."""
    import subprocess
    import sys

    seconds = {}
    for rate in (170, 300):
        out = tmp_path / f"{rate}.wav"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "interbot_tui",
                "say",
                LINE,
                "--rate",
                str(rate),
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        seconds[rate] = sf.info(str(out)).duration
    assert seconds[300] < 0.75 * seconds[170]


def test_voice_follows_the_language(synth) -> None:  # type: ignore[no-untyped-def]
    synth.set_language("es")
    assert "es" in synth.voice.languages or synth.voice.id.endswith("/es")
    synth.set_language("de")
    assert synth.voice.id.endswith("/de")
    synth.set_language("en")
    assert synth.voice.id.endswith("/en") or "en" in synth.voice.id


def test_an_unknown_voice_says_how_to_list_them() -> None:
    from interbot_tui.backends.tts.espeak import Pyttsx3Synthesizer, SpeechUnavailable

    with pytest.raises(SpeechUnavailable, match="say --voices"):
        Pyttsx3Synthesizer(voice="no-such-voice")


def test_say_writes_a_wav(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "line.wav"
    assert main(["say", "Hello. Welcome to your practice interview.", "--out", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    samples, rate = sf.read(out, dtype="float32")
    seconds, loudness, _ = _speech_stats(samples, rate)
    assert 1.5 < seconds < 6 and loudness > 0.05


def test_say_lists_voices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["say", "--voices"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 20 and any(line.startswith("roa/es ") for line in lines)


def test_say_aloud_without_a_device_suggests_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    import sounddevice as sd

    if any(d["max_output_channels"] > 0 for d in sd.query_devices()):
        pytest.skip("this machine has an audio output device")
    assert main(["say", "Hello."]) == 2
    err = capsys.readouterr().err
    assert "no audio output device" in err and "--out FILE.wav" in err


def test_bad_flags_are_clear(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["say", "Hi.", "--rate", "20"]) == 2
    assert "--rate must be 80–400" in capsys.readouterr().err
    assert main(["say", "Hi.", "--volume", "3"]) == 2
    assert "--volume must be between 0 and 1" in capsys.readouterr().err


def test_escape_sequences_are_not_read_out(synth) -> None:  # type: ignore[no-untyped-def]
    plain = synth.synthesize("Hello.")
    hostile = synth.synthesize("\x1b[2J\x1b[31mHello.\x1b[0m\x07")
    assert abs(len(hostile) - len(plain)) < 0.05 * synth.sample_rate
    assert len(synth.synthesize("\x1b[2J\x07")) == 0
