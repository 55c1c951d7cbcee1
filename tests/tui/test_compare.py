"""The compare screen with Pilot over a real SQLite store: opened with `c` from a past session's
report, a column per attempt, what changed, Escape back; a report not in history; bad ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.profile import Profile
from interbot_tui.core.reporting.report import build_report
from interbot_tui.locations import banks_dir
from interbot_tui.store.sessions import Store
from interbot_tui.tui.app import InterbotApp
from interbot_tui.tui.screens.compare import ONCE, CompareScreen
from interbot_tui.tui.screens.history import HistoryScreen
from interbot_tui.tui.screens.report import ReportScreen
from tests.core.progress._sessions import DAY, Q1, Q2, T0, turn
from tests.fakes.llm import FakeChatModel
from tests.tui._pilot import wait_for

SIZE = (80, 24)


def make_app(data_dir: Path) -> InterbotApp:
    return InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: FakeChatModel([]),
        text_only=True,
        seed=5,
    )


def seed(data_dir: Path, sessions: int) -> None:
    """Q2 then Q1 in every session; Q1 scores one more and misses one key point fewer each time."""
    store = Store(data_dir)
    missing = ("beta point", "gamma point", "delta point")
    for i in range(sessions):
        recorder = store.start_session(Profile(role="Backend engineer"), "fake")
        recorder.record_turn(turn(1, Q2, Verdict.CORRECT, 9, at=T0 + i * DAY))
        recorder.record_turn(turn(2, Q1, Verdict.PARTIAL, 4 + i, missing[i:], at=T0 + i * DAY + 9))
    store.close()


def text(app: InterbotApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_report(pilot: Pilot[Any], session_id: int) -> ReportScreen:
    """From setup: history (F3), the session's row, Enter."""
    app = pilot.app
    await pilot.press("f3")
    await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(str(session_id)))
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
    assert isinstance(app.screen, ReportScreen) and app.screen.session_id == session_id
    return app.screen


async def test_compare_from_the_report_and_back(data_dir: Path) -> None:
    seed(data_dir, sessions=3)
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        report = await open_report(pilot, 3)
        report.query_one("#questions", DataTable).move_cursor(row=1)  # question 2: Q1
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.session_id, screen.number) == (3, 2)
        assert text(app, "#question") == f"Question 2 of session 3: {Q1.text}"
        table = screen.query_one("#attempts", DataTable)
        assert [str(c.label) for c in table.columns.values()] == [
            "#1 session 1 Q2",
            "#2 session 2 Q2",
            "#3 session 3 Q2",
        ]
        assert [str(k.value) for k in table.rows] == [
            "date",
            "result",
            "covered",
            "missed",
            "words",
            "hint",
            "pace",
            "fillers/min",
            "long pauses",
        ]
        assert [str(c) for c in table.get_row("result")] == [
            "partial 4/10",
            "partial 5/10",
            "partial 6/10",
        ]
        assert str(table.get_row("missed")[2]) == "1\n· delta point"
        assert text(app, "#changed") == (
            "Since your last try on 15 Nov (partial, 5/10): your score went up to 6/10; this "
            "time you covered gamma point; you still left out delta point."
        )
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))


async def test_more_attempts_than_fit_and_a_single_one(data_dir: Path) -> None:
    seed(data_dir, sessions=4)
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(CompareScreen(4, 2))
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        await pilot.pause()
        assert len(app.screen.query_one("#attempts", DataTable).columns) == 3
        assert text(app, "#left-out") == "The latest 3 of 4 attempts (1 older)."
        await pilot.press("escape")
        app.push_screen(CompareScreen(2, 1))  # Q2 was question 1 of every session
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        await pilot.pause()
        columns = app.screen.query_one("#attempts", DataTable).columns.values()
        assert [str(c.label) for c in columns][-1] == "#4 session 4 Q1"
        # The last two tries were both correct 9/10 with nothing missed: nothing to say.
        assert text(app, "#changed") == ""


async def test_bad_ids_and_a_report_not_in_history(data_dir: Path) -> None:
    seed(data_dir, sessions=1)
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(CompareScreen(1, 7))
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        await pilot.pause()
        assert text(app, "#question") == (
            "Cannot compare: session 1 has questions 1-2; `interbot report 1` lists them"
        )
        assert app.screen.query_one("#attempts", DataTable).has_class("hidden")
        await pilot.press("escape")
        app.push_screen(CompareScreen(1, 2))
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        await pilot.pause()
        assert text(app, "#changed") == ONCE
        await pilot.press("escape")

        report = build_report(Profile(), [turn(1, Q1, Verdict.CORRECT, 9)])
        app.push_screen(ReportScreen(report, None))
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)  # nothing to compare with
        assert any("not in history" in n.message for n in app._notifications)
