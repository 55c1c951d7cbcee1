"""Speech-to-text fakes: no Whisper, sine tones stand in for words.

`ToneSpeechToText` "hears" sine tones: each tone frequency stands for one word, so the text it
returns says exactly which stretch of audio it was handed. `LoudIsHello` hears "hello" in any
loud audio.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from interbot_tui.core.speech.delivery import Word
from interbot_tui.core.speech.transcript import SAMPLE_RATE, Transcript

WORDS = {"alpha": 300.0, "bravo": 500.0, "charlie": 700.0, "delta": 900.0}
AMPLITUDE = 0.3
WAIT_S = 5.0  # generous: the fake STT answers in microseconds


def tone(word: str, seconds: float) -> np.ndarray:
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return (AMPLITUDE * np.sin(2 * np.pi * WORDS[word] * t)).astype(np.float32)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SAMPLE_RATE), np.float32)


def heard_words(samples: np.ndarray) -> list[str]:
    """Which tones are in `samples` (at least ~25 ms of each), in WORDS order."""
    if len(samples) == 0:
        return []
    n = np.arange(len(samples)) / SAMPLE_RATE
    found = []
    for word, freq in WORDS.items():
        strength = abs(np.sum(samples * np.exp(-2j * np.pi * freq * n)))
        if strength > AMPLITUDE * 0.025 * SAMPLE_RATE / 2:
            found.append(word)
    return found


@dataclass
class Call:
    samples: int
    words: bool
    offset_s: float
    prompt: str
    hotwords: str
    language: str | None
    text: str


@dataclass
class ToneSpeechToText:
    """Records every call; the text names the tones it was given. Can fail or block on cue."""

    name: str = "tones"
    fail_on_commit: set[int] = field(default_factory=set)  # 1-based commit numbers that raise
    gate: threading.Event | None = None  # when set up, every call waits for it
    calls: list[Call] = field(default_factory=list)
    entered: threading.Event = field(default_factory=threading.Event)

    @property
    def commits(self) -> list[Call]:
        return [c for c in self.calls if c.words]

    def transcribe(
        self,
        samples: Any,
        *,
        prompt: str = "",
        hotwords: str = "",
        language: str | None = "en",
        words: bool = False,
        offset_s: float = 0.0,
        fallback: bool = False,
        skip_silence: bool = False,
    ) -> Transcript:
        self.entered.set()
        if self.gate is not None:
            assert self.gate.wait(WAIT_S)
        samples = np.asarray(samples, np.float32)
        names = heard_words(samples)
        text = " ".join(names)
        self.calls.append(Call(len(samples), words, offset_s, prompt, hotwords, language, text))
        if words and len(self.commits) in self.fail_on_commit:
            raise RuntimeError("boom")
        timed = tuple(
            Word(name, offset_s + 0.01 * i, offset_s + 0.01 * i + 0.005)
            for i, name in enumerate(names)
        )
        return Transcript(
            text, language or "en", len(samples) / SAMPLE_RATE, 0.0, timed if words else ()
        )


class LoudIsHello:
    """Stands in for Whisper: any audio with a loud stretch is "hello"."""

    name = "tone-stt"

    def transcribe(self, samples: Any, **_kw: Any) -> Transcript:
        samples = np.asarray(samples, np.float32)
        text = "hello" if len(samples) and float(np.abs(samples).max()) > 0.1 else ""
        return Transcript(text, "en", len(samples) / SAMPLE_RATE)
