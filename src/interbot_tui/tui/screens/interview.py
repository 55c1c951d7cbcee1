"""The interview: conversation, answer box, progress, last verdict, status line.

All engine work (grading, question writing) runs in one worker thread fed by a queue, so the
UI never waits on the model and actions stay in order. Engine events come back as messages.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from interbot_tui import locations
from interbot_tui.core.interview.engine import Interview
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
from interbot_tui.core.speech.delivery import Delivery, analyse
from interbot_tui.core.speech.transcript import Transcript, bias_terms
from interbot_tui.core.text import clean_user_text
from interbot_tui.core.vision.expression import Reading
from interbot_tui.session.assemble import model_interview
from interbot_tui.session.calibration import score_model_for
from interbot_tui.tui.messages import Camera, EngineEvent, Speech, Voice
from interbot_tui.tui.widgets.answer_box import AnswerBox
from interbot_tui.tui.widgets.camera_panel import CameraPanel
from interbot_tui.tui.widgets.conversation import Conversation
from interbot_tui.tui.widgets.mic_panel import MicPanel
from interbot_tui.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from interbot_tui.tui.app import InterbotApp

Action = Callable[[Interview], object]
_VERDICT_STYLE = {"correct": "bold green", "partial": "bold yellow", "incorrect": "bold red"}


class InterviewScreen(Screen[None]):
    CSS_PATH = "interview.tcss"
    BINDINGS = [
        Binding("ctrl+q", "app.quit", "Finish & report", priority=True),
        Binding("f2", "focus_answer", "Answer box"),
        Binding("f4", "talk", "Talk"),
        Binding("f6", "toggle_hands_free", "Hands-free"),
        Binding("f7", "stop_speaking", "Stop voice"),
        Binding("f8", "toggle_mute", "Mute"),
    ]

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.interview: Interview | None = None
        self.session_id: int | None = None
        self._actions: queue.Queue[Action | None] = queue.Queue()
        self._finishing = False

    @property
    def ibapp(self) -> InterbotApp:
        return cast("InterbotApp", self.app)

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
        self.run_engine()
        self.model_changed()
        self._show_voice_state()
        self._answer_number = 0  # which question the awaited answer is for (for --keep-audio)
        if self.ibapp.voice_state == "failed":  # it failed while the setup form was open
            self._voice_off_notice(self.ibapp.voice_error)
        if self.ibapp.speech_state == "failed":
            self._speech_off_notice(self.ibapp.speech_error)
        self._speech_language()
        self._show_camera_state()
        if self.ibapp.camera_state == "failed":  # it failed while the setup form was open
            self._camera_off_notice(self.ibapp.camera_error)

    def _voice_off_notice(self, reason: str) -> None:
        typing = "" if "typed" in reason else " You can type your answers."
        self.query_one(Conversation).say(f"Voice input is off: {reason}{typing}", Purpose.NOTICE)

    def _speech_off_notice(self, reason: str) -> None:
        self.query_one(Conversation).say(
            f"The interviewer's voice is off: {reason}. Questions are shown as text "
            "(`interbot doctor` says more).",
            Purpose.NOTICE,
        )

    def _camera_off_notice(self, reason: str) -> None:
        self.query_one(Conversation).say(
            f"The camera is off: {reason}. The interview goes on without expression readings "
            "(`interbot doctor` says more).",
            Purpose.NOTICE,
        )

    # --- model and engine -----------------------------------------------------------------------

    def model_changed(self) -> None:
        status = self.query_one(StatusLine)
        status.set_backends(self.ibapp.backends_summary())
        if self.ibapp.model_loading:
            status.set_busy("loading the model")
        elif self.ibapp.model is None:
            status.set_busy("")
            self.query_one(Conversation).say(
                f"The model could not be loaded: {self.ibapp.model_error}", Purpose.NOTICE
            )
        elif self.interview is None:
            self._begin()

    def _begin(self) -> None:
        model = self.ibapp.model
        assert model is not None
        try:
            recorder = self.ibapp.store.start_session(self.profile, model.name)
            self.session_id = recorder.session_id
        except Exception as exc:  # a broken store must not stop practice: run without history
            self.notify(f"History is not being saved: {exc}", severity="error", timeout=20)
            recorder = None
        score_model, notice = score_model_for(
            self.ibapp.data_dir or locations.data_dir(None), model.name
        )
        if notice:
            self.notify(notice, severity="warning", timeout=20)
        self.interview = model_interview(
            self.profile,
            self.ibapp.banks,
            model,
            recorder=recorder,
            emit=self._post_event,
            seed=self.ibapp.seed,
            score_model=score_model,
        )
        self._queue(lambda interview: interview.start(), "preparing the first question")

    def _post_event(self, event: Event) -> None:
        """Called on the engine thread: post_message is thread-safe."""
        self.post_message(EngineEvent(event))

    def _queue(self, action: Action, busy: str) -> None:
        self.query_one(StatusLine).set_busy(busy)
        self._actions.put(action)

    @work(thread=True, exclusive=True, group="engine", exit_on_error=False)
    def run_engine(self) -> None:
        """The one thread that drives the engine; actions run in the order they were queued."""
        while True:
            action = self._actions.get()
            if action is None:
                return
            if self.interview is not None:
                try:
                    action(self.interview)
                except Exception as exc:  # shown to the user; the interview can go on
                    self.app.call_from_thread(self._engine_failed, exc)

    @work(thread=True, group="prefetch", exit_on_error=False)
    def prefetch(self) -> None:
        if self.interview is not None and not self.interview.finished:
            self.interview.prepare_next()

    def _engine_failed(self, exc: Exception) -> None:
        self.query_one(StatusLine).set_busy("")
        self.query_one(Conversation).say(
            f"Something went wrong: {exc}. Your earlier answers are saved; try answering again "
            "or press Ctrl+Q for the report.",
            Purpose.NOTICE,
        )
        self._enable_answer()

    def on_unmount(self) -> None:
        self._actions.put(None)

    # --- events from the engine ---------------------------------------------------------------

    def on_engine_event(self, message: EngineEvent) -> None:
        event = message.event
        conversation = self.query_one(Conversation)
        status = self.query_one(StatusLine)
        if isinstance(event, QuestionAsked):
            q = event.question
            source = " · written for you" if q.source == "generated" else ""
            self.query_one("#progress", Static).update(
                Text(f"Question {event.number}/{event.total} · {q.kind} · {q.difficulty}{source}")
            )
        elif isinstance(event, InterviewerSaid):
            conversation.say(event.text, event.purpose)
            self._speak(event)
            if event.purpose in (Purpose.QUESTION, Purpose.HINT, Purpose.FOLLOW_UP):
                self.ibapp.expression.start_answer()  # the camera tallies this answer from now
                status.set_busy("")
                self._enable_answer()
                if event.purpose is Purpose.QUESTION:
                    self.prefetch()
        elif isinstance(event, GradingStarted):
            status.set_busy("grading your answer")
        elif isinstance(event, FeedbackDelta):
            conversation.stream_feedback(event.text)
            if self.ibapp.speaker is not None:
                self.ibapp.speaker.feed(event.text)  # spoken sentence by sentence as it comes
        elif isinstance(event, AnswerGraded):
            conversation.end_stream()
            if self.ibapp.speaker is not None:
                self.ibapp.speaker.end_reply()
            self._show_verdict(event)
        elif isinstance(event, InterviewFinished):
            from interbot_tui.tui.screens.report import ReportScreen

            status.set_busy("")
            self.app.switch_screen(ReportScreen(event.report, self.session_id))

    def _show_verdict(self, event: AnswerGraded) -> None:
        grade = event.turn.grade
        widget = self.query_one("#verdict", Static)
        if self.profile.mode is Mode.STRICT:
            widget.update(Text("Answer recorded", style="dim"))
        elif not grade.available:
            widget.update(Text("Last answer: ungraded", style="bold"))
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
        if self.interview is None or self.interview.finished:
            return
        voice = self.ibapp.voice
        if voice is not None:
            voice.cancel()
            self._show_voice_state()
        self._send(message.text)

    def _send(self, text: str, delivery: Delivery | None = None, audio: str = "") -> None:
        shown, _ = clean_user_text(text)
        self.query_one(Conversation).candidate(shown)
        if delivery is not None:
            self.query_one(Conversation).note(f"Delivery: {delivery.summary()}")
        self.query_one(AnswerBox).disabled = True
        expression = self.ibapp.expression.end_answer()  # None without camera readings
        self._queue(
            lambda interview: interview.submit(
                text, delivery=delivery, audio=audio, expression=expression
            ),
            "sending your answer",
        )

    def finish_interview(self) -> bool:
        """The quit key: end with a report (after the answer being graded, if any).

        Returns False when there is no interview to finish, so the app quits instead.
        """
        if self.interview is None or self.interview.finished:
            return False
        if not self._finishing:
            self._finishing = True
            self.query_one(AnswerBox).disabled = True
            if self.ibapp.voice is not None:
                self.ibapp.voice.cancel()
                self._show_voice_state()
            self._queue(lambda interview: interview.finish(), "finishing")
        return True

    def action_focus_answer(self) -> None:
        self.query_one(AnswerBox).focus()

    # --- voice ----------------------------------------------------------------------------------

    def _awaiting_answer(self) -> bool:
        return not self.query_one(AnswerBox).disabled and not self._finishing

    def _listen(self) -> None:
        voice = self.ibapp.voice
        if voice is None or self.interview is None or self.interview.current is None:
            return
        self._answer_number = self.interview.number
        voice.set_language(self.profile.language)
        terms = bias_terms(self.interview.current, self.profile)
        if self.profile.language != "en":  # the spoken finish command in this language
            terms.insert(0, self.interview.phrases["finish_command"])
        voice.listen(terms)
        self._show_voice_state()

    def _show_voice_state(self) -> None:
        panel = self.query_one(MicPanel)
        voice, state = self.ibapp.voice, self.ibapp.voice_state
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

    def voice_event(self, message: Voice) -> None:
        """Voice messages, forwarded by the app on the UI thread."""
        panel = self.query_one(MicPanel)
        if message.kind == "level":
            panel.set_level(float(cast(float, message.payload)))
        elif message.kind in ("ready", "failed"):
            self.query_one(StatusLine).set_backends(self.ibapp.backends_summary())
            if message.kind == "failed":
                self._voice_off_notice(str(message.payload))
            elif self._awaiting_answer():
                self._listen()
            self._show_voice_state()
        elif message.kind == "started":
            if self.ibapp.speaker is not None and self.ibapp.speaker.speaking:
                self.ibapp.speaker.stop()  # barge-in: the candidate talks, the interviewer stops
            if self.ibapp.voice and not self.ibapp.voice.recording:
                panel.set_state("hearing")
        elif message.kind == "partial":
            panel.set_heard(str(message.payload))
        elif message.kind == "error":
            self.notify(str(message.payload), severity="warning")
        elif message.kind == "final":
            self._spoken(cast(Transcript, message.payload))

    def _spoken(self, transcript: Transcript) -> None:
        voice = self.ibapp.voice
        if voice is None or not self._awaiting_answer():
            return
        if not transcript.text.strip():
            self.notify("I didn't catch that. Speak again, or type your answer.")
            self._listen()
            return
        delivery = analyse(transcript.words, transcript.duration_s)
        audio = ""
        if voice.settings.keep_audio and voice.listener and voice.listener.last_audio is not None:
            audio = self._keep(voice.listener.last_audio)
        self._show_voice_state()
        self._send(transcript.text, delivery, audio)

    def _keep(self, samples: object) -> str:
        from interbot_tui.backends.stt.files import keep_recording

        try:
            return keep_recording(
                self.ibapp.store.path.parent, self.session_id, self._answer_number, samples
            )
        except OSError as exc:
            self.notify(f"The recording was not kept: {exc}", severity="warning")
            return ""

    def action_talk(self) -> None:
        voice = self.ibapp.voice
        if voice is None:
            reason = self.ibapp.voice_error or "voice input is off"
            self.notify(f"{reason}. Type your answer instead.", severity="warning")
            return
        if not self._awaiting_answer() and not voice.recording:
            return
        recording = voice.toggle_talk()
        self.query_one(MicPanel).set_state("recording" if recording else "transcribing")

    # --- the interviewer's voice -----------------------------------------------------------------

    def _speak(self, event: InterviewerSaid) -> None:
        speaker = self.ibapp.speaker
        if speaker is not None and event.purpose is not Purpose.NOTICE:
            speaker.say(event.text)

    def _speech_language(self) -> None:
        """Speak the interview's language unless a voice was chosen by name."""
        speaker, settings = self.ibapp.speaker, self.ibapp.speech_settings
        set_language = getattr(speaker.synth, "set_language", None) if speaker else None
        if set_language is not None and settings is not None and not settings.voice:
            set_language(self.profile.language)

    def speech_event(self, message: Speech) -> None:
        """Speech messages, forwarded by the app on the UI thread."""
        if message.kind == "ready":
            self._speech_language()
        elif message.kind in ("failed", "error"):
            self._speech_off_notice(str(message.payload))
        self.query_one(StatusLine).set_backends(self.ibapp.backends_summary())
        self._show_speaking(message.kind == "speaking" and bool(message.payload))

    def _show_speaking(self, on: bool) -> None:
        speaker = self.ibapp.speaker
        widget = self.query_one("#speaking", Static)
        if speaker is not None and speaker.muted:
            widget.update(Text("🔇 muted · F8", style="dim"))
        elif on:
            widget.update(Text("🔊 speaking · F7 stop", style="bold"))
        else:
            widget.update("")

    def action_stop_speaking(self) -> None:
        if self.ibapp.speaker is not None:
            self.ibapp.speaker.stop()

    def action_toggle_mute(self) -> None:
        speaker = self.ibapp.speaker
        if speaker is None:
            reason = self.ibapp.speech_error or "speech is off"
            self.notify(f"The interviewer's voice is off: {reason}", severity="warning")
            return
        speaker.set_muted(not speaker.muted)
        self._show_speaking(False)
        self.query_one(StatusLine).set_backends(self.ibapp.backends_summary())

    def action_toggle_hands_free(self) -> None:
        voice = self.ibapp.voice
        if voice is None:
            return
        voice.set_hands_free(not voice.hands_free)
        self.query_one(StatusLine).set_backends(self.ibapp.backends_summary())
        if self._awaiting_answer():
            self._listen()
        self._show_voice_state()

    # --- the camera -----------------------------------------------------------------------------

    def _show_camera_state(self) -> None:
        state = self.ibapp.camera_state
        self.query_one(CameraPanel).set_state(state if state in ("loading", "on") else "off")

    def camera_event(self, message: Camera) -> None:
        """Camera messages, forwarded by the app on the UI thread."""
        if not self.query(CameraPanel):  # a frame read while this screen is still being built
            return
        if message.kind == "reading":
            self.query_one(CameraPanel).set_reading(cast(Reading, message.payload))
            return
        self._show_camera_state()
        self.query_one(StatusLine).set_backends(self.ibapp.backends_summary())
        if message.kind == "failed" or (message.kind == "ended" and message.payload):
            self._camera_off_notice(str(message.payload))
