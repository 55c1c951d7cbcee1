"""Settings and start-up for the interviewer's voice: espeak-ng through pyttsx3, played with
sounddevice. Any reason it cannot run becomes one SpeechOff with the fix in its message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from interbot_tui.backends.tts.speaker import Speaker, SpeakerCallbacks

if TYPE_CHECKING:
    from interbot_tui.backends.tts.espeak import Pyttsx3Synthesizer


class SpeechOff(RuntimeError):
    """The interviewer cannot speak here; the interview goes on in text."""


@dataclass
class SpeechSettings:
    voice: str = ""  # an espeak-ng voice id or name; "" picks one for the language
    rate: int = 170  # words per minute (espeak's own 200 is hurried for questions)
    volume: float = 1.0  # 0..1
    muted: bool = False  # start muted (F8 unmutes)
    language: str = "en"
    device: int | str | None = None


def _extras_missing(exc: ImportError) -> SpeechOff:
    return SpeechOff(
        f"the voice extras are missing ({exc.name}): pip install 'interbot-tui[voice]'"
    )


def make_synthesizer(settings: SpeechSettings) -> Pyttsx3Synthesizer:
    """espeak-ng with the settings' voice, rate and volume, or SpeechOff saying why."""
    try:
        from interbot_tui.backends.tts.espeak import Pyttsx3Synthesizer, SpeechUnavailable
    except ImportError as exc:
        raise _extras_missing(exc) from exc
    try:
        return Pyttsx3Synthesizer(
            voice=settings.voice,
            language=settings.language,
            rate=settings.rate,
            volume=settings.volume,
        )
    except SpeechUnavailable as exc:
        raise SpeechOff(str(exc)) from exc


def open_speaker(settings: SpeechSettings, callbacks: SpeakerCallbacks | None = None) -> Speaker:
    """A running Speaker, or SpeechOff saying why (no espeak-ng, no device, no voice …)."""
    synth = make_synthesizer(settings)
    try:
        from interbot_tui.backends.tts.sound_output import SoundDeviceOutput, SpeakerUnavailable
    except ImportError as exc:
        raise _extras_missing(exc) from exc
    try:
        output = SoundDeviceOutput(settings.device)
    except SpeakerUnavailable as exc:
        raise SpeechOff(str(exc)) from exc
    speaker = Speaker(synth, output, callbacks)
    speaker.set_muted(settings.muted)
    return speaker
