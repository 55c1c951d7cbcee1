"""The report screen shows the comparison with earlier sessions, only when there is one."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.profile import Profile
from interbot_tui.core.progress import StoredSession
from interbot_tui.core.reporting.render import SINCE_LAST_HEADING
from interbot_tui.core.reporting.report import Report, build_report
from interbot_tui.tui.screens.report import ReportScreen
from tests.core.progress._sessions import Q1, T0, turn

PROFILE = Profile(role="Backend engineer")
NOW = [turn(1, Q1, Verdict.CORRECT, 9)]
EARLIER = [StoredSession(1, T0, "Backend engineer", "finished", (turn(1, Q1, Verdict.PARTIAL, 5),))]


class Host(App[None]):
    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report

    def on_mount(self) -> None:
        self.push_screen(ReportScreen(self.report, 2))


def texts(app: App[None]) -> list[str]:
    return [str(w.render()) for w in app.screen.query(Static)]


async def test_since_last_lines_under_their_heading() -> None:
    report = build_report(PROFILE, NOW, earlier=EARLIER)
    app = Host(report)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#since-last", Static).render())
        assert shown == "\n".join(f"• {line}" for line in report.since_last)
        assert shown.startswith("• Accuracy 1/1, up from 0/1 last time (")
        assert SINCE_LAST_HEADING in texts(app)


async def test_no_section_without_earlier_sessions() -> None:
    app = Host(build_report(PROFILE, NOW))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#since-last")
        shown = texts(app)
        assert "Strengths" in shown and SINCE_LAST_HEADING not in shown
