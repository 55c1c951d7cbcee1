"""Past sessions; Enter opens a session's report, rebuilt from its stored turns."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from interbot_tui.tui.messages import OpenProgress, OpenSession

if TYPE_CHECKING:
    from interbot_tui.tui.app import InterbotApp


class HistoryScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="history_back"),
        Binding("p", "progress", "Progress", id="history_progress"),
    ]
    DEFAULT_CSS = """
    HistoryScreen #empty { padding: 1 2; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="empty")
        yield Footer()

    def on_mount(self) -> None:
        app = cast("InterbotApp", self.app)
        table: DataTable[str | Text] = self.query_one(DataTable)
        table.add_columns("ID", "Started", "Role", "Qs", "Accuracy", "Status")
        sessions = app.store.sessions()
        for s in reversed(sessions):
            d = s.to_dict()
            acc = "–" if s.accuracy is None else f"{s.accuracy:.0%}"
            role = s.role + (f" ({s.topic})" if s.topic else "")
            table.add_row(
                str(s.id),
                d["started"].replace("T", " "),
                Text(role[:34]),  # a str cell is parsed as markup: the role is as typed
                str(s.questions),
                acc,
                s.label,
                key=str(s.id),
            )
        if not sessions:
            self.query_one("#empty", Static).update("No sessions yet: start an interview first.")
        table.focus()

    def action_progress(self) -> None:
        self.post_message(OpenProgress())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.post_message(OpenSession(int(str(event.row_key.value))))
