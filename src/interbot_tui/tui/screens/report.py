"""The report: accuracy, a per-question table, strengths, weaknesses, improvements."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from interbot_tui.core.reporting.render import (
    accuracy_line,
    phrases,
    sections,
    to_markdown,
    verdict_label,
)
from interbot_tui.core.reporting.report import Report

if TYPE_CHECKING:
    from interbot_tui.tui.app import InterbotApp


class ReportScreen(Screen[None]):
    CSS_PATH = "report.tcss"
    BINDINGS = [
        Binding("n", "new", "New interview"),
        Binding("h", "history", "History"),
        Binding("e", "export", "Export Markdown"),
        Binding("escape", "back", "Back"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, report: Report, session_id: int | None) -> None:
        super().__init__()
        self.report = report
        self.session_id = session_id

    def compose(self) -> ComposeResult:
        r = self.report
        w = phrases(r)
        yield Header()
        with VerticalScroll(id="body"):
            title = f"Report — session {self.session_id}" if self.session_id else "Report"
            yield Static(Text(f"{title} · {r.profile.subject}", style="bold"), id="title")
            mean = f" · mean score {r.mean_score:.1f}/10" if r.mean_score is not None else ""
            yield Static(Text(accuracy_line(r) + mean, style="bold"), id="accuracy")
            table: DataTable[str] = DataTable(id="questions", zebra_stripes=True, cursor_type="row")
            table.add_columns(
                "#", w["col_question"], w["col_verdict"], w["col_score"], w["col_attempts"]
            )
            for q in r.results:
                verdict = verdict_label(r, q.verdict)
                if q.hint_used:
                    verdict += f" {w['with_hint']}"
                table.add_row(
                    str(q.number),
                    q.question[:44] + ("…" if len(q.question) > 44 else ""),
                    verdict,
                    "–" if q.score is None else str(q.score),
                    str(q.attempts),
                )
            yield table
            if r.delivery is not None:
                yield Static(Text(w["delivery_heading"], style="bold underline"), classes="heading")
                yield Static(Text("\n".join(f"• {i}" for i in r.delivery.lines())), classes="items")
            if r.expression is not None:
                yield Static(Text(w["camera_heading"], style="bold underline"), classes="heading")
                lines = "\n".join(f"• {i}" for i in r.expression.lines())
                yield Static(Text(lines), classes="items", id="camera-report")
            for heading, items in sections(r):
                yield Static(Text(heading, style="bold underline"), classes="heading")
                body = "\n".join(f"• {i}" for i in items) or f"• {w['none_noted']}"
                yield Static(Text(body), classes="items")
        yield Footer()

    def action_new(self) -> None:
        from interbot_tui.tui.screens.setup import SetupScreen

        self.app.switch_screen(SetupScreen())

    def action_history(self) -> None:
        from interbot_tui.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.action_new()

    def action_export(self) -> None:
        app = cast("InterbotApp", self.app)
        folder = app.store.path.parent / "exports"
        name = f"session-{self.session_id}.md" if self.session_id else "report.md"
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / name
            fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(to_markdown(self.report))
        except OSError as exc:
            self.notify(f"Could not export: {exc}", severity="error")
            return
        self.notify(f"Saved {path}", title="Exported")
