"""The devices the app may use (microphone, the interviewer's voice, the camera) and their state.

Each is started on a worker thread by the app; what happens on that thread comes back as the
typed messages of `messages.py`, which `apply` turns into state on the UI thread. Screens read the
state (a notice for a device that failed before they were shown) and call the few actions here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from interbot_tui.core.vision.expression import ExpressionTracker, Reading
from interbot_tui.tui.messages import (
    CameraEnded,
    CameraFailed,
    CameraReading,
    CameraReady,
    DeviceMessage,
    Speaking,
    SpeechFailed,
    SpeechReady,
    VoiceFailed,
    VoiceFinal,
    VoiceLevel,
    VoiceLost,
    VoicePartial,
    VoiceReady,
    VoiceStarted,
    VoiceWarning,
)

if TYPE_CHECKING:
    from interbot_tui.backends.stt.voice_input import VoiceInput, VoiceSettings
    from interbot_tui.backends.tts.factory import SpeechSettings
    from interbot_tui.backends.tts.speaker import Speaker
    from interbot_tui.backends.vision.camera import Camera, CameraSettings

Post = Callable[[Message], None]
CAMERA_UI_FPS = 5.0  # the UI shows at most this many readings a second, whatever the camera's rate


class Devices:
    """State is one of: off, loading, on, failed (could not start); a camera that stops mid-use
    is "stopped" (or "ended" for a video file that ran out)."""

    def __init__(
        self,
        *,
        models_dir: Path,
        voice: VoiceSettings | None,
        speech: SpeechSettings | None,
        camera: CameraSettings | None,
    ) -> None:
        self.models_dir = models_dir
        self.voice_settings = voice
        self.speech_settings = speech
        self.camera_settings = camera if camera is not None and camera.enabled else None
        self.voice: VoiceInput | None = None
        self.speaker: Speaker | None = None
        self.camera: Camera | None = None
        self.voice_state = "off" if voice is None else "loading"
        self.speech_state = "off" if speech is None else "loading"
        self.camera_state = "off" if self.camera_settings is None else "loading"
        self.voice_error = self.speech_error = self.camera_error = ""
        self.expression = ExpressionTracker()  # smoothed readings, tallied per answer
        self._camera_posted = float("-inf")  # when the last reading went to the UI
        self.closing = False

    # --- start-up, each on its own worker thread -------------------------------------------

    def start_voice(self, post: Post) -> None:
        """Load Whisper and open the microphone; a failure becomes a notice, never an error."""
        from interbot_tui.backends.stt.listener import Callbacks
        from interbot_tui.backends.stt.voice_input import VoiceInput, VoiceUnavailable

        assert self.voice_settings is not None
        callbacks = Callbacks(
            level=lambda db: post(VoiceLevel(db)),
            speech_started=lambda: post(VoiceStarted()),
            partial=lambda text: post(VoicePartial(text)),
            final=lambda transcript: post(VoiceFinal(transcript)),
            error=lambda text: post(VoiceWarning(text)),
            lost=lambda reason, heard: post(VoiceLost(reason, heard)),
        )
        voice = VoiceInput(self.voice_settings, self.models_dir, callbacks)
        try:
            voice.start()
        except VoiceUnavailable as exc:
            post(VoiceFailed(str(exc)))
            return
        self.voice = voice
        post(VoiceReady(voice.stt_name))

    def start_speech(self, post: Post) -> None:
        """Start espeak-ng and open the audio output; a failure becomes a notice."""
        from interbot_tui.backends.tts.factory import SpeechOff, open_speaker
        from interbot_tui.backends.tts.speaker import SpeakerCallbacks

        assert self.speech_settings is not None
        callbacks = SpeakerCallbacks(
            speaking=lambda on: post(Speaking(on)),
            error=lambda text: post(SpeechFailed(text)),
        )
        try:
            speaker = open_speaker(self.speech_settings, callbacks)
        except SpeechOff as exc:
            post(SpeechFailed(str(exc)))
            return
        self.speaker = speaker
        post(SpeechReady(speaker.name))

    def start_camera(self, post: Post) -> None:
        """Load the face and expression models and open the camera; a failure becomes a notice."""
        from interbot_tui.backends.vision.camera import CameraUnavailable, start_camera

        assert self.camera_settings is not None

        def on_reading(raw: Reading) -> None:  # on the camera thread
            smoothed = self.expression.update(raw)
            if smoothed.at - self._camera_posted >= 1.0 / CAMERA_UI_FPS - 0.02:
                self._camera_posted = smoothed.at
                post(CameraReading(smoothed))

        try:
            camera = start_camera(
                self.camera_settings,
                self.models_dir,
                on_reading,
                on_end=lambda reason: post(CameraEnded(reason)),
            )
        except CameraUnavailable as exc:
            post(CameraFailed(str(exc)))
            return
        except Exception as exc:  # an unexpected failure must not stop the interview
            post(CameraFailed(f"{type(exc).__name__}: {exc}"))
            return
        if self.closing:  # the app ended while the camera was starting
            camera.stop()
            return
        self.camera = camera
        post(CameraReady(self.camera_settings.source))

    # --- state, on the UI thread ----------------------------------------------------------------

    def apply(self, message: DeviceMessage) -> None:
        match message:
            case VoiceReady():
                self.voice_state = "on"
            case VoiceFailed(reason=reason):
                self.voice_state, self.voice_error = "failed", reason
            case VoiceLost(reason=reason):
                self.voice_state, self.voice_error = "failed", f"the microphone stopped: {reason}"
                voice, self.voice = self.voice, None
                if voice is not None:
                    voice.close()
            case SpeechReady():
                self.speech_state = "on"
            case SpeechFailed(reason=reason):
                self.speech_state, self.speech_error = "failed", reason
                speaker, self.speaker = self.speaker, None  # its device failed mid-use
                if speaker is not None:
                    speaker.close()
            case CameraReady():
                self.camera_state = "on"
            case CameraFailed(reason=reason):
                self.camera_state, self.camera_error = "failed", reason
            case CameraEnded(reason=reason):
                self.camera = None
                self.camera_state = "stopped" if reason else "ended"  # stopped: unplugged…
                self.camera_error = reason or ""

    def summary(self, text_only: bool) -> str:
        """The devices part of the status line."""
        if text_only:
            return "text only (--text)"
        return f"{self._voice_summary()} · {self._speech_summary()} · {self._camera_summary()}"

    def _voice_summary(self) -> str:
        if self.voice is not None:
            how = "hands-free" if self.voice.hands_free else "push-to-talk"
            return f"mic {how} ({self.voice.stt_name})"
        return "mic loading" if self.voice_state == "loading" else "mic off"

    def _speech_summary(self) -> str:
        if self.speaker is not None:
            return "speech muted" if self.speaker.muted else f"speech {self.speaker.name}"
        return "speech loading" if self.speech_state == "loading" else "speech off"

    def _camera_summary(self) -> str:
        settings = self.camera_settings
        if self.camera is not None and settings is not None:
            return (
                f"camera file {settings.file.name}"
                if settings.file
                else f"camera {settings.device}"
            )
        return {
            "loading": "camera loading",
            "failed": "camera unavailable",
            "stopped": "camera stopped",
        }.get(self.camera_state, "camera off")

    def close(self) -> None:
        self.closing = True
        if self.camera is not None:
            self.camera.stop()
            self.camera = None
        if self.voice is not None:
            self.voice.close()
        if self.speaker is not None:
            self.speaker.close()
