"""The fake microphone and spoken-audio helpers in tests/audio_support.py do what they say."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.audio_support import (
    DTYPE_FOR_FORMAT,
    NO_MIC_ERROR,
    SAMPLE_RATE,
    compose,
    espeak_wav,
    home_env,
    missing_audio_tools,
    read_raw,
    run_python,
    to_raw_f32,
    to_raw_s16,
    write_fake_mic_home,
)

needs_speech = pytest.mark.skipif(
    bool(missing_audio_tools("espeak-ng", "sox")),
    reason=f"needs Debian espeak-ng and sox; missing {missing_audio_tools('espeak-ng', 'sox')}",
)
needs_all = pytest.mark.skipif(
    bool(missing_audio_tools()),
    reason=f"needs Debian espeak-ng, sox, libportaudio2; missing {missing_audio_tools()}",
)

# Records `total` samples from the default input device through an InputStream callback, the
# way the app will, and saves them; the stream is not paced, so stop on a sample count.
RECORD = """
import json, sys, time
import numpy as np
import sounddevice as sd
dtype, total, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
blocks, got = [], 0
def callback(indata, frames, when, status):
    global got
    blocks.append(indata[:, 0].copy())
    got += frames
    if got >= total:
        raise sd.CallbackStop
start = time.perf_counter()
with sd.InputStream(samplerate=16000, channels=1, dtype=dtype, blocksize=1600,
                    callback=callback) as stream:
    while stream.active:
        time.sleep(0.005)
np.save(out, np.concatenate(blocks)[:total])
inputs = [d["name"] for d in sd.query_devices() if d["max_input_channels"] > 0]
print(json.dumps({"inputs": inputs, "seconds": time.perf_counter() - start}))
"""


def record(env: dict[str, str], dtype: str, total: int, out: Path) -> tuple[np.ndarray, dict]:
    code = "import sys; sys.argv[1:] = " + repr([dtype, str(total), str(out)]) + "\n" + RECORD
    done = run_python(code, env)
    assert done.returncode == 0, done.stderr
    samples = np.load(out)
    if samples.dtype == np.int16:
        samples = (samples / 32768.0).astype(np.float32)
    return samples, json.loads(done.stdout)


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def test_compose_pads_joins_and_round_trips(tmp_path: Path) -> None:
    tone = (0.5 * np.sin(2 * np.pi * 440 * np.arange(1600) / SAMPLE_RATE)).astype(np.float32)
    first, second = tmp_path / "a.wav", tmp_path / "b.wav"
    sf.write(first, tone, SAMPLE_RATE, subtype="PCM_16")
    sf.write(second, -tone, SAMPLE_RATE, subtype="PCM_16")

    joined = compose([first, second], pad_start_s=0.25, pad_end_s=0.5, gap_s=0.1)

    assert len(joined) == 4000 + 1600 + 1600 + 1600 + 8000
    assert not joined[:4000].any() and not joined[5600:7200].any() and not joined[-8000:].any()
    assert correlation(joined[4000:5600], tone) > 0.999
    assert correlation(joined[7200:8800], -tone) > 0.999
    for writer, name in ((to_raw_s16, "x.s16"), (to_raw_f32, "x.f32")):
        raw = writer([first, second], tmp_path / name, pad_start_s=0.25, pad_end_s=0.5, gap_s=0.1)
        np.testing.assert_array_equal(read_raw(raw), joined)  # 16-bit sources survive exactly


def test_compose_rejects_other_sample_rates(tmp_path: Path) -> None:
    wav = tmp_path / "cd.wav"
    sf.write(wav, np.zeros(441, dtype=np.float32), 44_100)
    with pytest.raises(ValueError, match="44100 Hz"):
        compose(wav)


@needs_speech
def test_espeak_wav_is_16k_mono_speech(tmp_path: Path) -> None:
    wav = espeak_wav("A B-tree index keeps keys sorted.", tmp_path / "s.wav", wpm=150)
    info = sf.info(wav)
    assert (info.samplerate, info.channels, info.subtype) == (SAMPLE_RATE, 1, "PCM_16")
    assert 1.0 < info.duration < 5.0
    samples, _ = sf.read(wav, dtype="float32")
    assert float(np.sqrt(np.mean(samples**2))) > 0.01


@needs_all
@pytest.mark.parametrize("writer", [to_raw_f32, to_raw_s16], ids=["float32", "int16"])
def test_fake_mic_records_the_file(tmp_path: Path, writer) -> None:
    speech = espeak_wav("An idempotent operation can be repeated safely.", tmp_path / "s.wav")
    suffix = ".f32" if writer is to_raw_f32 else ".s16"
    raw = writer(speech, tmp_path / f"mic{suffix}", pad_start_s=0.2, pad_end_s=1.0)
    expected = read_raw(raw)
    env = write_fake_mic_home(tmp_path / "home", raw)
    dtype = DTYPE_FOR_FORMAT["FLOAT_LE" if suffix == ".f32" else "S16_LE"]
    total = len(expected) + SAMPLE_RATE  # one second past the end of the file

    got, report = record(env, dtype, total, tmp_path / "got.npy")

    assert report["inputs"] == ["default"]
    assert len(got) == total
    head = got[: len(expected)]
    assert float(np.sqrt(np.mean(head**2))) > 0.01  # speech, not silence
    assert correlation(head, expected) > 0.999
    np.testing.assert_array_equal(head, expected)  # bit-exact, from the first sample
    assert not got[len(expected) :].any()  # past the end: the padded silence, repeated
    assert report["seconds"] < 2.0  # not paced: ~4 s of audio arrives at once


def test_no_microphone_raises_portaudio_error(tmp_path: Path) -> None:
    if missing_audio_tools("libportaudio2"):
        pytest.skip("needs Debian libportaudio2")
    env = home_env(tmp_path / "home")  # the real state: no .asoundrc
    code = """
import json
import sounddevice as sd
inputs = [d["name"] for d in sd.query_devices() if d["max_input_channels"] > 0]
try:
    sd.InputStream(samplerate=16000, channels=1, dtype="float32")
    error = None
except sd.PortAudioError as exc:
    error = str(exc)
print(json.dumps({"inputs": inputs, "error": error}))
"""
    done = run_python(code, env)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    if found["inputs"]:
        pytest.skip(f"this machine has a real audio input: {found['inputs']}")
    assert found["error"] == NO_MIC_ERROR
