"""What the rest of interbot asks of text-to-speech: a synthesiser that turns a sentence into
samples, and a sound output that plays them. The real ones are espeak-ng through pyttsx3
(`espeak.py`) and sounddevice (`sound_output.py`); `speaker.Speaker` drives the pair."""

from __future__ import annotations

from typing import Protocol

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.float32]


class Synthesizer(Protocol):
    name: str  # shown in the status bar: "espeak-ng English (America)"
    sample_rate: int

    def synthesize(self, text: str) -> Samples:
        """Mono float32 samples at `sample_rate` for `text` (empty for blank text)."""
        ...

    def set_language(self, language: str) -> None:
        """Speak `language` (a code such as "es") from the next sentence on."""
        ...


class SoundOutput(Protocol):
    def play(self, samples: Samples, rate: int) -> bool:
        """Play to the end (True) or until `stop()` (False). Blocks: called from a worker."""
        ...

    def stop(self) -> None: ...
