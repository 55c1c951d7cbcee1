"""Voice answers for the TUI: the microphone (or `--mic-file` recordings), voice activity and
streaming Whisper, behind three calls: `listen` for an answer, `toggle_talk` for push-to-talk,
and `cancel`. Anything missing turns into `VoiceUnavailable` with a message that says what to do.

A microphone that stops mid-use ends the answer being heard: what was said so far is still
transcribed and handed over once, with the reason, through `Callbacks.lost` (not `final`: the
candidate finishes the answer by typing). Voice input is off from then on.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interbot_tui.backends.stt.base import AudioSource
    from interbot_tui.backends.stt.listener import Callbacks, Listener
    from interbot_tui.core.speech.transcript import Transcript


class VoiceUnavailable(RuntimeError):
    pass


@dataclass
class VoiceSettings:
    hands_free: bool = True  # False: push-to-talk
    silence_s: float = 1.2  # hands-free: this much silence ends the answer
    language: str = "en"
    stt_spec: str | None = None
    device: int | str | None = None
    mic_files: list[Path] = field(default_factory=list)  # play these instead of a microphone
    keep_audio: bool = False


class VoiceInput:
    def __init__(self, settings: VoiceSettings, models_dir: Path, callbacks: Callbacks) -> None:
        self.settings = settings
        self.models_dir = models_dir
        self.callbacks = callbacks
        self.listener: Listener | None = None
        self.source: AudioSource | None = None
        self.stt_name = ""
        self._recording = False
        self._lock = threading.Lock()
        self.lost: str | None = None  # why the microphone stopped mid-use, once it has
        self._lost_told = False
        # Its own lock: the listener calls back under its lock, which toggle_talk takes under
        # self._lock, so taking self._lock here could deadlock.
        self._lost_lock = threading.Lock()

    def start(self) -> None:
        """Load the speech model and open the microphone (a second or two: call from a worker)."""
        try:
            from interbot_tui.backends.stt.factory import load_stt
            from interbot_tui.backends.stt.listener import Listener
            from interbot_tui.backends.stt.vad import load_vad
        except ImportError as exc:
            raise VoiceUnavailable(
                f"the voice extras are missing ({exc.name}): pip install 'interbot-tui[voice]'"
            ) from exc
        from interbot_tui.core.ports import ModelError

        try:
            stt = load_stt(self.settings.stt_spec, self.models_dir)
        except ModelError as exc:
            raise VoiceUnavailable(str(exc)) from exc
        self.stt_name = stt.name
        listener = Listener(
            stt,
            load_vad(),
            replace(self.callbacks, final=self._final),
            silence_s=self.settings.silence_s,
            hands_free=self.settings.hands_free,
            language=self.settings.language,
        )
        listener.keep_audio = self.settings.keep_audio
        self.source = self._open_source(listener)
        self.listener = listener

    def _open_source(self, listener: Listener) -> AudioSource:
        if self.settings.mic_files:
            from interbot_tui.backends.stt.playback_feed import FileMicrophone
            from interbot_tui.backends.stt.whisper import read_audio

            try:
                clips = [read_audio(p) for p in self.settings.mic_files]
            except (OSError, ValueError) as exc:
                listener.close()
                raise VoiceUnavailable(f"--mic-file: {exc}") from exc
            source: AudioSource = FileMicrophone(
                clips, listener.feed, ready=lambda: listener.answer_id if listener.active else 0
            )
            source.start()
            return source
        from interbot_tui.backends.stt.microphone import Microphone, MicrophoneUnavailable

        source = Microphone(listener.feed, device=self.settings.device, on_lost=self._source_lost)
        try:
            source.start()
        except MicrophoneUnavailable as exc:
            listener.close()
            raise VoiceUnavailable(str(exc)) from exc
        return source

    def _source_lost(self, reason: str) -> None:
        """The microphone stopped by itself (its watch thread): keep what was heard so far."""
        with self._lost_lock:
            if self.lost is not None:
                return
            self.lost = reason
        self._recording = False
        listener = self.listener
        if listener is not None:
            listener.finish()  # the rest of the answer is transcribed; its final comes to _final
            if listener.finalising:
                return
        self._tell_lost("")  # nothing was being heard (or its final has already been told)

    def _final(self, transcript: Transcript) -> None:
        if self.lost is not None:
            self._tell_lost(transcript.text)
        else:
            self.callbacks.final(transcript)

    def _tell_lost(self, heard: str) -> None:
        with self._lost_lock:
            if self._lost_told:
                return
            self._lost_told = True
        self.callbacks.lost(self.lost or "", heard)

    @property
    def hands_free(self) -> bool:
        return self.settings.hands_free

    @property
    def recording(self) -> bool:
        return self._recording

    @property
    def last_recording(self) -> Any:
        """The last answer's samples (16 kHz mono float32), or None: kept only with
        `keep_audio`, and only once an answer has been heard."""
        return None if self.listener is None else self.listener.last_audio

    def set_hands_free(self, on: bool) -> None:
        self.settings.hands_free = on
        if self.listener is not None:
            self.listener.hands_free = on
            self.listener.disarm()
        self._recording = False

    def set_language(self, code: str) -> None:
        """Listen for another language from the next answer on (the setup form's choice)."""
        self.settings.language = code
        if self.listener is not None:
            self.listener.language = code

    def listen(self, terms: list[str]) -> None:
        """An answer is awaited: hands-free starts listening; push-to-talk waits for the key."""
        if self.listener is None or self.lost is not None:
            return
        self.listener.terms = terms
        self.listener.hands_free = self.settings.hands_free
        self._recording = False
        if self.settings.hands_free:
            self.listener.arm(terms=terms)

    def toggle_talk(self) -> bool:
        """Push-to-talk: start recording, or stop and finalise. Returns True while recording."""
        if self.listener is None or self.lost is not None:
            return False
        with self._lock:
            if self._recording:
                self._recording = False
                self.listener.finish()
            else:
                self._recording = True
                self.listener.hands_free = False
                self.listener.arm(terms=self.listener.terms)
            return self._recording

    def cancel(self) -> None:
        """The answer came another way (typed): stop listening and drop what was heard."""
        self._recording = False
        if self.listener is not None:
            self.listener.disarm()

    def close(self) -> None:
        if self.source is not None:
            self.source.stop()
        if self.listener is not None:
            self.listener.close()
