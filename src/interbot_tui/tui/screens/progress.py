"""Progress over sessions: a chart of accuracy and mean score, the trend of each figure, by
question kind and domain, delivery, and what to practise next. The same lines as
`interbot progress`, so the terminal and the screen never disagree.

The store is read and the figures built in a thread worker (200 sessions of 10 answers took
0.26 s on a busy 2-core machine, enough to drop key presses), then shown on the UI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Select, Static
from textual.worker import Worker, WorkerState

from interbot_tui.core.progress import Progress, StoredSession, build_progress
from interbot_tui.core.reporting import progress_text as text
from interbot_tui.tui.widgets.progress_chart import ProgressCharts

if TYPE_CHECKING:
    from interbot_tui.tui.app import InterbotApp

ALL_ROLES = ""  # the role selector's value for every session
WIDTH = 76  # the text's width inside the scroll area at 80 columns
EMPTY = (
    "No answered sessions yet. Start one from the setup screen (F5 Start), or run "
    "`interbot plain` in a terminal; your progress shows here after the first answer."
)


def roles(sessions: list[StoredSession]) -> list[str]:
    """The roles of sessions with an answer, as typed, each once, in alphabetical order."""
    return sorted({s.role for s in sessions if s.turns and s.role}, key=str.casefold)


def body_lines(progress: Progress) -> list[str]:
    """Everything under the chart, in reading order."""
    lines = [*text.summary_lines(progress), ""]
    lines += text.kind_rows(progress, overall=False)
    lines += ["", *text.domain_rows(progress)]
    delivery = text.delivery_lines(progress)
    if delivery:
        lines += ["", *delivery]
    lines += ["", *text.practise_lines(progress, width=WIDTH), ""]
    lines += ["Sessions", *text.session_rows(progress.sessions), "", *text.KEY]
    return lines


class ProgressScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="progress_back")]
    DEFAULT_CSS = """
    ProgressScreen #page { padding: 0; }
    ProgressScreen #headline { text-style: bold; }
    ProgressScreen #roles { width: 40; margin: 0 0; }
    ProgressScreen .hidden { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[StoredSession] | None = None  # read once, filtered per role
        self.progress: Progress | None = None

    @property
    def ibapp(self) -> InterbotApp:
        return cast("InterbotApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="page"):
            # markup=False: roles and questions are the user's text, brackets and all.
            yield Static("Reading your sessions…", id="headline", markup=False)
            yield Select[str](
                [("All roles", ALL_ROLES)],
                value=ALL_ROLES,
                allow_blank=False,
                id="roles",
                compact=True,
                classes="hidden",
            )
            yield ProgressCharts(id="charts", classes="hidden")
            yield Static("", id="body", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.load(None)

    @property
    def mono(self) -> bool:
        """Whether to plot without colour: NO_COLOR was set (Textual reads it at start)."""
        return bool(self.app.no_color)

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def load(self, role: str | None) -> None:
        """Read the store once, then build the figures for `role` (None: every role)."""
        if self.sessions is None:
            from interbot_tui.store.progress import stored_sessions

            self.sessions = stored_sessions(self.ibapp.store)
        progress = build_progress(self.sessions, role)
        self.app.call_from_thread(self.show, progress)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "progress" and event.state is WorkerState.ERROR:
            error = event.worker.error
            self.query_one("#headline", Static).update("Progress could not be read")
            self.query_one("#body", Static).update(f"{type(error).__name__}: {error}")

    def show(self, progress: Progress) -> None:
        if not self.is_attached:  # closed while the worker ran
            return
        self.progress = progress
        headline = self.query_one("#headline", Static)
        body = self.query_one("#body", Static)
        if not progress.sessions and not progress.role:
            headline.update("Progress")
            body.update(EMPTY)
            return
        select: Select[str] = self.query_one("#roles", Select)
        seen = roles(self.sessions or [])
        if len(seen) > 1 and select.has_class("hidden"):  # once: the roles do not change here
            with self.prevent(Select.Changed):
                select.set_options([("All roles", ALL_ROLES), *((r, r) for r in seen)])
            select.remove_class("hidden")
        if not progress.sessions:  # a role that now has no answered session
            headline.update(f'Progress: no answered sessions for "{progress.role}"')
            body.update("Choose another role above.")
            self.query_one(ProgressCharts).add_class("hidden")
            return
        headline.update(text.headline(progress))
        charts = self.query_one(ProgressCharts)
        charts.show(progress.sessions, self.mono)
        charts.remove_class("hidden")
        body.update("\n".join(body_lines(progress)))

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "roles":
            value = event.value
            role = value if isinstance(value, str) and value != ALL_ROLES else None
            self.load(role)
