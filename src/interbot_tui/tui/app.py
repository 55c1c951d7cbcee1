"""The Textual app: loads the model in a worker at start, then setup → interview → report."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from interbot_tui.backends.stt.voice_input import VoiceInput, VoiceSettings
from interbot_tui.core.ports import ChatModel, ModelError
from interbot_tui.core.questions.banks import Bank, load_banks
from interbot_tui.core.vision.expression import ExpressionTracker, Reading
from interbot_tui.store.sessions import Store
from interbot_tui.tui.messages import Camera, ModelFailed, ModelReady, Speech, Voice
from interbot_tui.tui.screens.setup import SetupScreen

if TYPE_CHECKING:
    from interbot_tui.backends.tts.speaker import Speaker
    from interbot_tui.backends.tts.voice_output import SpeechSettings
    from interbot_tui.backends.vision.camera import Camera as CameraSource
    from interbot_tui.backends.vision.camera import CameraSettings

ModelFactory = Callable[[], ChatModel]


class InterbotApp(App[None]):
    TITLE = "interbot"
    SUB_TITLE = "private interview coach"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(
        self,
        *,
        store: Store,
        banks_dir: Path,
        models_dir: Path | None = None,
        model_spec: str | None = None,
        model_factory: ModelFactory | None = None,
        text_only: bool = False,
        seed: int | None = None,
        voice: VoiceSettings | None = None,
        data_dir: Path | None = None,
        language: str = "",
        speech: SpeechSettings | None = None,
        camera: CameraSettings | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.banks_dir = banks_dir
        self.models_dir = models_dir
        self.model_spec = model_spec
        self.model_factory = model_factory
        self.text_only = text_only
        self.seed = seed
        self.banks: list[Bank] = []
        self.model: ChatModel | None = None
        self.model_error = ""
        self.model_loading = True
        # Voice input: None with --text (nothing is touched), else loaded in a worker.
        self.voice_settings = None if text_only else voice
        self.data_dir = data_dir
        self.language = language  # --language; "" lets the setup form use the last profile's
        # The interviewer's voice: None with --text or --no-speech, else started in a worker.
        self.speech_settings = None if text_only else speech
        self.speaker: Speaker | None = None
        self.speech_state = "off" if self.speech_settings is None else "loading"
        self.speech_error = ""
        self.voice: VoiceInput | None = None
        self.voice_state = "off" if self.voice_settings is None else "loading"
        self.voice_error = ""
        # The webcam: None with --text or --no-camera, else started in a worker after mount.
        self.camera_settings = None if text_only or (camera and not camera.enabled) else camera
        self.camera: CameraSource | None = None
        self.camera_state = "off" if self.camera_settings is None else "loading"
        self.camera_error = ""
        self.expression = ExpressionTracker()  # smoothed readings, tallied per answer
        self._camera_posted = float("-inf")  # when the last reading went to the UI
        self._closing = False

    async def action_quit(self) -> None:
        """The quit key ends a running interview with its report first; elsewhere it quits."""
        finish = getattr(self.screen, "finish_interview", None)
        if finish is not None and finish():
            return
        self.exit()

    def on_mount(self) -> None:
        self.banks, errors = load_banks(self.banks_dir)
        for error in errors:
            self.notify(str(error), title="Question bank problem", severity="warning", timeout=10)
        self.push_screen(SetupScreen())
        self.load_model()
        if self.voice_settings is not None:
            self.load_voice()
        if self.speech_settings is not None:
            self.load_speech()
        if self.camera_settings is not None:
            self.load_camera()

    # The UI shows at most this many readings a second, whatever the camera's rate.
    CAMERA_UI_FPS = 5.0

    @work(thread=True, exclusive=True, group="camera", exit_on_error=False)
    def load_camera(self) -> None:
        """Load the face and expression models and open the camera; a failure becomes a notice."""
        from interbot_tui.backends.vision.camera import CameraUnavailable, start_camera

        assert self.camera_settings is not None

        def on_reading(raw: Reading) -> None:  # on the camera thread
            smoothed = self.expression.update(raw)
            if smoothed.at - self._camera_posted >= 1.0 / self.CAMERA_UI_FPS - 0.02:
                self._camera_posted = smoothed.at
                self.post_message(Camera("reading", smoothed))  # thread-safe

        def on_end(reason: str | None) -> None:
            self.post_message(Camera("ended", reason))

        try:
            camera = start_camera(
                self.camera_settings,
                self.models_dir or Path("models"),
                on_reading,
                on_end=on_end,
            )
        except CameraUnavailable as exc:
            self.post_message(Camera("failed", str(exc)))
            return
        except Exception as exc:  # an unexpected failure must not stop the interview
            self.post_message(Camera("failed", f"{type(exc).__name__}: {exc}"))
            return
        if self._closing:  # the app ended while the camera was starting
            camera.stop()
            return
        self.camera = camera
        self.post_message(Camera("ready", self.camera_settings.source))

    def on_camera(self, message: Camera) -> None:
        if message.kind == "ready":
            self.camera_state = "on"
        elif message.kind == "failed":
            self.camera_state, self.camera_error = "failed", str(message.payload)
        elif message.kind == "ended":
            self.camera = None
            self.camera_state = "failed" if message.payload else "ended"
            self.camera_error = str(message.payload or "")
        for screen in self.screen_stack:
            handler = getattr(screen, "camera_event", None)
            if handler:
                handler(message)

    @work(thread=True, exclusive=True, group="speech", exit_on_error=False)
    def load_speech(self) -> None:
        """Start espeak-ng and open the audio output; a failure becomes a notice."""
        from interbot_tui.backends.tts.speaker import SpeakerCallbacks
        from interbot_tui.backends.tts.voice_output import SpeechOff, open_speaker

        assert self.speech_settings is not None

        def post(message: Speech) -> None:
            self.post_message(message)  # thread-safe

        callbacks = SpeakerCallbacks(
            speaking=lambda on: post(Speech("speaking", on)),
            error=lambda message: post(Speech("error", message)),
        )
        try:
            speaker = open_speaker(self.speech_settings, callbacks)
        except SpeechOff as exc:
            self.post_message(Speech("failed", str(exc)))
            return
        self.speaker = speaker
        self.post_message(Speech("ready", speaker.synth.name))

    def on_speech(self, message: Speech) -> None:
        if message.kind == "ready":
            self.speech_state = "on"
        elif message.kind in ("failed", "error"):
            self.speech_state, self.speech_error = "failed", str(message.payload)
            self.notify(
                f"{message.payload}\nQuestions are shown as text.",
                title="The interviewer's voice is off",
                severity="warning",
                timeout=15,
            )
        for screen in self.screen_stack:
            handler = getattr(screen, "speech_event", None)
            if handler:
                handler(message)

    @work(thread=True, exclusive=True, group="voice", exit_on_error=False)
    def load_voice(self) -> None:
        """Load Whisper and open the microphone; a failure becomes a notice, never an error."""
        from interbot_tui.backends.stt.listener import Callbacks
        from interbot_tui.backends.stt.voice_input import VoiceUnavailable

        assert self.voice_settings is not None

        def post(message: Voice) -> None:
            self.post_message(message)  # thread-safe

        callbacks = Callbacks(
            level=lambda db: post(Voice("level", db)),
            speech_started=lambda: post(Voice("started")),
            partial=lambda text: post(Voice("partial", text)),
            final=lambda transcript: post(Voice("final", transcript)),
            error=lambda message: post(Voice("error", message)),
        )
        voice = VoiceInput(self.voice_settings, self.models_dir or Path("models"), callbacks)
        try:
            voice.start()
        except VoiceUnavailable as exc:
            post(Voice("failed", str(exc)))
            return
        self.voice = voice
        post(Voice("ready", voice.stt_name))

    def on_voice(self, message: Voice) -> None:
        if message.kind == "ready":
            self.voice_state = "on"
        elif message.kind == "failed":
            self.voice_state, self.voice_error = "failed", str(message.payload)
            self.notify(
                f"{message.payload}\nAnswers can be typed.",
                title="Voice input is off",
                severity="warning",
                timeout=15,
            )
        for screen in self.screen_stack:
            handler = getattr(screen, "voice_event", None)
            if handler:
                handler(message)

    def on_unmount(self) -> None:
        self._closing = True
        if self.camera is not None:
            self.camera.stop()
            self.camera = None
        if self.voice is not None:
            self.voice.close()
        if self.speaker is not None:
            self.speaker.close()

    @work(thread=True, exclusive=True, group="model", exit_on_error=False)
    def load_model(self) -> None:
        """Load the model while the user fills in the setup form."""
        start = time.monotonic()
        if self.model_factory is not None:
            model = self.model_factory()
        else:
            from interbot_tui.backends.llm.factory import load_chat_model

            model = load_chat_model(self.model_spec, self.models_dir or Path("models"))
        self.post_message(ModelReady(model, time.monotonic() - start))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "model" and event.state is WorkerState.ERROR:
            error = event.worker.error
            message = (
                str(error) if isinstance(error, ModelError) else f"{type(error).__name__}: {error}"
            )
            self.post_message(ModelFailed(message))

    def on_model_ready(self, message: ModelReady) -> None:
        self.model, self.model_loading = message.model, False
        self.refresh(repaint=True, layout=True)
        self._tell_screens()

    def on_model_failed(self, message: ModelFailed) -> None:
        self.model_error, self.model_loading = message.error, False
        self.notify(message.error, title="Model not available", severity="error", timeout=30)
        self._tell_screens()

    def _tell_screens(self) -> None:
        for screen in self.screen_stack:
            handler = getattr(screen, "model_changed", None)
            if handler:
                handler()

    @property
    def model_name(self) -> str:
        return getattr(self.model, "name", "") or (self.model_spec or "default model")

    def backends_summary(self) -> str:
        if self.model is not None:
            llm = f"LLM {self.model_name}"
        elif self.model_loading:
            llm = "LLM loading"
        else:
            llm = "LLM unavailable"
        if self.text_only:
            return f"{llm} · text only (--text)"
        if self.voice is not None:
            how = "hands-free" if self.voice.hands_free else "push-to-talk"
            mic = f"mic {how} ({self.voice.stt_name})"
        elif self.voice_state == "loading":
            mic = "mic loading"
        else:
            mic = "mic off"
        return f"{llm} · {mic} · {self._speech_summary()} · {self._camera_summary()}"

    def _camera_summary(self) -> str:
        settings = self.camera_settings
        if self.camera is not None and settings is not None:
            return (
                f"camera file {settings.file.name}"
                if settings.file
                else f"camera {settings.device}"
            )
        return {"loading": "camera loading", "failed": "camera unavailable"}.get(
            self.camera_state, "camera off"
        )

    def _speech_summary(self) -> str:
        if self.speaker is not None:
            return "speech muted" if self.speaker.muted else f"speech {self.speaker.synth.name}"
        return "speech loading" if self.speech_state == "loading" else "speech off"
