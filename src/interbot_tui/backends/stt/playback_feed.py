"""Play recorded audio into a listener as if it came from a microphone (tests, bench, demos)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from interbot_tui.backends.stt.microphone import BLOCK
from interbot_tui.core.speech.transcript import SAMPLE_RATE


def blocks(samples: Any, *, trailing_silence_s: float = 0.0, block: int = BLOCK) -> list[Any]:
    audio = np.asarray(samples, np.float32)
    if trailing_silence_s > 0:
        audio = np.concatenate([audio, np.zeros(int(trailing_silence_s * SAMPLE_RATE), np.float32)])
    return [audio[i : i + block] for i in range(0, len(audio), block)]


def play(
    samples: Any,
    sink: Callable[[Any], None],
    *,
    realtime: bool = True,
    trailing_silence_s: float = 2.0,
    stop: threading.Event | None = None,
) -> None:
    """Send `samples` to `sink` block by block; with `realtime`, at the pace of a microphone."""
    start = time.monotonic()
    sent = 0
    for chunk in blocks(samples, trailing_silence_s=trailing_silence_s):
        if stop is not None and stop.is_set():
            return
        sink(chunk)
        sent += len(chunk)
        if realtime:
            delay = start + sent / SAMPLE_RATE - time.monotonic()
            if delay > 0:
                time.sleep(delay)


class FileMicrophone:
    """A `Microphone` look-alike for `--mic-file`: recorded answers instead of a live voice.

    It streams silence at real-time pace, and each time `ready()` names a new awaited answer
    (a non-zero token that changes per answer) it plays the next clip.
    """

    def __init__(
        self, clips: list[Any], on_block: Callable[[Any], None], ready: Callable[[], int]
    ) -> None:
        self.clips = list(clips)
        self.on_block = on_block
        self.ready = ready
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="interbot-mic-file", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        silence = np.zeros(BLOCK, np.float32)
        start, sent = time.monotonic(), 0
        played_for = 0  # the answer token the last clip was played for
        while not self._stop.is_set():
            token = self.ready()
            if token and self.clips and token != played_for:
                chunks = blocks(self.clips.pop(0))
                played_for = token
            else:
                chunks = [silence]
            for chunk in chunks:
                if self._stop.is_set():
                    return
                self.on_block(chunk)
                sent += len(chunk)
                delay = start + sent / SAMPLE_RATE - time.monotonic()
                if delay > 0:
                    time.sleep(delay)

    def stop(self) -> None:
        self._stop.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()
