"""Spoken test audio and a fake microphone that needs no sound card and no daemon.

How the fake microphone works: a throw-away ``HOME`` holds an ``~/.asoundrc`` whose ALSA
``default`` PCM captures from ALSA's ``file`` plugin (reading a headerless sample file, its
``slave`` being the ``null`` PCM) behind a ``plug`` fixed at 16 kHz mono, and plays into ``null``.
A *subprocess* started with the env from :func:`write_fake_mic_home` imports sounddevice (ALSA
reads its configuration when PortAudio starts, so it must happen in a fresh process) and sees one
device, ``default``, that records the file.

Verified behaviour (alsa-lib 1.2.8, PortAudio 19.6, sounddevice 0.5):

- **Match the dtype to the file.** Samples arrive bit-exact only when the stream asks for the
  file's own format: ``dtype="float32"`` for a FLOAT_LE file (:func:`to_raw_f32`), ``"int16"``
  for an S16_LE file (:func:`to_raw_s16`), always 16 kHz mono. If ALSA has to convert (an
  S16_LE file read as float32, or 48 kHz), its file plugin reads more than it delivers and
  silently drops chunks (correlation 0.05–0.15 with the file). For a float32 recorder use
  :func:`to_raw_f32`.
- **Not paced.** Blocks arrive as fast as the callback returns (thousands of times real time);
  ``stream.read``/``sd.rec`` return at once. Stop after a number of *samples*, never after a
  wall-clock time, or a 2 s ``sleep`` yields hours of audio.
- **End of file.** No error and no end-of-stream: the device repeats its last ring buffer (the
  final 0.05–0.5 s of the file, depending on latency/blocksize) forever. Keep ``pad_end_s`` of
  silence (default 1 s) so that everything after the end reads as exact zeros.
- Every stream opened re-reads the file from its first sample.
- Playback on ``default`` goes to ``null`` and is not paced either.
- With no ``.asoundrc`` and no sound card, ``sd.query_devices()`` is empty and opening an input
  stream raises ``sounddevice.PortAudioError("Error querying device -1")`` (see
  :data:`NO_MIC_ERROR`); a missing sample file looks the same.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import soundfile as sf

SAMPLE_RATE = 16_000
SampleFormat = Literal["S16_LE", "FLOAT_LE"]
#: The sounddevice dtype that reads each file format back bit-exact.
DTYPE_FOR_FORMAT: dict[str, str] = {"S16_LE": "int16", "FLOAT_LE": "float32"}
#: Message of the PortAudioError raised when no input device exists (no card, no .asoundrc).
NO_MIC_ERROR = "Error querying device -1"


class AudioToolMissing(RuntimeError):
    """A program or library the audio helpers need is not installed."""


def missing_audio_tools(*needed: str) -> list[str]:
    """Return which of ``needed`` (default: all of espeak-ng, sox, libportaudio2) are missing.

    Meant for ``pytest.mark.skipif(missing_audio_tools(...), reason=...)``.
    """
    wanted = needed or ("espeak-ng", "sox", "libportaudio2")
    missing = []
    for name in wanted:
        if name == "libportaudio2":
            if ctypes.util.find_library("portaudio") is None:
                missing.append(name)
        elif shutil.which(name) is None:
            missing.append(name)
    return missing


def _require(*tools: str) -> None:
    missing = missing_audio_tools(*tools)
    if missing:
        raise AudioToolMissing(
            f"missing {', '.join(missing)}: install the Debian packages of the same name"
        )


def espeak_wav(
    text: str,
    out: Path,
    *,
    rate: int = SAMPLE_RATE,
    wpm: int | None = None,
    voice: str = "en-us",
) -> Path:
    """Speak ``text`` with espeak-ng into ``out``: 16-bit mono WAV at ``rate`` Hz (no dither).

    Raises :class:`AudioToolMissing` when espeak-ng or sox is not installed.
    """
    _require("espeak-ng", "sox")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        raw_wav = Path(tmp) / "espeak.wav"
        cmd = ["espeak-ng", "-v", voice, "-w", str(raw_wav), "--stdin"]
        if wpm is not None:
            cmd[1:1] = ["-s", str(wpm)]
        subprocess.run(cmd, input=text, text=True, check=True, capture_output=True)
        # -D: no dither, so padded and trailing silence stays exact zeros.
        sox = ["sox", "-D", str(raw_wav), "-r", str(rate), "-c", "1", "-b", "16"]
        subprocess.run([*sox, "-e", "signed-integer", str(out)], check=True, capture_output=True)
    return out


def compose(
    wavs: Path | Sequence[Path],
    *,
    pad_start_s: float = 0.0,
    pad_end_s: float = 1.0,
    gap_s: float = 0.5,
    rate: int = SAMPLE_RATE,
) -> np.ndarray:
    """Join WAV files (mono or mixed down) with ``gap_s`` of silence between them, pad both ends.

    Returns float32 samples in [-1, 1). Every file must already be at ``rate`` Hz.
    """
    paths = [wavs] if isinstance(wavs, Path) else list(wavs)
    if not paths:
        raise ValueError("compose() needs at least one WAV file")

    def silence(seconds: float) -> np.ndarray:
        return np.zeros(round(seconds * rate), dtype=np.float32)

    parts = [silence(pad_start_s)]
    for i, path in enumerate(paths):
        data, file_rate = sf.read(path, dtype="float32", always_2d=True)
        if file_rate != rate:
            raise ValueError(f"{path} is {file_rate} Hz, expected {rate} Hz (espeak_wav(rate=...))")
        if i:
            parts.append(silence(gap_s))
        parts.append(data.mean(axis=1, dtype=np.float32))
    parts.append(silence(pad_end_s))
    return np.concatenate(parts)


def to_raw_s16(
    wav: Path | Sequence[Path],
    out: Path,
    *,
    pad_start_s: float = 0.0,
    pad_end_s: float = 1.0,
    gap_s: float = 0.5,
) -> Path:
    """Write :func:`compose` output as headerless S16_LE 16 kHz mono (read it with int16)."""
    samples = compose(wav, pad_start_s=pad_start_s, pad_end_s=pad_end_s, gap_s=gap_s)
    scaled = np.clip(np.round(samples * 32768.0), -32768, 32767)
    out.write_bytes(scaled.astype("<i2").tobytes())
    return out


def to_raw_f32(
    wav: Path | Sequence[Path],
    out: Path,
    *,
    pad_start_s: float = 0.0,
    pad_end_s: float = 1.0,
    gap_s: float = 0.5,
) -> Path:
    """Write :func:`compose` output as headerless FLOAT_LE 16 kHz mono (read it with float32)."""
    samples = compose(wav, pad_start_s=pad_start_s, pad_end_s=pad_end_s, gap_s=gap_s)
    out.write_bytes(samples.astype("<f4").tobytes())
    return out


def _format_of(raw: Path, sample_format: SampleFormat | None) -> SampleFormat:
    if sample_format is not None:
        return sample_format
    return "FLOAT_LE" if raw.suffix == ".f32" else "S16_LE"


def read_raw(raw: Path, sample_format: SampleFormat | None = None) -> np.ndarray:
    """Read a file written by :func:`to_raw_s16`/:func:`to_raw_f32` back as float32 samples."""
    if _format_of(raw, sample_format) == "FLOAT_LE":
        return np.fromfile(raw, dtype="<f4").astype(np.float32)
    return (np.fromfile(raw, dtype="<i2") / 32768.0).astype(np.float32)


def asoundrc_text(raw: Path, sample_format: SampleFormat = "S16_LE") -> str:
    """The ``~/.asoundrc`` that makes ALSA's default capture device read ``raw``."""
    path = str(raw.resolve())
    if any(c in path for c in '"\\\n'):
        raise ValueError(f"path not usable in an ALSA config string: {path!r}")
    return f"""\
# Fake microphone for tests: capture reads {path}; playback is discarded.
pcm.!default {{
    type asym
    playback.pcm "null"
    capture.pcm {{
        type plug
        slave {{
            pcm {{
                type file
                slave.pcm "null"
                file "/dev/null"
                infile "{path}"
            }}
            format {sample_format}
            rate {SAMPLE_RATE}
            channels 1
        }}
    }}
}}
"""


