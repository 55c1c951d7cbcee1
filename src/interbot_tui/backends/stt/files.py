"""Recorded answers: transcribe a file (`interbot transcribe`, plain mode's `@PATH`) and keep
recordings when the user asks (`--keep-audio`)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interbot_tui.core.speech.transcript import SAMPLE_RATE, Transcript, bias_prompt
from interbot_tui.private_files import write_private

if TYPE_CHECKING:
    from interbot_tui.backends.stt.base import SpeechToText

AUDIO_DIR = "recordings"


def transcribe_file(
    path: Path,
    *,
    stt: SpeechToText | None = None,
    stt_spec: str | None = None,
    models_dir: Path | None = None,
    language: str = "en",
    terms: list[str] | None = None,
) -> Transcript:
    """Decode and transcribe a whole file, with word times for the delivery figures."""
    from interbot_tui.backends.stt.factory import load_stt
    from interbot_tui.backends.stt.whisper import read_audio

    samples = read_audio(path.expanduser())
    if stt is None:
        stt = load_stt(stt_spec, models_dir or Path("models"))
    return stt.transcribe(
        samples,
        prompt=bias_prompt(terms or []),
        language=language,
        words=True,
        fallback=True,
        skip_silence=True,
    )


def keep_recording(data_dir: Path, session_id: int | None, number: int, samples: Any) -> str:
    """Write one answer's audio as a 16 kHz WAV readable by the user alone; return its name."""
    import soundfile

    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"{AUDIO_DIR}/session{session_id or 0}-q{number}-{stamp}.wav"
    write_private(
        data_dir / name,
        lambda f: soundfile.write(f, samples, SAMPLE_RATE, format="WAV", subtype="PCM_16"),
    )
    return name
