"""Text to speech with pyttsx3's espeak-ng driver, synthesised to samples (never played by it).

pyttsx3's own `say()` shells out to `aplay` and its save path prints "Audio saved to …" on stdout;
either would scribble over a running TUI. So each line is saved to a WAV file in a private temp
folder with stdout captured, read back as samples and deleted; the caller plays them.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import threading
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from interbot_tui.core.text import clean_user_text

DEFAULT_RATE = 170  # words per minute: espeak's 200 is hurried for interview questions


class SpeechUnavailable(RuntimeError):
    """Speech synthesis cannot run here; the message says why and how to fix it."""


@dataclass(frozen=True)
class VoiceInfo:
    id: str
    name: str
    languages: tuple[str, ...]


class Pyttsx3Synthesizer:
    """One espeak-ng engine per process (espeak initialises once), used under a lock."""

    _lock = threading.Lock()
    _count = 0  # a fresh file name per line, so a late write can never be read as the next line

    def __init__(
        self,
        *,
        voice: str = "",
        language: str = "en",
        rate: int = DEFAULT_RATE,
        volume: float = 1.0,
    ) -> None:
        if shutil.which("espeak-ng") is None and shutil.which("espeak") is None:
            raise SpeechUnavailable("espeak-ng is not installed: sudo apt-get install espeak-ng")
        try:
            import pyttsx3
        except ImportError as exc:
            raise SpeechUnavailable(
                f"pyttsx3 is missing ({exc.name}): pip install 'interbot-tui[voice]'"
            ) from exc
        try:
            with self._lock, contextlib.redirect_stdout(io.StringIO()):
                self._engine: Any = pyttsx3.init("espeak")
        except (RuntimeError, OSError, ImportError) as exc:
            raise SpeechUnavailable(f"espeak-ng could not start: {exc}") from exc
        self._finished = threading.Event()
        self._engine.connect("finished-utterance", lambda name, completed: self._finished.set())
        self._folder = Path(tempfile.mkdtemp(prefix="interbot-tts-"))  # 0700
        self.sample_rate = 22050
        self.rate = rate
        self.volume = volume
        self._applied: tuple[str, int, float] | None = None  # voice, rate, volume last spoken
        self.voice = self.pick_voice(voice, language)
        self.name = f"espeak-ng {self.voice.name}"

    def voices(self) -> list[VoiceInfo]:
        with self._lock:
            raw = self._engine.getProperty("voices")
        return [
            VoiceInfo(str(v.id), str(v.name), tuple(str(x) for x in (v.languages or ())))
            for v in raw
        ]

    def pick_voice(self, wanted: str, language: str) -> VoiceInfo:
        """The voice named `wanted` (id or name), else the first for `language`, else English."""
        voices = self.voices()
        if wanted:
            for v in voices:
                if wanted.lower() in (v.id.lower(), v.name.lower()):
                    return v
            raise SpeechUnavailable(
                f"no voice {wanted!r}: `interbot say --voices` lists the voices installed"
            )
        for code in (language, "en"):
            for v in voices:
                if code in v.languages or v.id.rsplit("/", 1)[-1] == code:
                    return v
        if not voices:
            raise SpeechUnavailable("espeak-ng has no voices installed: reinstall espeak-ng-data")
        return voices[0]

    def set_language(self, language: str) -> None:
        self.voice = self.pick_voice("", language)
        self.name = f"espeak-ng {self.voice.name}"

    def synthesize(self, text: str) -> npt.NDArray[np.float32]:
        """Mono float32 samples at `sample_rate` for `text` (empty for blank text)."""
        text, _ = clean_user_text(text)  # espeak would read escape sequences out loud
        if not text:
            return np.zeros(0, dtype=np.float32)
        settings = (self.voice.id, self.rate, self.volume)
        with self._lock, contextlib.redirect_stdout(io.StringIO()):
            if settings != self._applied:
                # espeak-ng can apply a new voice or rate one line late (CI caught a first line
                # spoken at pyttsx3's default 200 words a minute): speak a throwaway line first.
                primer = self._next_path()
                self._speak_to_file(".", primer)
                with contextlib.suppress(OSError):
                    os.unlink(primer)
                self._applied = settings
            path = self._next_path()
            self._speak_to_file(text, path)
        try:
            with wave.open(str(path), "rb") as f:
                self.sample_rate = f.getframerate()
                frames = f.readframes(f.getnframes())
        except (OSError, EOFError, wave.Error) as exc:
            raise SpeechUnavailable(f"espeak-ng produced no audio: {exc}") from exc
        finally:
            with contextlib.suppress(OSError):
                os.unlink(path)
        return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0

    def _next_path(self) -> Path:
        Pyttsx3Synthesizer._count += 1
        return self._folder / f"line-{Pyttsx3Synthesizer._count}.wav"

    def _speak_to_file(self, text: str, path: Path) -> None:
        """Synthesise `text` into `path` with the current settings; the lock is held."""
        engine = self._engine
        engine.setProperty("voice", self.voice.id)
        engine.setProperty("rate", self.rate)
        engine.setProperty("volume", self.volume)
        self._finished.clear()
        engine.save_to_file(text, str(path))
        engine.runAndWait()
        # espeak-ng synthesises on its own thread: runAndWait can return before the WAV is
        # written (measured: 2 lines in 5 read a stale file). Wait for pyttsx3's
        # finished-utterance, sent after the file is written.
        if not self._finished.wait(timeout=max(10.0, len(text) / 5)):
            raise SpeechUnavailable("espeak-ng did not finish the line in time")

    def close(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)