def write_fake_mic_home(
    home: Path, raw: Path, *, sample_format: SampleFormat | None = None
) -> dict[str, str]:
    """Write ``home/.asoundrc`` for a fake microphone reading ``raw``; return a subprocess env.

    ``sample_format`` defaults to FLOAT_LE for a ``.f32`` file and S16_LE otherwise. The env is
    :func:`home_env`'s. Read it with ``DTYPE_FOR_FORMAT[format]`` at 16 kHz mono.
    """
    if not raw.is_file():
        raise FileNotFoundError(raw)  # ALSA would only say "no input device"
    env = home_env(home)
    (home / ".asoundrc").write_text(asoundrc_text(raw, _format_of(raw, sample_format)))
    return env


def home_env(home: Path) -> dict[str, str]:
    """Create ``home`` and return a copy of ``os.environ`` that uses it as ``HOME``.

    Without an ``.asoundrc`` there this is the real no-microphone state of a machine without a
    sound card. ``ALSA_CONFIG_PATH`` and ``XDG_CONFIG_HOME`` are dropped: either could make ALSA
    skip or override ``home/.asoundrc``.
    """
    home.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["HOME"] = str(home)
    env.pop("ALSA_CONFIG_PATH", None)
    env.pop("XDG_CONFIG_HOME", None)
    return env


def run_python(
    code: str, env: dict[str, str], *, timeout: float = 60.0
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` with this interpreter in a subprocess with ``env``; capture text output."""
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
