"""The interviewer's voice is intelligible: pyttsx3/espeak-ng output, resampled to 16 kHz, is
read back by the real Whisper model. Also the bench's time-to-first-audio with a small model."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from interbot_tui.core.ports import ModelError
from interbot_tui.core.speech.transcript import SAMPLE_RATE
from interbot_tui.locations import models_dir

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="needs Debian espeak-ng"),
]

LINE = "Tell me about a time you disagreed with your manager, and what you did about it."


def _words(text: str) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in text.lower()).split()]


def test_whisper_understands_the_interviewer() -> None:
    from interbot_tui.backends.stt.factory import load_stt
    from interbot_tui.backends.tts.espeak import Pyttsx3Synthesizer

    try:
        stt = load_stt("whisper-base", models_dir())
    except ModelError as exc:
        pytest.skip(str(exc))
    synth = Pyttsx3Synthesizer(rate=170)
    samples = synth.synthesize(LINE)
    # Linear resampling to Whisper's 16 kHz is plenty for a speech check.
    n = int(len(samples) * SAMPLE_RATE / synth.sample_rate)
    resampled = np.interp(
        np.linspace(0, len(samples) - 1, n), np.arange(len(samples)), samples
    ).astype(np.float32)
    heard = _words(stt.transcribe(resampled).text)
    wanted = _words(LINE)
    found = sum(w in heard for w in wanted) / len(wanted)
    print(f"\nTTS → Whisper: {found:.0%} of the words heard back: {' '.join(heard)}")
    assert found >= 0.8


def test_bench_streams_before_the_reply_is_complete() -> None:
    from interbot_tui.backends.llm.factory import load_chat_model
    from interbot_tui.tools.tts_bench import run_tts_bench

    try:
        model = load_chat_model("smollm2-135m", models_dir())
    except ModelError as exc:
        pytest.skip(str(exc))
    result = run_tts_bench(model, log=lambda line: None)
    assert result.sentences >= 1 and result.reply_audio_s > 0.5
    if result.sentences > 1:  # with one sentence there is nothing to gain
        assert result.first_audio_streamed_s < result.first_audio_whole_s
    print(f"\n{result.lines()}")
