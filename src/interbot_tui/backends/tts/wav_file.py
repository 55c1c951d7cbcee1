"""Speech written to a WAV file instead of played (`interbot say --out FILE.wav`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from interbot_tui.backends.tts.base import Synthesizer
from interbot_tui.core.speech.sentences import split_sentences

PAUSE_S = 0.25  # between sentences, as the speaker leaves them when it plays


def write_speech_wav(synth: Synthesizer, text: str, out: Path) -> float:
    """Synthesise `text` sentence by sentence into a 16-bit WAV at `out`; return its seconds.

    Raises OSError or RuntimeError (from soundfile) when the file cannot be written."""
    import soundfile

    pause = np.zeros(int(PAUSE_S * synth.sample_rate), dtype=np.float32)
    parts = []
    for sentence in split_sentences(text):
        parts += [synth.synthesize(sentence), pause]
    samples = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
    soundfile.write(str(out), samples, synth.sample_rate, subtype="PCM_16")
    return len(samples) / synth.sample_rate
