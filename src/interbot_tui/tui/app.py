"""The Textual app: loads the model and devices in workers at start, owns the screens.

Setup → interview → report, and history from setup or the report. Screens ask for a move with
a navigation message; device threads report with device messages, which the app applies to its
state and passes on to the screen on top.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from interbot_tui.backends.llm.model_file import FileBacked
from interbot_tui.core.grading.fallback import json_fallback_reason
from interbot_tui.core.ports import ChatModel, Closable, ModelError
from interbot_tui.core.questions.banks import Bank, load_banks
from interbot_tui.store.sessions import Store, StoreError
from interbot_tui.tui.devices import Devices
from interbot_tui.tui.messages import (
    DeviceMessage,
    GoBack,
    ModelFailed,
    ModelReady,
    NewInterview,
    OpenCompare,
    OpenHistory,
    OpenProgress,
    OpenSession,
    RetryQuestion,
    ShowReport,
    SpeechFailed,
    StartInterview,
    VoiceFailed,
)
from interbot_tui.tui.screens.compare import CompareScreen
from interbot_tui.tui.screens.history import HistoryScreen
from interbot_tui.tui.screens.interview import InterviewScreen
from interbot_tui.tui.screens.persona import PersonaChat, PersonaScreen
from interbot_tui.tui.screens.progress import ProgressScreen
from interbot_tui.tui.screens.report import ReportScreen
from interbot_tui.tui.screens.setup import SetupScreen
from interbot_tui.tui.screens.transcript import TranscriptScreen

if TYPE_CHECKING:
    from interbot_tui.backends.stt.voice_input import VoiceSettings
    from interbot_tui.backends.tts.factory import SpeechSettings
    from interbot_tui.backends.vision.camera import CameraSettings
    from interbot_tui.session.documents import DocumentInputs
    from interbot_tui.session.launches import Prepared

ModelFactory = Callable[[], ChatModel]
MODEL_FILE_CHECK_S = 5.0  # how often the loaded model's file is checked (one stat call)
# Builds persona mode's chat from a way to get the model (it may wait for it to load).
PersonaOpener = Callable[[Callable[[], ChatModel]], PersonaChat]


class InterbotApp(App[None]):
    TITLE = "interbot"
    SUB_TITLE = "private interview coach"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, id="quit")]

    backends: reactive[str] = reactive("")  # the status line's left part; widgets watch it

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
        keymap: Mapping[str, str] | None = None,
        prepared: Prepared | None = None,
        documents: DocumentInputs | None = None,
        persona: PersonaOpener | None = None,
    ) -> None:
        """`prepared`: go straight into that session (`interbot resume`, `retry`, `practice`);
        `documents`: the resume and job description the setup form starts with (--resume, --jd);
        `persona`: open persona mode instead (`interbot persona`), given the model when loaded."""
        super().__init__()
        self.prepared = prepared
        self.documents = documents
        self.persona = persona
        self._model_ready = threading.Event()  # persona mode waits for the model on its thread
        self.store = store
        # Calibration and recordings live beside the history: one data dir, whatever the caller.
        self.data_dir = data_dir or store.path.parent
        self.banks_dir = banks_dir
        self.model_spec = model_spec
        self.model_factory = model_factory
        self.text_only = text_only
        self.seed = seed
        self.language = language  # --language; "" lets the setup form use the last profile's
        self.keymap = dict(keymap or {})
        self.banks: list[Bank] = []
        self.model: ChatModel | None = None
        self.model_error = ""
        self.json_grading = ""  # why answers are graded by the JSON fallback, once known
        self.model_loading = True
        self.models_dir = models_dir or Path("models")
        # With --text nothing is touched; otherwise each device starts in a worker at mount.
        self.devices = Devices(
            models_dir=self.models_dir,
            voice=None if text_only else voice,
            speech=None if text_only else speech,
            camera=None if text_only else camera,
        )

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        self.banks, errors = load_banks(self.banks_dir)
        for error in errors:
            self.notify(str(error), title="Question bank problem", severity="warning", timeout=10)
        if self.store is not None and self.store.notice:  # a damaged history was kept aside
            self.notify(self.store.notice, title="History", severity="warning", timeout=30)
        self.refresh_backends()
        if self.persona is not None:
            opener = self.persona
            self.push_screen(PersonaScreen(lambda: opener(self.wait_for_model)))
        else:
            self.push_screen(SetupScreen())
        if self.prepared is not None:
            self.notify(self.prepared.summary, timeout=8)
            self.post_message(StartInterview(self.prepared.profile, self.prepared.launch))
        self.load_model()
        devices = self.devices
        for settings, start, group in (
            (devices.voice_settings, devices.start_voice, "voice"),
            (devices.speech_settings, devices.start_speech, "speech"),
            (devices.camera_settings, devices.start_camera, "camera"),
        ):
            if settings is not None:
                self.run_worker(
                    lambda start=start: start(self._post),
                    thread=True,
                    group=group,
                    exclusive=True,
                    exit_on_error=False,
                )

    def _post(self, message: Message) -> None:
        """For device threads: post_message is thread-safe."""
        self.post_message(message)

    def on_unmount(self) -> None:
        self.devices.close()
        if isinstance(self.model, Closable):  # work ahead may still be inside the model
            self.model.close()

    async def action_quit(self) -> None:
        """The quit key ends a running interview with its report first; elsewhere it quits."""
        screen = self.screen
        if isinstance(screen, InterviewScreen) and screen.finish_interview():
            return
        self.exit()

    # --- navigation -----------------------------------------------------------------------------

    def on_start_interview(self, message: StartInterview) -> None:
        self.push_screen(InterviewScreen(message.profile, message.launch))

    def on_retry_question(self, message: RetryQuestion) -> None:
        from interbot_tui.session.launches import retry_launch

        try:
            prepared = retry_launch(self.store, message.session_id, message.number)
        except StoreError as exc:
            self.notify(str(exc), title="Cannot retry that question", severity="error")
            return
        self.notify(prepared.summary, timeout=8)
        self.push_screen(InterviewScreen(prepared.profile, prepared.launch))

    def on_show_report(self, message: ShowReport) -> None:
        self.switch_screen(ReportScreen(message.report, message.session_id))

    def on_open_history(self, message: OpenHistory) -> None:
        self.push_screen(HistoryScreen())

    def on_open_progress(self, message: OpenProgress) -> None:
        self.push_screen(ProgressScreen())

    def on_open_session(self, message: OpenSession) -> None:
        from interbot_tui.core.persona.transcript import transcript_markdown
        from interbot_tui.store.persona import persona_transcript

        transcript = persona_transcript(self.store, message.session_id)
        if transcript is not None:  # a persona conversation: nothing graded, read it as said
            self.push_screen(TranscriptScreen(transcript_markdown(transcript)))
            return
        try:
            report, _ = self.store.report(message.session_id)
        except StoreError as exc:
            self.notify(str(exc), title="Cannot open that session", severity="error")
            return
        self.push_screen(ReportScreen(report, message.session_id))

    def on_open_compare(self, message: OpenCompare) -> None:
        self.push_screen(CompareScreen(message.session_id, message.number))

    def on_new_interview(self, message: NewInterview) -> None:
        self.switch_screen(SetupScreen())

    def on_go_back(self, message: GoBack) -> None:
        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self.switch_screen(SetupScreen())

    # --- the model and the devices ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="model", exit_on_error=False)
    def load_model(self) -> None:
        """Load the model while the user fills in the setup form."""
        start = time.monotonic()
        if self.model_factory is not None:
            model = self.model_factory()
        else:
            from interbot_tui.backends.llm.factory import load_chat_model

            model = load_chat_model(self.model_spec, self.models_dir)
        seconds = time.monotonic() - start
        grading = "" if self.persona is not None else json_fallback_reason(model)  # asks once
        self.post_message(ModelReady(model, seconds, grading))

    def wait_for_model(self) -> ChatModel:
        """For worker threads: the model once loaded; ModelError when it could not be."""
        self._model_ready.wait()
        if self.model is None:
            raise ModelError(self.model_error or "the model is not available")
        return self.model

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "model" and event.state is WorkerState.ERROR:
            error = event.worker.error
            message = (
                str(error) if isinstance(error, ModelError) else f"{type(error).__name__}: {error}"
            )
            self.post_message(ModelFailed(message))

    @on(DeviceMessage)
    def _device_message(self, message: DeviceMessage) -> None:
        match message:
            case ModelReady(model=model, json_grading=json_grading):
                self.model, self.model_loading = model, False
                self.json_grading = json_grading
                self._model_ready.set()
                if isinstance(model, FileBacked):
                    self._watch_model_file(model)
                if json_grading:
                    self.notify(
                        f"{json_grading}: verdicts are less reliable than with the probe "
                        "grader. The report says which answers it graded.",
                        title="Grading without log-probabilities",
                        severity="warning",
                        timeout=20,
                    )
                self.refresh(repaint=True, layout=True)
            case ModelFailed(error=error):
                self.model_error, self.model_loading = error, False
                self._model_ready.set()
                self.notify(error, title="Model not available", severity="error", timeout=30)
            # The interview screen tells these in its conversation: one notice, not two.
            case VoiceFailed(reason=reason) if not isinstance(self.screen, InterviewScreen):
                self._device_off("Voice input is off", f"{reason}\nAnswers can be typed.")
            case SpeechFailed(reason=reason) if not isinstance(self.screen, InterviewScreen):
                self._device_off(
                    "The interviewer's voice is off", f"{reason}\nQuestions are shown as text."
                )
        self.devices.apply(message)
        self.refresh_backends()
        self.screen.post_message(message)  # the screen on top shows what it needs of it

    def _watch_model_file(self, model: FileBacked) -> None:
        """Say once if the model file is removed or replaced while the app runs (the loaded
        model goes on working: its weights are in memory)."""

        def check() -> None:
            change = model.file_change()
            if change:
                timer.stop()
                self.notify(change, title="Model file changed", severity="warning", timeout=30)

        timer = self.set_interval(MODEL_FILE_CHECK_S, check)

    def _device_off(self, title: str, text: str) -> None:
        self.notify(text, title=title, severity="warning", timeout=15)

    def refresh_backends(self) -> None:
        self.backends = self.backends_summary()

    @property
    def model_name(self) -> str:
        return getattr(self.model, "name", "") or (self.model_spec or "default model")

    def backends_summary(self) -> str:
        if self.model is not None:
            llm = f"LLM {self.model_name}" + (" (JSON grader)" if self.json_grading else "")
        elif self.model_loading:
            llm = "LLM loading"
        else:
            llm = "LLM unavailable"
        return f"{llm} · {self.devices.summary(self.text_only)}"
