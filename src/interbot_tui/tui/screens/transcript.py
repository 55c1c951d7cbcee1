"""A persona conversation from the history, read as it was said. Escape goes back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown


class TranscriptScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="transcript_back")]
    DEFAULT_CSS = "TranscriptScreen Markdown { padding: 0 1; }"

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        yield Header()
        yield Markdown(self.markdown, id="transcript")
        yield Footer()
