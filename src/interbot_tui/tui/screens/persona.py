"""Persona mode: someone asks, the bot answers as the candidate, from their resume and their
prepared answers. Suggested questions are one key away; answers stream in and are spoken when
the voice is on. The chat runs on a worker thread: the screen never waits for the model."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static

from interbot_tui.core.interview.events import Purpose
from interbot_tui.core.ports import TextSink
from interbot_tui.tui.widgets.conversation import Bubble, Conversation

if TYPE_CHECKING:
    from interbot_tui.tui.app import InterbotApp

SOURCES = {"prepared": "from your prepared answers", "cache": "asked before", "model": "model"}


class Reply(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def source(self) -> str: ...  # prepared | cache | model
    @property
    def seconds(self) -> float: ...
    @property
    def context_tokens(self) -> int: ...
    @property
    def replaced(self) -> bool: ...  # the streamed text was withdrawn for `text`


class PersonaChat(Protocol):
    """What the screen drives; `session.persona_session.PersonaSession` provides it."""

    @property
    def name(self) -> str: ...

    @property
    def suggestions(self) -> list[str]: ...

    def ask(self, question: str, on_text: TextSink | None = None) -> Reply: ...

    def close(self) -> None: ...


class PersonaScreen(Screen[None]):
    BINDINGS = [
        Binding("f2", "focus_question", "Ask", id="persona_ask"),
        Binding("f3", "focus_suggestions", "Suggestions", id="persona_suggestions"),
        Binding("f7", "stop_speaking", "Stop voice", id="persona_stop_speaking"),
        Binding("escape", "app.quit", "Quit", id="persona_quit"),
    ]
    DEFAULT_CSS = """
    PersonaScreen #persona-body { height: 1fr; }
    PersonaScreen Conversation { height: 1fr; }
    PersonaScreen #suggestions { height: auto; max-height: 6; border: round $accent; }
    PersonaScreen #persona-status { height: 1; padding: 0 1; color: $text-muted; }
    PersonaScreen #question { margin: 0 1; }
    """

    def __init__(self, open_chat: Callable[[], PersonaChat]) -> None:
        """`open_chat` builds the session (on a worker: it may read files and wait for the
        model)."""
        super().__init__()
        self.open_chat = open_chat
        self.chat: PersonaChat | None = None
        self.asking = False
        self._answer: Bubble | None = None

    @property
    def ibapp(self) -> InterbotApp:
        return cast("InterbotApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="persona-body"):
            yield Conversation()
            suggestions = OptionList(id="suggestions")
            suggestions.border_title = "Suggested questions (F3, Enter asks)"
            yield suggestions
        yield Static("", id="persona-status")
        yield Input(placeholder="Ask the candidate a question, Enter sends", id="question")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#question", Input).disabled = True
        self._status("reading the resume…")
        self.run_worker(self._open, thread=True, group="persona", exit_on_error=False)

    def _open(self) -> None:
        try:
            chat = self.open_chat()
        except Exception as exc:  # a bad file or no model: said, and the screen stays up
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self._ready, chat)

    def _failed(self, reason: str) -> None:
        self._status("")
        self.query_one(Conversation).say(reason, Purpose.NOTICE)
        self.notify(reason, title="Persona not available", severity="error", timeout=30)

    def _ready(self, chat: PersonaChat) -> None:
        self.chat = chat
        self.title = f"Persona · {chat.name}" if chat.name else "Persona"
        options = self.query_one("#suggestions", OptionList)
        options.clear_options()
        options.add_options(chat.suggestions[:20])
        options.display = bool(chat.suggestions)
        if chat.suggestions:
            options.highlighted = 0  # F3 then Enter asks the first
        box = self.query_one("#question", Input)
        box.disabled = False
        box.focus()
        self._status(
            f"Ask {chat.name or 'the candidate'} anything: the answers come only from the "
            "resume and prepared answers."
        )

    # --- asking -------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        question = event.value.strip()
        if question:
            event.input.value = ""
            self.ask(question)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.ask(str(event.option.prompt))

    def ask(self, question: str) -> None:
        if self.chat is None or self.asking:
            self.notify("Wait for the answer first.", timeout=3)
            return
        chat = self.chat
        self.asking = True
        conversation = self.query_one(Conversation)
        conversation.candidate(question).border_title = "Interviewer"
        self._answer = None
        self._status("thinking…")
        speaker = self.ibapp.devices.speaker

        def stream(delta: str) -> None:  # on the worker thread
            self.app.call_from_thread(self._stream, delta)
            if speaker is not None:
                speaker.feed(delta)

        def work() -> None:
            try:
                reply = chat.ask(question, on_text=stream)
            except Exception as exc:  # the model failed: said, and the next question works
                self.app.call_from_thread(self._answered, None, str(exc))
                return
            self.app.call_from_thread(self._answered, reply, "")

        self.run_worker(work, thread=True, group="persona-ask", exit_on_error=False)

    def _bubble(self) -> Bubble:
        if self._answer is None:
            conversation = self.query_one(Conversation)
            name = self.chat.name if self.chat and self.chat.name else "Candidate"
            self._answer = conversation.say("", Purpose.QUESTION)
            self._answer.border_title = name
        return self._answer

    def _stream(self, delta: str) -> None:
        self._bubble().append(delta)
        self.query_one(Conversation).scroll_end(animate=False)

    def _answered(self, reply: Reply | None, error: str) -> None:
        self.asking = False
        speaker = self.ibapp.devices.speaker
        if reply is None:
            self._status("")
            self.query_one(Conversation).say(f"No answer: {error}", Purpose.NOTICE)
            return
        bubble = self._bubble()
        if reply.replaced or bubble.text.strip() != reply.text.strip():
            bubble.text = ""
            bubble.append(reply.text)
        if speaker is not None:
            if reply.source == "model" and not reply.replaced:
                speaker.end_reply()
            else:
                speaker.stop()
                speaker.say(reply.text)
        how = SOURCES.get(reply.source, reply.source)
        context = f" · context {reply.context_tokens:,} tokens" if reply.source == "model" else ""
        self._status(f"{how} · {reply.seconds:.2f} s{context}")
        self.query_one("#question", Input).focus()

    # --- keys ---------------------------------------------------------------------------------

    def action_focus_question(self) -> None:
        self.query_one("#question", Input).focus()

    def action_focus_suggestions(self) -> None:
        self.query_one("#suggestions", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No "Stop voice" key when nothing speaks (--text, --no-speech, no speaker)."""
        if action == "stop_speaking":
            return self.ibapp.devices.speaker is not None
        return True

    def action_stop_speaking(self) -> None:
        speaker = self.ibapp.devices.speaker
        if speaker is not None:
            speaker.stop()

    def on_unmount(self) -> None:
        if self.chat is not None:
            self.chat.close()

    def _status(self, text: str) -> None:
        self.query_one("#persona-status", Static).update(Text(text))
