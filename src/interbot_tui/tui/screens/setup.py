"""The setup form, filled with the last profile used."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from interbot_tui.core.documents.facts import Grounding
from interbot_tui.core.i18n.phrases import Phrases
from interbot_tui.core.profile import (
    MAX_QUESTIONS,
    Difficulty,
    InterviewType,
    Mode,
    Profile,
    ProfileError,
)
from interbot_tui.core.speech.transcript import LANGUAGES
from interbot_tui.session.documents import (
    DocumentInputs,
    Loaded,
    load_grounding,
    remember_inputs,
    remembered_inputs,
)
from interbot_tui.session.launch import Launch
from interbot_tui.store.sessions import StoreError
from interbot_tui.tui.messages import (
    ModelFailed,
    ModelReady,
    OpenHistory,
    OpenProgress,
    StartInterview,
)
from interbot_tui.tui.widgets.pasted_input import PastedInput
from interbot_tui.tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from interbot_tui.tui.app import InterbotApp

_TYPES = [
    ("Mixed", "mixed"),
    ("Technical", "technical"),
    ("Behavioural", "behavioural"),
    ("System design", "system_design"),
]


def _language_options() -> list[tuple[str, str]]:
    """Every Whisper language we offer; those without our own wording say so."""
    options = []
    for code, name in LANGUAGES.items():
        label = name if Phrases(code).translated else f"{name} (report labels in English)"
        options.append((label, code))
    return options


_MODES = [("Coach: hint → retry → reveal", "coach"), ("Strict: like the real thing", "strict")]
_SESSIONS = [
    ("A new interview", "interview"),
    ("Practise what I missed (spaced)", "practice"),
]


class SetupScreen(Screen[None]):
    CSS_PATH = "setup.tcss"
    BINDINGS = [
        Binding("f5", "start", "Start", id="start"),
        Binding("f3", "history", "History", id="history"),
        Binding("f6", "progress", "Progress", id="progress"),
        Binding("f7", "resume", "Resume", id="resume"),
    ]

    @property
    def ibapp(self) -> InterbotApp:
        return cast("InterbotApp", self.app)

    def compose(self) -> ComposeResult:
        p = self.ibapp.store.last_profile() or Profile()
        yield Header()
        with VerticalScroll(id="form"):
            with Grid(id="fields"):
                yield Label("Your name")
                yield Input(p.name, placeholder="optional", id="name", compact=True)
                yield Label("Target role")
                yield Input(p.role, id="role", compact=True)
                yield Label("Topic / tech stack")
                yield Input(
                    p.topic, placeholder="e.g. Python, Django, PostgreSQL", id="topic", compact=True
                )
                yield Label("Years of experience")
                yield Input(str(p.years), type="integer", id="years", compact=True)
                yield Label("Difficulty")
                yield Select(
                    [(d.value.title(), d.value) for d in Difficulty],
                    value=p.difficulty.value,
                    allow_blank=False,
                    id="difficulty",
                    compact=True,
                )
                yield Label("Interview type")
                yield Select(
                    _TYPES, value=p.interview_type.value, allow_blank=False, id="type", compact=True
                )
                yield Label(f"Questions (1–{MAX_QUESTIONS})")
                yield Input(str(p.questions), type="integer", id="questions", compact=True)
                yield Label("Mode")
                yield Select(_MODES, value=p.mode.value, allow_blank=False, id="mode", compact=True)
                yield Label("Session")
                yield Select(
                    _SESSIONS, value="interview", allow_blank=False, id="session", compact=True
                )
                documents = self.ibapp.documents or remembered_inputs(self.ibapp.store)
                yield Label("Resume file")
                yield Input(
                    documents.resume,
                    placeholder="optional: PDF, DOCX, Markdown or text",
                    id="resume",
                    compact=True,
                )
                yield Label("Job description")
                jd = PastedInput(
                    placeholder="optional: a file, or paste the job ad", id="jd", compact=True
                )
                jd.set_text(documents.job)
                yield jd
                yield Label("Language")
                language = self.ibapp.language or p.language
                yield Select(
                    _language_options(),
                    value=language if language in LANGUAGES else "en",
                    allow_blank=False,
                    id="language",
                    compact=True,
                )
            yield Static("", id="documents")
            yield Static("", id="interrupted")
            with Horizontal(id="buttons"):
                yield Button("Start interview (F5)", variant="primary", id="start")
                yield Button("History (F3)", id="history")
                yield Button("Progress (F6)", id="progress")
        yield StatusLine(self.ibapp.backends_summary(), id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#role", Input).focus()
        self._model_changed()
        self._offer_resume()
        if not self.read_documents().empty:
            self._load_documents(None)  # what the remembered (or given) documents say

    def _offer_resume(self) -> None:
        """An interview that was interrupted (a crash, a closed terminal): offer to go on."""
        from interbot_tui.session.launches import resume_launch

        banner = self.query_one("#interrupted", Static)
        try:
            prepared = resume_launch(self.ibapp.store)
        except StoreError:
            banner.display = False
            return
        # Text: the summary names the role as typed, which may hold [brackets].
        banner.update(Text(f"{prepared.summary} Press F7 to continue where it stopped."))
        banner.display = True

    def on_model_ready(self, message: ModelReady) -> None:
        self._model_changed()

    def on_model_failed(self, message: ModelFailed) -> None:
        self._model_changed()

    def _model_changed(self) -> None:
        self.query_one(StatusLine).set_busy("loading the model" if self.ibapp.model_loading else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id in ("resume", "jd") and not self.read_documents().empty:
            self._load_documents(None)  # show what was read before the interview starts
        self.focus_next()

    def read_documents(self) -> DocumentInputs:
        return DocumentInputs(
            resume=self.query_one("#resume", Input).value.strip(),
            job=self.query_one("#jd", PastedInput).text.strip(),
        )

    def _load_documents(self, then: Profile | None) -> None:
        """Read the resume and job description on a thread; show what was read; with `then`,
        start that interview grounded in them."""
        inputs = self.read_documents()
        data_dir = self.ibapp.data_dir

        def work() -> None:
            loaded = load_grounding(inputs, data_dir)
            self.app.call_from_thread(self._documents_loaded, inputs, loaded, then)

        self.query_one("#documents", Static).update("Reading your documents…")
        self.run_worker(work, thread=True, group="documents", exclusive=True, exit_on_error=False)

    def _documents_loaded(
        self, inputs: DocumentInputs, loaded: Loaded, then: Profile | None
    ) -> None:
        shown = self.query_one("#documents", Static)
        shown.update(Text("\n".join(loaded.summary)))
        try:
            remember_inputs(self.ibapp.store, inputs)
        except Exception as exc:  # a full disk must not stop the interview
            self.notify(f"Could not remember the documents: {exc}", severity="warning")
        if then is None:
            return
        grounding: Grounding | None = None if loaded.grounding.empty else loaded.grounding
        if loaded.notes:
            self.notify(
                "\n".join(loaded.notes), title="Your documents", severity="warning", timeout=15
            )
        elif grounding is not None:
            self.notify("\n".join(loaded.summary[:3]), title="Read", timeout=8)
        self.post_message(StartInterview(then, Launch(grounding=grounding)))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        elif event.button.id == "history":
            self.action_history()
        elif event.button.id == "progress":
            self.action_progress()

    def read_profile(self) -> Profile:
        def text(field: str) -> str:
            return self.query_one(f"#{field}", Input).value.strip()

        def number(field: str, label: str) -> int:
            try:
                return int(text(field))
            except ValueError:
                raise ProfileError(f"{label} must be a whole number") from None

        def choice(field: str) -> str:
            return str(self.query_one(f"#{field}", Select).value)

        return Profile(
            name=text("name"),
            role=text("role"),
            topic=text("topic"),
            years=number("years", "Years of experience"),
            difficulty=Difficulty(choice("difficulty")),
            interview_type=InterviewType(choice("type")),
            questions=number("questions", "Questions"),
            mode=Mode(choice("mode")),
            language=choice("language"),
        )

    def action_start(self) -> None:
        try:
            profile = self.read_profile()
        except ProfileError as exc:
            self.notify(str(exc), title="Check the form", severity="error")
            return
        if self.ibapp.model_error:
            self.notify(
                self.ibapp.model_error,
                title="No model: cannot interview",
                severity="error",
                timeout=30,
            )
            return
        try:
            self.ibapp.store.remember_profile(profile)
        except Exception as exc:  # a full disk must not stop the interview from starting
            self.notify(f"Could not remember this profile: {exc}", severity="warning")
        if self.query_one("#session", Select).value == "practice":
            self._practise(profile)
            return
        if not self.read_documents().empty:
            self._load_documents(profile)
            return
        self.post_message(StartInterview(profile))

    def _practise(self, profile: Profile) -> None:
        from interbot_tui.session.launches import practice_launch

        try:
            prepared = practice_launch(
                self.ibapp.store, profile, profile.questions, role=profile.role
            )
        except StoreError as exc:
            self.notify(str(exc), title="Nothing to practise", severity="warning", timeout=15)
            return
        self.notify(prepared.summary, timeout=8)
        self.post_message(StartInterview(prepared.profile, prepared.launch))

    def action_resume(self) -> None:
        from interbot_tui.session.launches import resume_launch

        if self.ibapp.model_error:
            self.notify(self.ibapp.model_error, title="No model", severity="error", timeout=30)
            return
        try:
            prepared = resume_launch(self.ibapp.store)
        except StoreError as exc:
            self.notify(str(exc), title="Nothing to resume", severity="warning")
            return
        self.post_message(StartInterview(prepared.profile, prepared.launch))

    def action_history(self) -> None:
        self.post_message(OpenHistory())

    def action_progress(self) -> None:
        self.post_message(OpenProgress())
