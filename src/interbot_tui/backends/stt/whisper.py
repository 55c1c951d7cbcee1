"""Speech to text with faster-whisper (CTranslate2 Whisper, int8 on the CPU)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from interbot_tui.core.ports import ModelError
from interbot_tui.core.speech.delivery import Word
from interbot_tui.core.speech.transcript import SAMPLE_RATE, Transcript

# Whisper invents text for noise ("Thank you."); drop segments it itself thinks are not speech.
_NO_SPEECH = 0.6
_LOW_LOGPROB = -1.0


class WhisperSpeechToText:
    """One loaded Whisper model. Thread-safe: calls are serialised by a lock."""

    def __init__(
        self,
        path: Path,
        *,
        name: str = "",
        threads: int = 0,
        beam_size: int = 1,
        use_hotwords: bool = False,
    ) -> None:
        from faster_whisper import WhisperModel

        if not (path / "model.bin").is_file():
            raise ModelError(f"{path} is not a Whisper model directory (no model.bin)")
        self.name = name or path.name
        self.path = path
        self.beam_size = beam_size
        self.use_hotwords = use_hotwords
        self.english_only = self.name.endswith(".en") or path.name.endswith(".en")
        self._lock = threading.Lock()
        start = time.monotonic()
        try:
            self._model = WhisperModel(
                str(path),
                device="cpu",
                compute_type="int8",
                cpu_threads=threads,
                local_files_only=True,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(
                f"cannot load the speech model {path}: {exc}. Reinstall it with "
                f"`interbot models install {self.name} --force`."
            ) from exc
        self.load_s = time.monotonic() - start

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
        """Transcribe 16 kHz mono float32 `samples`. Word times are shifted by `offset_s`.

        `fallback` re-decodes at higher temperatures when the text looks repetitive or unsure:
        more robust for a whole recording, too slow (seconds) for live chunks. `skip_silence`
        drops silent stretches first (Silero VAD), where Whisper would otherwise invent "you".
        """
        if self.english_only:
            language = "en"
        start = time.monotonic()
        with self._lock:
            segments, info = self._model.transcribe(
                samples,
                language=language or None,
                beam_size=self.beam_size,
                initial_prompt=prompt or None,
                hotwords=(hotwords or None) if self.use_hotwords else None,
                word_timestamps=words,
                condition_on_previous_text=False,
                without_timestamps=not words,
                vad_filter=skip_silence,
                temperature=[0.0, 0.2, 0.4, 0.6, 0.8, 1.0] if fallback else 0.0,
            )
            kept = [
                s
                for s in segments
                if not (s.no_speech_prob > _NO_SPEECH and s.avg_logprob < _LOW_LOGPROB)
            ]
        text = " ".join(s.text.strip() for s in kept).strip()
        found = tuple(
            Word(w.word, float(w.start) + offset_s, float(w.end) + offset_s)
            for s in kept
            for w in (s.words or ())
        )
        return Transcript(
            text=text,
            language=info.language,
            duration_s=len(samples) / SAMPLE_RATE,
            elapsed_s=time.monotonic() - start,
            words=found,
        )


def read_audio(path: Path) -> Any:
    """Decode WAV/FLAC/MP3/… to 16 kHz mono float32 (PyAV, bundled with faster-whisper)."""
    from faster_whisper import decode_audio

    if not path.is_file():
        raise FileNotFoundError(f"no audio file at {path}")
    try:
        return decode_audio(str(path), sampling_rate=SAMPLE_RATE)
    except Exception as exc:  # PyAV raises its own error types for every codec problem
        raise ValueError(f"cannot read {path} as audio: {exc}") from exc
