"""What the rest of interbot asks of speech-to-text: a transcriber, a voice-activity detector
and an audio source. The real ones are Whisper (`whisper.py`), Silero or loudness (`vad.py`),
and the microphone (`microphone.py`) or recorded files (`playback_feed.py`)."""

from __future__ import annotations

from typing import Any, Protocol

from interbot_tui.core.speech.transcript import Transcript


class SpeechToText(Protocol):
    """Turns 16 kHz mono float32 samples into text. Called from one worker thread at a time."""

    name: str

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
        """`prompt` biases the spelling of terms, `words` asks for word times (shifted by
        `offset_s`); `fallback` and `skip_silence` are for whole recordings (slower, surer)."""
        ...


class VoiceDetector(Protocol):
    name: str

    def __call__(self, frame: Any) -> float:
        """Probability that this frame of FRAME samples is speech."""
        ...

    def reset(self) -> None: ...


class AudioSource(Protocol):
    """Feeds blocks of samples to a callback given at construction, on its own thread."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    @property
    def running(self) -> bool: ...
