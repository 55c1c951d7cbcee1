"""The scrolling conversation: interviewer and candidate bubbles, and streamed feedback."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from interbot_tui.core.interview.events import Purpose
from interbot_tui.core.text import terminal_safe

_LABELS = {
    Purpose.QUESTION: "Interviewer",
    Purpose.HINT: "Hint",
    Purpose.REVEAL: "Model answer",
    Purpose.NOTICE: "Notice",
    Purpose.FOLLOW_UP: "Follow-up",
}


class Bubble(Static):
    """One message. Text is never parsed as markup (answers may contain [brackets]), and
    nothing in it that a terminal acts on is drawn (bank and model text are not trusted)."""

    def __init__(self, label: str, text: str, *, classes: str) -> None:
        super().__init__(classes=f"bubble {classes}")
        self.label = label
        self.text = text
        self.border_title = label

    def on_mount(self) -> None:
        self.update(Text(terminal_safe(self.text)))

    def append(self, more: str) -> None:
        self.text += more
        self.update(Text(terminal_safe(self.text)))


class Conversation(VerticalScroll):
    DEFAULT_CSS = """
    Conversation { padding: 0 1; }
    Conversation .bubble { border: round $primary-darken-1; padding: 0 1; margin: 0 0 1 0; height: auto; }
    Conversation .interviewer { border: round $accent; margin-right: 6; width: 1fr; }
    Conversation .candidate { border: round $success; margin-left: 6; width: 1fr; }
    Conversation .feedback { border: round $warning; margin-right: 6; width: 1fr; color: $text-muted; }
    Conversation .notice { border: round $error; }
    Conversation .note { margin: -1 0 1 8; height: auto; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._stream: Bubble | None = None

    def _add(self, bubble: Bubble) -> Bubble:
        self.mount(bubble)
        self.scroll_end(animate=False)
        return bubble

    def say(self, text: str, purpose: Purpose) -> Bubble:
        self._stream = None
        css = "notice" if purpose is Purpose.NOTICE else "interviewer"
        return self._add(Bubble(_LABELS.get(purpose, "Interviewer"), text, classes=css))

    def candidate(self, text: str) -> Bubble:
        self._stream = None
        return self._add(Bubble("You", text, classes="candidate"))

    def note(self, text: str) -> Static:
        """A small dim line under the last bubble (e.g. the delivery figures of an answer)."""
        self._stream = None
        line = Static(Text(text, style="dim italic"), classes="note")
        self.mount(line)
        self.scroll_end(animate=False)
        return line

    def stream_feedback(self, delta: str) -> None:
        """Append the grader's feedback as the model writes it."""
        if self._stream is None:
            self._stream = self._add(Bubble("Feedback", "", classes="feedback"))
        self._stream.append(delta)
        self.scroll_end(animate=False)

    def end_stream(self) -> Bubble | None:
        stream, self._stream = self._stream, None
        return stream
