"""Decide, frame by frame, when someone starts talking, pauses, and has finished an answer.

Input is one speech probability per audio frame (from any voice-activity detector). Hysteresis
(`on` above, `off` below) keeps a single quiet syllable from splitting speech. A pause is a short
silence inside speech; the answer has ended after `silence_s` of silence. Pure: no audio here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Mark(StrEnum):
    STARTED = "started"  # speech began at `at`
    PAUSED = "paused"  # silence since `at`, long enough to commit the text so far
    RESUMED = "resumed"  # speech again after a pause
    ENDED = "ended"  # the answer is over; speech stopped at `at`


@dataclass(frozen=True)
class Boundary:
    mark: Mark
    at: float  # seconds from the first frame


@dataclass
class EndPointer:
    frame_s: float = 0.032
    silence_s: float = 1.2  # the user's "answer ends after this much silence" setting
    pause_s: float = 0.35  # a breath: enough to finalise the text before it
    min_speech_s: float = 0.25  # shorter bursts (a cough, a click) are not speech
    on: float = 0.5
    off: float = 0.35

    def __post_init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self._t = 0.0
        self._speaking = False  # inside an answer (between STARTED and ENDED)
        self._voiced = False  # the current frame run is speech
        self._run_start = 0.0  # start of the current voiced run
        self._last_voice = 0.0  # end of the last voiced frame
        self._paused = False

    @property
    def speaking(self) -> bool:
        return self._speaking

    @property
    def last_voice(self) -> float:
        """When the last voiced frame ended, in seconds from the first frame."""
        return self._last_voice

    @property
    def paused(self) -> bool:
        return self._speaking and self._paused

    def feed(self, prob: float) -> list[Boundary]:
        """Advance one frame; return the boundaries it crossed (usually none)."""
        out: list[Boundary] = []
        start, self._t = self._t, self._t + self.frame_s
        voiced = prob >= self.on or (self._voiced and prob >= self.off)
        if voiced:
            if not self._voiced:
                self._run_start = start
            self._voiced = True
            self._last_voice = self._t
            if not self._speaking and self._t - self._run_start >= self.min_speech_s:
                self._speaking = True
                out.append(Boundary(Mark.STARTED, self._run_start))
            elif self._speaking and self._paused:
                self._paused = False
                out.append(Boundary(Mark.RESUMED, self._run_start))
            return out
        self._voiced = False
        if not self._speaking:
            return out
        quiet = self._t - self._last_voice
        if not self._paused and quiet >= self.pause_s:
            self._paused = True
            out.append(Boundary(Mark.PAUSED, self._last_voice))
        if quiet >= self.silence_s:
            self._speaking = False
            self._paused = False
            out.append(Boundary(Mark.ENDED, self._last_voice))
        return out
