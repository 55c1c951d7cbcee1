"""Text-to-speech fakes: a synthesiser that makes one sample per character and a sound output
that "plays" at a chosen pace and can be stopped mid-line."""

from __future__ import annotations

import threading
import time

import numpy as np

from interbot_tui.backends.tts.base import Samples

RATE = 1000


class CountingSynth:
    """One sample per character, so a sentence's length is visible in what was played."""

    name = "fake"
    sample_rate = RATE

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.texts: list[str] = []
        self.languages: list[str] = []

    def synthesize(self, text: str) -> Samples:
        time.sleep(self.delay)
        self.texts.append(text)
        return np.full(len(text), 0.5, dtype=np.float32)

    def set_language(self, language: str) -> None:
        self.languages.append(language)


class SlowOutput:
    """Plays `seconds_per_sample` per sample in small steps; stop() cuts the current line."""

    def __init__(self, seconds_per_sample: float = 0.0) -> None:
        self.step = seconds_per_sample
        self.played: list[int] = []  # samples actually played per line
        self._stop = threading.Event()

    def play(self, samples: Samples, rate: int) -> bool:
        self._stop.clear()
        done = 0
        for _ in range(len(samples)):
            if self._stop.is_set():
                break
            time.sleep(self.step)
            done += 1
        self.played.append(done)
        return done == len(samples)

    def stop(self) -> None:
        self._stop.set()
