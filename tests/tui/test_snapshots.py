"""Snapshots of the main screens at 80×24: setup, an answer being typed, the report, history,
progress.

Update them after a deliberate UI change with
`.venv/bin/python -m pytest tests/tui/test_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from interbot_tui.locations import banks_dir
from interbot_tui.store.sessions import Store
from interbot_tui.tui.app import InterbotApp
from interbot_tui.tui.screens.history import HistoryScreen
from interbot_tui.tui.screens.interview import InterviewScreen
from interbot_tui.tui.screens.report import ReportScreen
from interbot_tui.tui.widgets.answer_box import AnswerBox
from interbot_tui.tui.widgets.conversation import Bubble
from interbot_tui.tui.widgets.status_line import StatusLine
from tests.core.progress._sessions import backend_sessions
from tests.fakes.llm import FakeChatModel, grade
from tests.tui._pilot import wait_for
from tests.tui._progress import at_local_times, seed

SnapCompare = Callable[..., bool]
Step = Callable[[Pilot[Any]], Awaitable[None]]
SIZE = (80, 24)
ANSWER = "An index is a separate B-tree that finds rows without a full scan; writes pay for it."
# A fixed local wall-clock start, so the history's "Started" column is the same in every TZ.
STARTED = time.mktime((2026, 1, 2, 10, 30, 0, 0, 0, -1))


def make_app(data_dir: Path) -> InterbotApp:
    model = FakeChatModel([grade("correct", 9, "Spot on.")], default_grade=grade("correct", 8))
    return InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: model,
        text_only=True,
        seed=5,  # a fixed question order
    )


def idle(app: InterbotApp) -> bool:
    """No spinner or elapsed seconds on the status line (screens without one count as idle)."""
    return all(not line.busy for line in app.screen.query(StatusLine))


async def fill_setup(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, InterbotApp)
    await wait_for(pilot, lambda: app.model is not None)
    for field, text in (
        ("#role", "Backend engineer"),
        ("#topic", "PostgreSQL"),
        ("#questions", "2"),
    ):
        app.screen.query_one(field, Input).value = text
    await wait_for(pilot, lambda: idle(app))


async def start_interview(pilot: Pilot[Any]) -> None:
    await fill_setup(pilot)
    await pilot.press("f5")
    await wait_for(pilot, lambda: answerable(pilot.app))


def answerable(app: Any) -> bool:
    screen = app.screen
    return (
        isinstance(screen, InterviewScreen)
        and not screen.query_one(AnswerBox).disabled
        and idle(app)
    )


def asked_since(app: Any, before: int) -> bool:
    """The interviewer has spoken (a question or follow-up) after our answer's bubble."""
    labels = [b.label for b in app.screen.query(Bubble)][before + 1 :]
    return any(label in ("Interviewer", "Follow-up") for label in labels)


def next_prompt_or_report(app: Any, before: int) -> Callable[[], bool]:
    return lambda: (
        isinstance(app.screen, ReportScreen) or (answerable(app) and asked_since(app, before))
    )


async def type_answer(pilot: Pilot[Any]) -> None:
    await start_interview(pilot)
    pilot.app.screen.query_one(AnswerBox).insert(ANSWER)


async def finish_interview(pilot: Pilot[Any]) -> None:
    """Answer until the report opens (a correct answer may get a follow-up first)."""
    app = pilot.app
    await start_interview(pilot)
    for _ in range(6):
        before = len(app.screen.query(Bubble))
        app.screen.query_one(AnswerBox).insert(ANSWER)
        await pilot.press("enter")
        # The fake grades at once, so wait for the next prompt rather than for the box to toggle.
        await wait_for(pilot, next_prompt_or_report(app, before))
        if isinstance(app.screen, ReportScreen):
            break
    await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))


async def open_history(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, InterbotApp)
    await finish_interview(pilot)
    app.store.db.execute("UPDATE sessions SET started_at = ?", (STARTED,))
    await pilot.press("h")
    await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))


async def open_progress(pilot: Pilot[Any]) -> None:
    from interbot_tui.tui.screens.progress import ProgressScreen

    app = pilot.app
    await wait_for(pilot, lambda: idle(app))
    await pilot.press("f6")
    await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen))
    await wait_for(pilot, lambda: getattr(app.screen, "progress", None) is not None)
    await pilot.pause()


def snap(snap_compare: SnapCompare, data_dir: Path, run_before: Step) -> bool:
    return snap_compare(make_app(data_dir), terminal_size=SIZE, run_before=run_before)


def test_setup_form(snap_compare: SnapCompare, data_dir: Path) -> None:
    assert snap(snap_compare, data_dir, fill_setup)


def test_interview_mid_answer(snap_compare: SnapCompare, data_dir: Path) -> None:
    assert snap(snap_compare, data_dir, type_answer)


def test_report_after_two_questions(snap_compare: SnapCompare, data_dir: Path) -> None:
    assert snap(snap_compare, data_dir, finish_interview)


def test_history_with_the_session(snap_compare: SnapCompare, data_dir: Path) -> None:
    assert snap(snap_compare, data_dir, open_history)


def test_progress_over_three_sessions(snap_compare: SnapCompare, data_dir: Path) -> None:
    # plotext draws the same characters for the same figures and size, so the charts are stable.
    seed(data_dir, at_local_times(backend_sessions()))
    assert snap(snap_compare, data_dir, open_progress)
