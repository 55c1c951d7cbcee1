"""Streaming transcription of one spoken answer at a time.

Audio arrives in blocks (from the microphone thread or a file). Each 32 ms frame goes through the
voice-activity detector and the end-pointer. Whisper runs on a worker thread:

- every second of new speech, the unfinished stretch is transcribed and shown as partial text;
- at every breath-length pause, the stretch before it is transcribed once more and committed;
- so when the answer ends (silence, or the push-to-talk key) only the last stretch is left, and
  it has usually been committed already while the end-pointer was still waiting: finalising
  costs about the same for a 5 s and a 5 min answer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from interbot_tui.backends.stt.base import SpeechToText, VoiceDetector
from interbot_tui.backends.stt.vad import FRAME, level_db
from interbot_tui.core.speech.endpointing import EndPointer, Mark
from interbot_tui.core.speech.transcript import SAMPLE_RATE, Transcript, bias_prompt

PRE_ROLL_S = 0.3  # audio kept before detected speech, so the first syllable is not clipped
TAIL_PAD_S = 0.15  # audio kept after the last voiced frame
PARTIAL_EVERY_S = 1.0
MAX_SEGMENT_S = 12.0  # no pause for this long: cut at the quietest moment instead
LEVEL_EVERY_S = 0.066


@dataclass
class Callbacks:
    """Called from the audio or the worker thread: hand over to the UI thread yourself."""

    level: Callable[[float], None] = lambda _db: None  # dBFS, ~15 times a second
    speech_started: Callable[[], None] = lambda: None
    partial: Callable[[str], None] = lambda _text: None  # everything heard so far
    final: Callable[[Transcript], None] = lambda _t: None  # the answer, once
    error: Callable[[str], None] = lambda _msg: None
    # The microphone stopped mid-use (VoiceInput): why, and the words of the answer heard so far.
    lost: Callable[[str, str], None] = lambda _reason, _heard: None


@dataclass
class _Job:
    start: int  # sample offsets into the answer buffer
    end: int
    commit: bool
    answer_id: int


@dataclass
class Timing:
    """What the benchmark reads after an answer."""

    ended_at: float = 0.0  # monotonic time the answer was declared over
    final_at: float = 0.0  # monotonic time the final text was ready
    speech_end_s: float = 0.0  # where speech stopped, in the answer's audio
    jobs: list[tuple[str, float, float]] = field(default_factory=list)  # kind, audio s, elapsed

    @property
    def finalise_s(self) -> float:
        return max(0.0, self.final_at - self.ended_at)


class Listener:
    """Turns a stream of 16 kHz mono float32 blocks into partial and final answer text."""

    def __init__(
        self,
        stt: SpeechToText,
        vad: VoiceDetector,
        callbacks: Callbacks | None = None,
        *,
        silence_s: float = 1.2,
        hands_free: bool = True,
        language: str = "en",
    ) -> None:
        self.stt = stt
        self.vad = vad
        self.cb = callbacks or Callbacks()
        self.silence_s = silence_s
        self.hands_free = hands_free
        self.language = language
        self.terms: list[str] = []
        self.keep_audio = False  # keep the last answer's samples in `last_audio`
        self.last_audio: Any = None
        self.timing = Timing()
        self._lock = threading.Condition()
        self._jobs: list[_Job] = []
        self._closed = False
        self._answer_id = 0
        self._armed = False
        self._worker = threading.Thread(target=self._work, name="interbot-stt", daemon=True)
        self._worker.start()
        self.arm(active=False)

    # -- control (any thread) ------------------------------------------------------------
    def arm(self, *, active: bool = True, terms: list[str] | None = None) -> None:
        """Start listening for a new answer (hands-free waits for speech; push-to-talk records)."""
        with self._lock:
            self._answer_id += 1
            self._jobs.clear()
            self._armed = active
            if terms is not None:
                self.terms = terms
            self.vad.reset()
            silence = self.silence_s if self.hands_free else float("inf")
            self._ep = EndPointer(frame_s=FRAME / SAMPLE_RATE, silence_s=silence)
            self._frames: list[Any] = []
            self._carry = np.zeros(0, np.float32)
            self._n = 0  # samples seen since arming
            self._base = 0  # absolute sample of _frames[0]
            self._speech_start: int | None = None  # absolute sample where the answer begins
            self._committed_to = 0  # answer-relative sample: everything before is committed
            self._committed: list[Transcript] = []
            self._partial = ""
            self._partial_from = 0
            self._last_partial_at = 0
            self._ending_at: int | None = None  # answer-relative end sample, once it is over
            self._last_level = 0.0
            self._busy_commit = False  # a job still running belongs to an older answer
            self.timing = Timing()

    def disarm(self) -> None:
        """Stop listening and drop anything half heard (e.g. the answer was typed instead)."""
        self.arm(active=False)

    @property
    def active(self) -> bool:
        return self._armed

    @property
    def finalising(self) -> bool:
        """The answer is over and its final text is still being transcribed."""
        with self._lock:
            return self._armed and self._ending_at is not None

    @property
    def answer_id(self) -> int:
        """Changes each time the listener is armed: tells one awaited answer from the next."""
        return self._answer_id

    def finish(self) -> None:
        """The answer is over now (push-to-talk released, or the file ended)."""
        with self._lock:
            if not self._armed or self._ending_at is not None:
                return
            if self._speech_start is None:
                if self.hands_free or self._n == 0:
                    self._armed = False
                    self.cb.final(Transcript("", self.language, 0.0))
                    return
                self._speech_start = 0
            # Trailing silence is not worth a Whisper call (which invents words for it).
            last = int(self._ep.last_voice * SAMPLE_RATE + TAIL_PAD_S * SAMPLE_RATE)
            self._end_answer(min(self._n, last) - self._speech_start)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify_all()

    # -- audio in (the capture thread) ---------------------------------------------------
    def feed(self, block: Any) -> None:
        block = np.asarray(block, np.float32).reshape(-1)
        now = time.monotonic()
        if now - self._last_level >= LEVEL_EVERY_S:
            self._last_level = now
            self.cb.level(level_db(block))
        with self._lock:
            if not self._armed or self._ending_at is not None:
                return
            data = np.concatenate([self._carry, block]) if len(self._carry) else block
            whole = len(data) - len(data) % FRAME
            self._carry = data[whole:].copy()
            for i in range(0, whole, FRAME):
                self._frame(data[i : i + FRAME])
                if self._ending_at is not None:
                    break

    def _frame(self, frame: Any) -> None:
        self._frames.append(frame.copy())
        self._n += FRAME
        if not self.hands_free and self._speech_start is None:
            self._speech_start = 0
            self.cb.speech_started()
        prob = self.vad(frame)
        for boundary in self._ep.feed(prob):
            at = int(boundary.at * SAMPLE_RATE)
            if boundary.mark is Mark.STARTED and self._speech_start is None:
                self._speech_start = max(0, at - int(PRE_ROLL_S * SAMPLE_RATE))
                self.cb.speech_started()
            elif boundary.mark is Mark.PAUSED and self._speech_start is not None:
                end = min(self._n, at + int(TAIL_PAD_S * SAMPLE_RATE)) - self._speech_start
                self._commit_to(end)
            elif boundary.mark is Mark.ENDED and self._speech_start is not None:
                end = min(self._n, at + int(TAIL_PAD_S * SAMPLE_RATE)) - self._speech_start
                self._end_answer(end)
                return
        if self._speech_start is None:
            keep = int((PRE_ROLL_S + 0.5) * SAMPLE_RATE) // FRAME
            if len(self._frames) > keep:  # before speech, only the pre-roll matters
                drop = len(self._frames) - keep
                del self._frames[:drop]
                self._base += drop * FRAME
            return
        heard = self._n - self._speech_start
        if heard - self._committed_to > MAX_SEGMENT_S * SAMPLE_RATE and not self._jobs:
            self._commit_to(self._quietest_point(heard))
        elif (
            not self._jobs
            and prob >= self._ep.off  # never start one in silence: it would delay the commit
            and heard - self._last_partial_at >= PARTIAL_EVERY_S * SAMPLE_RATE
        ):
            self._last_partial_at = heard
            self._queue(_Job(self._committed_to, heard, False, self._answer_id))

    def _quietest_point(self, heard: int) -> int:
        """The quietest frame in the last 2 s: the least bad place to cut without a pause."""
        audio = self._answer_audio()
        lo = max(self._committed_to, heard - 2 * SAMPLE_RATE)
        frames = [(level_db(audio[i : i + FRAME]), i) for i in range(lo, heard - FRAME, FRAME)]
        return min(frames)[1] + FRAME // 2 if frames else heard

    def _commit_to(self, end: int) -> None:
        if end - self._committed_to < FRAME * 4:  # nothing worth a Whisper call
            return
        self._queue(_Job(self._committed_to, end, True, self._answer_id))
        self._committed_to = end
        self._last_partial_at = end

    def _end_answer(self, end: int) -> None:
        self.timing.ended_at = time.monotonic()
        self.timing.speech_end_s = end / SAMPLE_RATE
        self._commit_to(end)
        self._ending_at = self._committed_to
        self._jobs[:] = [j for j in self._jobs if j.commit]
        self._lock.notify_all()
        if not any(j.commit for j in self._jobs) and not self._busy_commit:
            self._finalise()

    def _answer_audio(self) -> Any:
        start = (self._speech_start or 0) - self._base
        return np.concatenate(self._frames)[start:] if self._frames else np.zeros(0, np.float32)

    def _queue(self, job: _Job) -> None:
        if not job.commit:
            self._jobs[:] = [j for j in self._jobs if j.commit]  # only the newest partial counts
        self._jobs.append(job)
        self._lock.notify_all()

    # -- the worker ----------------------------------------------------------------------
    _busy_commit = False

    def _work(self) -> None:
        while True:
            with self._lock:
                while not self._jobs and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                job = self._jobs.pop(0)
                if job.answer_id != self._answer_id:
                    continue
                samples = self._answer_audio()[job.start : job.end]
                # Earlier text as context made Whisper copy its style (all caps, "!"): terms only.
                prompt = bias_prompt(self.terms)
                hotwords = " ".join(self.terms)
                self._busy_commit = job.commit
            try:
                result = self.stt.transcribe(
                    samples,
                    prompt=prompt,
                    hotwords=hotwords,
                    language=self.language,
                    words=job.commit,
                    offset_s=job.start / SAMPLE_RATE,
                )
            except Exception as exc:  # keep listening; the answer can still be typed
                self.cb.error(f"speech recognition failed: {exc}")
                result = Transcript("", self.language, len(samples) / SAMPLE_RATE)
            with self._lock:
                self._busy_commit = False
                if job.answer_id != self._answer_id:
                    continue
                kind = "commit" if job.commit else "partial"
                self.timing.jobs.append((kind, len(samples) / SAMPLE_RATE, result.elapsed_s))
                if job.commit:
                    self._committed.append(result)
                    if self._partial_from < job.end:
                        self._partial = ""
                else:
                    if job.start != self._committed_to or self._ending_at is not None:
                        continue  # a commit overtook it, or the answer is already over
                    self._partial, self._partial_from = result.text, job.end
                self.cb.partial(self._text_so_far())
                if (
                    self._ending_at is not None
                    and job.commit
                    and not any(j.commit for j in self._jobs)
                ):
                    self._finalise()

    def _text_so_far(self) -> str:
        parts = [t.text for t in self._committed if t.text]
        if self._partial:
            parts.append(self._partial)
        return " ".join(parts)

    def _finalise(self) -> None:
        words = tuple(w for t in self._committed for w in t.words)
        text = " ".join(t.text for t in self._committed if t.text)
        language = next((t.language for t in self._committed if t.text), self.language)
        duration = (self._ending_at or 0) / SAMPLE_RATE
        elapsed = sum(t.elapsed_s for t in self._committed)
        self.timing.final_at = time.monotonic()
        self._armed = False
        if self.keep_audio:
            self.last_audio = self._answer_audio()[: self._ending_at]
        self.cb.final(Transcript(text, language, duration, elapsed, words))
