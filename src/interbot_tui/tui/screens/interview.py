"""The interview: conversation, answer box, progress, last verdict, status line.

The session (`session/interview_session.py`) runs the engine on its own thread; its events come
back as messages and this screen maps them to widgets, and keys and device messages to the
session and the devices. The UI never waits on the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from interbot_tui.core.interview.events import (
    AnswerGraded,
    Event,
    FeedbackDelta,
    GradingStarted,
    InterviewerSaid,
    InterviewFinished,
    Purpose,
    QuestionAsked,
)
from interbot_tui.core.profile import Mode, Profile
from interbot_tui.core.text import clean_user_text
from interbot_tui.session.interview_session import InterviewSession, SessionOptions, SpokenAnswer
from interbot_tui.session.launch import NEW_INTERVIEW, Launch
from interbot_tui.tui.messages import (
    CameraEnded,
    CameraFailed,
    CameraReading,
    CameraReady,
    EngineEvent,
    ModelFailed,
    ModelReady,
    SessionFailed,
    SessionNotice,
    ShowReport,
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
from interbot_tui.tui.widgets.answer_box import AnswerBox
from interbot_tui.tui.widgets.camera_panel import CameraPanel
from interbot_tui.tui.widgets.conversation import Conversation
from interbot_tui.tui.widgets.mic_panel import MicPanel
from interbot_tui.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from interbot_tui.tui.app import InterbotApp
    from interbot_tui.tui.devices import Devices

_VERDICT_STYLE = {"correct": "bold green", "partial": "bold yellow", "incorrect": "bold red"}


class InterviewScreen(Screen[None]):
    CSS_PATH = "interview.tcss"
    BINDINGS = [
        Binding("ctrl+q", "app.quit", "Finish & report", priority=True, id="finish"),
        Binding("f2", "focus_answer", "Answer box", id="focus_answer"),
        Binding("f4", "talk", "Talk", id="talk"),
        Binding("f6", "toggle_hands_free", "Hands-free", id="hands_free"),
        Binding("f7", "stop_speaking", "Stop voice", id="stop_speaking"),
        Binding("f8", "toggle_mute", "Mute", id="mute"),
    ]

    def __init__(self, profile: Profile, launch: Launch = NEW_INTERVIEW) -> None:
        super().__init__()
        self.profile = profile
        self.launch = launch
        self.session: InterviewSession | None = None
        self._finishing = False

    @property
    def ibapp(self) -> InterbotApp:
        return cast("InterbotApp", self.app)

    @property
    def devices(self) -> Devices:
        return self.ibapp.devices

    @property
    def session_id(self) -> int | None:
        return self.session.session_id if self.session else None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="topbar"):
            yield Static("Getting ready…", id="progress")
            yield Static("", id="speaking")
            yield Static("", id="verdict")
        yield Conversation(id="conversation")
        yield MicPanel(id="mic")
        yield CameraPanel(id="camera")
        yield AnswerBox(id="answer", disabled=True)
        yield StatusLine(self.ibapp.backends_summary(), id="status")
        yield Footer()

    def on_mount(self) -> None:
        devices = self.devices
        self._model_changed()
        self._show_voice_state()
        if devices.voice_state == "failed":  # it failed while the setup form was open
            self._voice_off_notice(devices.voice_error)
        if devices.speech_state == "failed":
            self._speech_off_notice(devices.speech_error)
        self._speech_language()
        self._show_camera_state()
        if devices.camera_state in ("failed", "stopped"):  # while the setup form was open
            self._camera_off_notice(devices.camera_error)

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.close()

    def _say(self, text: str) -> None:
        self.query_one(Conversation).say(text, Purpose.NOTICE)

    def _voice_off_notice(self, reason: str) -> None:
        typing = "" if "typed" in reason else " You can type your answers."
        self._say(f"Voice input is off: {reason}{typing}")

    def _speech_off_notice(self, reason: str) -> None:
        self._say(
            f"The interviewer's voice is off: {reason}. Questions are shown as text "
            "(`interbot doctor` says more)."
        )

    def _camera_off_notice(self, reason: str) -> None:
        self._say(
            f"The camera is off: {reason}. The interview goes on without expression readings "
            "(`interbot doctor` says more)."
        )

    # --- the model and the session --------------------------------------------------------------

    def on_model_ready(self, message: ModelReady) -> None:
        self._model_changed()

    def on_model_failed(self, message: ModelFailed) -> None:
        self._model_changed()

    def _model_changed(self) -> None:
        status = self.query_one(StatusLine)
        if self.ibapp.model_loading:
            status.set_busy("loading the model")
        elif self.ibapp.model is None:
            status.set_busy("")
            self._say(f"The model could not be loaded: {self.ibapp.model_error}")
        elif self.session is None:
            self._begin()

    def _begin(self) -> None:
        app = self.ibapp
        assert app.model is not None
        self.session = InterviewSession.open(
            self.profile,
            app.model,
            app.banks,
            app.store,
            SessionOptions(
                data_dir=app.data_dir,
                seed=app.seed,
                keep_audio=bool(
                    self.devices.voice_settings and self.devices.voice_settings.keep_audio
                ),
            ),
            emit=lambda event: self.post_message(EngineEvent(event)),  # thread-safe
            on_error=lambda exc: self.post_message(SessionFailed(exc)),
            on_notice=lambda text: self.post_message(SessionNotice(text)),
            launch=self.launch,
        )
        self._busy("preparing the first question")
        self.session.start()

    def _busy(self, what: str) -> None:
        self.query_one(StatusLine).set_busy(what)

    def on_session_failed(self, message: SessionFailed) -> None:
        self._busy("")
        self._say(
            f"Something went wrong: {message.error}. Your earlier answers are saved; try "
            "answering again or press Ctrl+Q for the report."
        )
        self._enable_answer()

    def on_session_notice(self, message: SessionNotice) -> None:
        self.notify(message.text, severity="warning", timeout=20)

    # --- events from the engine ---------------------------------------------------------------

    def on_engine_event(self, message: EngineEvent) -> None:
        event: Event = message.event
        conversation = self.query_one(Conversation)
        speaker = self.devices.speaker
        if isinstance(event, QuestionAsked):
            q = event.question
            source = " · written for you" if q.source == "generated" else ""
            self.query_one("#progress", Static).update(
                Text(f"Question {event.number}/{event.total} · {q.kind} · {q.difficulty}{source}")
            )
        elif isinstance(event, InterviewerSaid):
            conversation.say(event.text, event.purpose)
            if speaker is not None and event.purpose is not Purpose.NOTICE:
                speaker.say(event.text)
            if event.purpose in (Purpose.QUESTION, Purpose.HINT, Purpose.FOLLOW_UP):
                self.devices.expression.start_answer()  # the camera tallies this answer from now
                self._busy("")
                self._enable_answer()
        elif isinstance(event, GradingStarted):
            self._busy("grading your answer")
        elif isinstance(event, FeedbackDelta):
            conversation.stream_feedback(event.text)
            if speaker is not None:
                speaker.feed(event.text)  # spoken sentence by sentence as it comes
        elif isinstance(event, AnswerGraded):
            conversation.end_stream()
            if speaker is not None:
                speaker.end_reply()
            self._show_verdict(event)
            if event.turn.grade.model_lost:  # the same question is open again
                self._busy("")
                self._enable_answer()
        elif isinstance(event, InterviewFinished):
            self._busy("")
            self.post_message(ShowReport(event.report, self.session_id))

    def _show_verdict(self, event: AnswerGraded) -> None:
        grade = event.turn.grade
        widget = self.query_one("#verdict", Static)
        if self.profile.mode is Mode.STRICT:
            widget.update(Text("Answer recorded", style="dim"))
        elif not grade.available:
            lost = " (the model stopped answering)" if grade.model_lost else ""
            widget.update(Text(f"Last answer: ungraded{lost}", style="bold"))
        else:
            verdict = str(grade.verdict)
            line = Text("Last answer: ")
            line.append(f"{verdict} {grade.score}/10", style=_VERDICT_STYLE.get(verdict, "bold"))
            widget.update(line)

    # --- the candidate ------------------------------------------------------------------------

    def _enable_answer(self) -> None:
        if self._finishing:
            return
        box = self.query_one(AnswerBox)
        box.disabled = False
        box.focus()
        self._listen()

    def on_answer_box_submitted(self, message: AnswerBox.Submitted) -> None:
        if self.session is None or self.session.finished:
            return
        if self.devices.voice is not None:
            self.devices.voice.cancel()
            self._show_voice_state()
        self._send(message.text)

    def _send(self, answer: str | SpokenAnswer) -> None:
        assert self.session is not None
        text = answer if isinstance(answer, str) else answer.transcript.text
        conversation = self.query_one(Conversation)
        conversation.candidate(clean_user_text(text)[0])
        if isinstance(answer, SpokenAnswer):
            conversation.note(f"Delivery: {answer.delivery.summary()}")
        self.query_one(AnswerBox).disabled = True
        self._busy("sending your answer")
        # None without camera readings
        self.session.submit(answer, expression=self.devices.expression.end_answer())

    def finish_interview(self) -> bool:
        """The quit key: end with a report (after the answer being graded, if any).

        Returns False when there is no interview to finish, so the app quits instead.
        """
        if self.session is None or self.session.finished:
            return False
        if not self._finishing:
            self._finishing = True
            self.query_one(AnswerBox).disabled = True
            if self.devices.voice is not None:
                self.devices.voice.cancel()
                self._show_voice_state()
            self._busy("finishing")
            self.session.finish()
        return True

    def action_focus_answer(self) -> None:
        self.query_one(AnswerBox).focus()

    # --- voice in ---------------------------------------------------------------------------------

    def _awaiting_answer(self) -> bool:
        return not self.query_one(AnswerBox).disabled and not self._finishing

    def _listen(self) -> None:
        voice, session = self.devices.voice, self.session
        if voice is None or session is None or session.current is None:
            return
        voice.set_language(self.profile.language)
        voice.listen(session.bias_terms())
        self._show_voice_state()

    def _show_voice_state(self) -> None:
        panel = self.query_one(MicPanel)
        voice, state = self.devices.voice, self.devices.voice_state
        if voice is None:
            detail = {"off": "--text" if self.ibapp.text_only else "", "failed": "type answers"}
            panel.set_state("loading" if state == "loading" else "off", detail.get(state, ""))
        elif voice.recording:
            panel.set_state("recording")
        elif not self._awaiting_answer():
            panel.set_state("waiting", "F6 hands-free/push-to-talk")
        elif voice.hands_free:
            panel.set_state("listening", f"ends after {voice.settings.silence_s:g}s of silence")
        else:
            panel.set_state("waiting", "F4 to talk, F4 again to stop")

    def on_voice_level(self, message: VoiceLevel) -> None:
        self.query_one(MicPanel).set_level(message.dbfs)

    def on_voice_ready(self, message: VoiceReady) -> None:
        if self._awaiting_answer():
            self._listen()
        self._show_voice_state()

    def on_voice_failed(self, message: VoiceFailed) -> None:
        self._voice_off_notice(message.reason)
        self._show_voice_state()

    def on_voice_lost(self, message: VoiceLost) -> None:
        """The microphone stopped mid-use: what was heard goes into the box, to finish typed."""
        heard = clean_user_text(message.heard)[0].strip()
        box = self.query_one(AnswerBox)
        if heard and self._awaiting_answer():
            typed = box.text.rstrip()
            box.text = f"{typed} {heard}" if typed else heard
            box.move_cursor(box.document.end)
            box.focus()
            how = "What you said so far is in the answer box: finish it there and press Enter."
        else:
            how = "Type your answers in the box and press Enter."
        self._say(
            f"The microphone stopped: {message.reason}. {how} Voice input stays off until "
            "interbot is started again (`interbot doctor` checks the microphone)."
        )
        self._show_voice_state()

    def on_voice_started(self, message: VoiceStarted) -> None:
        speaker, voice = self.devices.speaker, self.devices.voice
        if speaker is not None and speaker.speaking:
            speaker.stop()  # barge-in: the candidate talks, the interviewer stops
        if voice is not None and not voice.recording:
            self.query_one(MicPanel).set_state("hearing")

    def on_voice_partial(self, message: VoicePartial) -> None:
        self.query_one(MicPanel).set_heard(message.text)

    def on_voice_warning(self, message: VoiceWarning) -> None:
        self.notify(message.text, severity="warning")

    def on_voice_final(self, message: VoiceFinal) -> None:
        voice, session = self.devices.voice, self.session
        if voice is None or session is None or not self._awaiting_answer():
            return
        if not message.transcript.text.strip():
            self.notify("I didn't catch that. Speak again, or type your answer.")
            self._listen()
            return
        spoken = session.hear(message.transcript, recording=voice.last_recording)
        self._show_voice_state()
        self._send(spoken)

    def action_talk(self) -> None:
        voice = self.devices.voice
        if voice is None:
            reason = self.devices.voice_error or "voice input is off"
            self.notify(f"{reason}. Type your answer instead.", severity="warning")
            return
        if not self._awaiting_answer() and not voice.recording:
            return
        recording = voice.toggle_talk()
        self.query_one(MicPanel).set_state("recording" if recording else "transcribing")

    def action_toggle_hands_free(self) -> None:
        voice = self.devices.voice
        if voice is None:
            return
        voice.set_hands_free(not voice.hands_free)
        self.ibapp.refresh_backends()
        if self._awaiting_answer():
            self._listen()
        self._show_voice_state()

    # --- the interviewer's voice -----------------------------------------------------------------

    def _speech_language(self) -> None:
        """Speak the interview's language unless a voice was chosen by name."""
        speaker, settings = self.devices.speaker, self.devices.speech_settings
        if speaker is not None and settings is not None and not settings.voice:
            speaker.set_language(self.profile.language)

    def on_speech_ready(self, message: SpeechReady) -> None:
        self._speech_language()
        self._show_speaking(False)

    def on_speech_failed(self, message: SpeechFailed) -> None:
        self._speech_off_notice(message.reason)
        self._show_speaking(False)

    def on_speaking(self, message: Speaking) -> None:
        self._show_speaking(message.on)

    def _show_speaking(self, on: bool) -> None:
        speaker = self.devices.speaker
        widget = self.query_one("#speaking", Static)
        if speaker is not None and speaker.muted:
            widget.update(Text("🔇 muted · F8", style="dim"))
        elif on:
            widget.update(Text("🔊 speaking · F7 stop", style="bold"))
        else:
            widget.update("")

    def action_stop_speaking(self) -> None:
        if self.devices.speaker is not None:
            self.devices.speaker.stop()

    def action_toggle_mute(self) -> None:
        speaker = self.devices.speaker
        if speaker is None:
            reason = self.devices.speech_error or "speech is off"
            self.notify(f"The interviewer's voice is off: {reason}", severity="warning")
            return
        speaker.set_muted(not speaker.muted)
        self._show_speaking(False)
        self.ibapp.refresh_backends()

    # --- the camera -----------------------------------------------------------------------------

    def _show_camera_state(self) -> None:
        state = self.devices.camera_state
        shown = state if state in ("loading", "on", "stopped") else "off"
        self.query_one(CameraPanel).set_state(shown)

    def on_camera_reading(self, message: CameraReading) -> None:
        if self.query(CameraPanel):  # not for a frame read while this screen is being built
            self.query_one(CameraPanel).set_reading(message.reading)

    def on_camera_ready(self, message: CameraReady) -> None:
        self._show_camera_state()

    def on_camera_failed(self, message: CameraFailed) -> None:
        self._show_camera_state()
        self._camera_off_notice(message.reason)

    def on_camera_ended(self, message: CameraEnded) -> None:
        self._show_camera_state()
        if message.reason:
            self._camera_off_notice(message.reason)
