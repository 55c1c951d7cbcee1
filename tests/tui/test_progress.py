"""The Progress screen with Pilot: opened from setup and from history over a real SQLite store
holding sessions made in code, the empty store, the role selector, NO_COLOR, and 200 sessions."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select, Static

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.turn import Attempt
from interbot_tui.core.progress import StoredSession
from interbot_tui.locations import banks_dir
from interbot_tui.store.sessions import Store
from interbot_tui.tui.app import InterbotApp
from interbot_tui.tui.screens.history import HistoryScreen
from interbot_tui.tui.screens.progress import ProgressScreen
from interbot_tui.tui.screens.setup import SetupScreen
from interbot_tui.tui.widgets.progress_chart import ProgressCharts, SeriesChart, date_ticks
from tests.core.progress._sessions import DAY, Q1, Q2, Q4, all_sessions, backend_sessions, turn
from tests.fakes.llm import FakeChatModel
from tests.tui._pilot import wait_for
from tests.tui._progress import START, at_local_times, seed

SIZE = (80, 24)


def make_app(data_dir: Path) -> InterbotApp:
    return InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: FakeChatModel([]),
        text_only=True,
        seed=5,
    )


def text(app: InterbotApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_progress(pilot: Pilot[Any], key: str) -> ProgressScreen:
    app = pilot.app
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen))
    screen = app.screen
    assert isinstance(screen, ProgressScreen)
    await wait_for(pilot, lambda: screen.progress is not None)
    await pilot.pause()
    return screen


def screen_text(app: InterbotApp) -> str:
    """What the terminal shows, as text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


async def test_progress_from_setup_and_from_history(data_dir: Path) -> None:
    seed(data_dir, at_local_times(backend_sessions()))
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot, "f6")
        assert text(app, "#headline") == "Progress: 3 sessions, 2026-01-05 to 2026-01-15"
        body = text(app, "#body")
        # Session 3 vs session 2 (a week older): key points 75% -> 50%, mean score 7.5 -> 6.0.
        assert "  key points covered    50%  ↓ worse   -25 points since a week ago" in body
        assert "  mean score            6.0  → steady  -1.5 since a week ago" in body
        practise = body[body.index("Practise next:") :]
        assert "Say what was learned (missed 2 of 3, last 2026-01-08)" in practise
        assert practise.index("Say what was learned") < practise.index("X snapshots")
        assert "Q: Tell me about a conflict in your team." in practise
        assert "fillers a minute        1.0 ↓ -2.0" in body  # spoken answers in two sessions
        assert screen.query_one(ProgressCharts).display
        shown = screen_text(app)
        assert "Accuracy %" in shown and "Mean score" in shown and "01-15" in shown
        assert "accuracy              50%  ↓ worse" in shown  # the summary is on the first page
        assert max(len(line) for line in shown.splitlines()) <= SIZE[0]
        assert not screen.query_one("#roles", Select).display  # one role: no selector

        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SetupScreen))

        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await open_progress(pilot, "p")
        assert "3 sessions" in text(app, "#headline")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))


async def test_progress_with_an_empty_store_says_how_to_start(data_dir: Path) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot, "f6")
        assert "No answered sessions yet. Start one from the setup screen (F5 Start)" in text(
            app, "#body"
        )
        assert not screen.query_one(ProgressCharts).display
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, SetupScreen))


async def test_the_role_selector_filters_the_sessions(data_dir: Path) -> None:
    seed(data_dir, at_local_times(all_sessions()))
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot, "f6")
        assert text(app, "#headline").startswith("Progress: 4 sessions")  # 5 has no answer
        select: Select[str] = screen.query_one("#roles", Select)
        assert select.display
        first = screen.progress
        select.value = "Data scientist"
        await wait_for(pilot, lambda: screen.progress is not first)
        await pilot.pause()
        assert text(app, "#headline") == (
            'Progress: 1 session, 2026-01-06, roles containing "Data scientist"'
        )
        assert "Tell me about a conflict" not in text(app, "#body")


async def test_no_color_plots_with_a_colourless_theme(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    seed(data_dir, at_local_times(backend_sessions()))
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot, "f6")
        charts = list(screen.query(SeriesChart))
        assert len(charts) == 2
        for chart in charts:
            assert chart.theme == "clear"
            drawn = chart.plt.build()
            assert "●" in drawn
            assert "\x1b[38;" not in drawn and "\x1b[48;" not in drawn  # no colour codes
        assert "↓ worse" in text(app, "#body")  # trends read in words, not only in colour


async def test_colour_charts_use_colour_codes(data_dir: Path) -> None:
    """The counterpart of the NO_COLOR test, so that one could fail."""
    seed(data_dir, at_local_times(backend_sessions()))
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_progress(pilot, "f6")
        chart = screen.query_one("#accuracy_chart", SeriesChart)
        assert chart.theme == "auto" and "\x1b[38;" in chart.plt.build()


def test_date_ticks_spread_over_many_sessions() -> None:
    sessions = at_local_times(
        [StoredSession(i, i * DAY, "r", "finished", ()) for i in range(1, 11)]
    )
    from interbot_tui.core.progress.session_point import session_point

    where, labels = date_ticks([session_point(s) for s in sessions])
    assert where == [1.0, 4.0, 7.0, 10.0] and labels == ["01-05", "01-08", "01-11", "01-14"]


async def test_two_hundred_sessions(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The worker's read and build over 200 sessions of 10 answers; the time is printed for
    the record (run with -s), not asserted."""
    sessions = []
    for i in range(1, 201):
        turns = []
        for n in range(1, 6):
            q = (Q1, Q2, Q4)[n % 3]
            turns.append(turn(n, q, Verdict.PARTIAL, 5, q.key_points[:1]))
            turns.append(turn(n, q, Verdict.CORRECT, 7, attempt=Attempt.RETRY))
        sessions.append(
            StoredSession(i, START + i * 3600, "Backend engineer", "finished", tuple(turns))
        )
    seed(data_dir, sessions)
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        begun = time.perf_counter()
        await open_progress(pilot, "f6")
        seconds = time.perf_counter() - begun
        assert text(app, "#headline").startswith("Progress: 200 sessions")
    from interbot_tui.core.progress import build_progress
    from interbot_tui.store.progress import stored_sessions

    store = Store(data_dir)
    begun = time.perf_counter()
    build_progress(stored_sessions(store))
    build = time.perf_counter() - begun
    with capsys.disabled():
        print(
            f"\n200 sessions × 10 answers: read + build {build:.3f} s; screen shown {seconds:.3f} s"
        )
