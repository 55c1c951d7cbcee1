"""Every attempt at one past question side by side (the rows of `interbot compare`), and what
changed between the last two. Opened from a report; Escape goes back."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from interbot_tui.core.progress.attempts import AttemptView, compare_rows, what_changed
from interbot_tui.store.sessions import StoreError

if TYPE_CHECKING:
    from interbot_tui.tui.app import InterbotApp

ONCE = "Answered once so far: answer it again to compare the attempts."


class CompareScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="compare_back")]
    DEFAULT_CSS = """
    CompareScreen #page { padding: 0 1; }
    CompareScreen #question { text-style: bold; margin: 1 0; }
    CompareScreen #attempts { height: auto; margin-bottom: 1; }
    CompareScreen .hidden { display: none; }
    """

    def __init__(self, session_id: int, number: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.number = number
        self.attempts: list[AttemptView] | None = None  # None until read, or when it failed

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="page"):
            # markup=False: questions and answers are the user's text, brackets and all.
            yield Static("", id="question", markup=False)
            yield Static("", id="left-out", markup=False, classes="hidden")
            yield DataTable(id="attempts", cursor_type="column", zebra_stripes=True)
            yield Static("", id="changed", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        from interbot_tui.store.attempts import question_and_attempts

        app = cast("InterbotApp", self.app)
        title = self.query_one("#question", Static)
        table: DataTable[Text] = self.query_one("#attempts", DataTable)
        try:  # one read of the history: fast enough for the UI thread
            question, attempts = question_and_attempts(app.store, self.session_id, self.number)
        except StoreError as exc:
            title.update(f"Cannot compare: {exc}")
            table.add_class("hidden")
            return
        self.attempts = attempts
        title.update(f"Question {self.number} of session {self.session_id}: {question.text}")
        shown, rows = compare_rows(attempts, self.app.size.width - 4)
        if len(shown) < len(attempts):
            note = self.query_one("#left-out", Static)
            older = len(attempts) - len(shown)
            note.update(f"The latest {len(shown)} of {len(attempts)} attempts ({older} older).")
            note.remove_class("hidden")
        header, *body = rows
        for i, cell in enumerate(header[1]):
            table.add_column(Text(cell[0], style="bold"), key=f"attempt-{i}")
        for name, cells in body:
            table.add_row(
                *(Text("\n".join(c)) for c in cells),
                label=Text(name),
                height=None,
                key=name,
            )
        changed = what_changed(*attempts[-2:]) if len(attempts) >= 2 else ONCE
        self.query_one("#changed", Static).update(changed)
        table.focus()
