"""The report: accuracy, a per-question table, strengths, weaknesses, improvements."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from interbot_tui.core.reporting.render import (
    COVERAGE_HEADING,
    SINCE_LAST_HEADING,
    accuracy_line,
    phrases,
    sections,
    to_markdown,
    verdict_label,
)
from interbot_tui.core.reporting.report import Report
from interbot_tui.private_files import write_private_text
from interbot_tui.tui.messages import GoBack, NewInterview, OpenCompare, OpenHistory, RetryQuestion


class ReportScreen(Screen[None]):
    CSS_PATH = "report.tcss"
    BINDINGS = [
        Binding("n", "new", "New", tooltip="A new interview", id="new_interview"),
        Binding("h", "history", "History", id="report_history"),
        Binding("e", "export", "Export", tooltip="Save as Markdown", id="export"),
        Binding("c", "compare", "Compare", id="report_compare"),
        Binding("r", "retry", "Retry", tooltip="Answer this question again", id="report_retry"),
        Binding("escape", "back", "Back", id="report_back"),
        Binding("q", "app.quit", "Quit", id="report_quit"),
    ]

    def __init__(self, report: Report, session_id: int | None) -> None:
        super().__init__()
        self.report = report
        self.session_id = session_id

    def on_mount(self) -> None:
        store = getattr(self.app, "store", None)
        unsaved = store.unsaved_answers if store is not None else 0
        if store is not None and unsaved:  # the disk filled or turned read-only meanwhile
            self.notify(
                f"{unsaved} answer(s) are not in your history yet: {store.path.parent} cannot "
                "be written. Free some space or make it writable, then press e: exporting "
                "writes them.",
                severity="warning",
                timeout=30,
            )

    def compose(self) -> ComposeResult:
        r = self.report
        w = phrases(r)
        yield Header()
        with VerticalScroll(id="body"):
            title = f"Report — session {self.session_id}" if self.session_id else "Report"
            yield Static(Text(f"{title} · {r.profile.subject}", style="bold"), id="title")
            mean = f" · mean score {r.mean_score:.1f}/10" if r.mean_score is not None else ""
            yield Static(Text(accuracy_line(r) + mean, style="bold"), id="accuracy")
            table: DataTable[str | Text] = DataTable(
                id="questions", zebra_stripes=True, cursor_type="row"
            )
            table.add_columns(
                "#", w["col_question"], w["col_verdict"], w["col_score"], w["col_attempts"]
            )
            for q in r.results:
                verdict = verdict_label(r, q.verdict)
                if q.hint_used:
                    verdict += f" {w['with_hint']}"
                table.add_row(
                    str(q.number),
                    # Text: a str cell is parsed as markup, and a question may hold [brackets].
                    Text(q.question[:44] + ("…" if len(q.question) > 44 else "")),
                    verdict,
                    "–" if q.score is None else str(q.score),
                    str(q.attempts),
                )
            yield table
            if r.since_last:
                yield Static(Text(SINCE_LAST_HEADING, style="bold underline"), classes="heading")
                lines = "\n".join(f"• {i}" for i in r.since_last)
                yield Static(Text(lines), classes="items", id="since-last")
            if r.coverage:
                yield Static(Text(COVERAGE_HEADING, style="bold underline"), classes="heading")
                lines = "\n".join(f"• {m.line()}" for m in r.coverage)
                yield Static(Text(lines), classes="items", id="job-coverage")
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
        self.post_message(NewInterview())

    def action_history(self) -> None:
        self.post_message(OpenHistory())

    def action_back(self) -> None:
        self.post_message(GoBack())

    def action_compare(self) -> None:
        """Every attempt at the question of the selected row."""
        number = self._selected("has nothing to compare with")
        if number is not None and self.session_id is not None:
            self.post_message(OpenCompare(self.session_id, number))

    def action_retry(self) -> None:
        """Answer the question of the selected row again, as a one-question session."""
        number = self._selected("cannot have its questions answered again")
        if number is not None and self.session_id is not None:
            self.post_message(RetryQuestion(self.session_id, number))

    def _selected(self, why_not: str) -> int | None:
        """The number of the selected row's question (its first cell), or None, told why."""
        if self.session_id is None:
            self.notify(f"This report is not in history, so it {why_not}.")
            return None
        table: DataTable[str | Text] = self.query_one("#questions", DataTable)
        if not table.row_count:
            self.notify("No questions were answered in this session.")
            return None
        return int(str(table.get_row_at(table.cursor_row)[0]))

    def action_export(self) -> None:
        """Save the report as Markdown in <data dir>/exports, readable by the user alone; first
        write to the history the answers kept in memory while it could not be written."""
        data_dir: Path = getattr(self.app, "data_dir", Path.cwd())
        saved = self._write_kept_answers()
        name = f"session-{self.session_id}.md" if self.session_id else "report.md"
        try:
            path = write_private_text(data_dir / "exports" / name, to_markdown(self.report))
        except OSError as exc:
            self.notify(f"Could not export: {exc}", severity="error")
            return
        self.notify(f"Saved {path}{saved}", title="Exported")

    def _write_kept_answers(self) -> str:
        """The history's kept writes, written now if they can be: what to add to the notice."""
        store = getattr(self.app, "store", None)
        if store is None or not store.unsaved_answers:
            return ""
        try:
            count = store.flush()
        except Exception as exc:  # still full or read-only: they stay in memory
            self.notify(
                f"{store.unsaved_answers} answer(s) are still not in your history "
                f"({getattr(exc, 'detail', exc)}). "
                "Free some space or make the folder writable, then export again.",
                severity="warning",
                timeout=20,
            )
            return ""
        return f". {count} answer(s) kept in memory are now in your history too"
