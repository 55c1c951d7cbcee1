"""The interviewer's voice: sentences are synthesised and played one by one on a worker thread.

`say` queues whole lines; `stream` speaks a reply while it is still being generated, starting
with its first complete sentence. `stop` silences the current line and drops the queue at once
(the stop key, barge-in); `muted` keeps everything silent until unmuted.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from interbot_tui.backends.tts.base import SoundOutput, Synthesizer
from interbot_tui.core.speech.sentences import SentenceStream, split_sentences


@dataclass
class SpeakerCallbacks:
    speaking: Callable[[bool], None] = lambda on: None  # the indicator
    error: Callable[[str], None] = lambda message: None  # speech turned itself off


@dataclass
class SpeakerTiming:
    """When the first sound of the last `mark()`ed reply started, for the bench and notes."""

    marked_at: float = 0.0
    first_audio_at: float = 0.0
    sentences: int = 0
    synth_s: list[float] = field(default_factory=list)

    @property
    def time_to_first_audio(self) -> float | None:
        if not (self.marked_at and self.first_audio_at):
            return None
        return self.first_audio_at - self.marked_at


class Speaker:
    def __init__(
        self,
        synth: Synthesizer,
        output: SoundOutput,
        callbacks: SpeakerCallbacks | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.synth = synth
        self.output = output
        self.cb = callbacks or SpeakerCallbacks()
        self.clock = clock
        self.timing = SpeakerTiming()
        self._muted = False
        self._generation = 0  # bumped by stop(): queued sentences of older generations are dropped
        self._queue: queue.Queue[tuple[int, str] | None] = queue.Queue()
        self._speaking = False
        self._stream = SentenceStream()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="speaker", daemon=True)
        self._thread.start()

    # --- what to say --------------------------------------------------------------------------

    def say(self, text: str) -> None:
        """Speak a whole line (after anything already queued)."""
        for sentence in split_sentences(text):
            self._put(sentence)

    def feed(self, delta: str) -> int:
        """Part of a reply being generated: each sentence is spoken as soon as it is complete.

        Returns how many sentences this delta completed."""
        with self._lock:
            sentences = self._stream.feed(delta)
        for sentence in sentences:
            self._put(sentence)
        return len(sentences)

    def end_reply(self) -> None:
        """The streamed reply is complete: speak what is left of it."""
        with self._lock:
            sentences = self._stream.flush()
            self._stream.reset()
        for sentence in sentences:
            self._put(sentence)

    def mark(self) -> None:
        """Start timing a reply: `timing.time_to_first_audio` is measured from here."""
        self.timing = SpeakerTiming(marked_at=self.clock())

    # --- control ------------------------------------------------------------------------------

    @property
    def speaking(self) -> bool:
        return self._speaking

    @property
    def name(self) -> str:
        """The voice, for the status bar."""
        return self.synth.name

    def set_language(self, code: str) -> None:
        """Speak another language from the next sentence on (the setup form's choice)."""
        self.synth.set_language(code)

    @property
    def muted(self) -> bool:
        return self._muted

    def set_muted(self, on: bool) -> None:
        self._muted = on
        if on:
            self.stop()

    def stop(self) -> None:
        """Silence now: the current sentence stops within a block and the queue is dropped."""
        with self._lock:
            self._generation += 1
            self._stream.reset()
        self.output.stop()

    def idle(self, timeout: float = 5.0) -> bool:
        """Wait until nothing is queued or playing (tests, `interbot say`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._queue.unfinished_tasks == 0 and not self._speaking:
                return True
            time.sleep(0.01)
        return False

    def close(self) -> None:
        self.stop()
        self._queue.put(None)
        self._thread.join(timeout=2)

    # --- the worker ---------------------------------------------------------------------------

    def _put(self, sentence: str) -> None:
        if not self._muted:
            self._queue.put((self._generation, sentence))

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is None:
                    return
                self._speak(*item)
            except Exception as exc:  # a failing device must not kill the interview
                self._muted = True
                self.cb.error(str(exc))
            finally:
                if self._queue.empty() and self._speaking:
                    self._set_speaking(False)
                self._queue.task_done()

    def _speak(self, generation: int, sentence: str) -> None:
        if generation != self._generation or self._muted:
            return
        start = self.clock()
        samples = self.synth.synthesize(sentence)
        self.timing.synth_s.append(self.clock() - start)
        if generation != self._generation or self._muted or not len(samples):
            return
        self._set_speaking(True)
        if not self.timing.first_audio_at:
            self.timing.first_audio_at = self.clock()
        self.timing.sentences += 1
        self.output.play(samples, self.synth.sample_rate)

    def _set_speaking(self, on: bool) -> None:
        if self._speaking != on:
            self._speaking = on
            self.cb.speaking(on)
