"""The TUI on a model server (`--llm-url`): the JSON grader said when the server gives no
log-probabilities, and a server that dies mid-interview loses no answer."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from textual.widgets import Input

from interbot_tui.backends.llm.server import ServerChatModel, ServerConfig
from interbot_tui.locations import banks_dir
from interbot_tui.store.sessions import Store
from interbot_tui.tui.app import InterbotApp
from interbot_tui.tui.screens.interview import InterviewScreen
from interbot_tui.tui.screens.report import ReportScreen
from interbot_tui.tui.widgets.answer_box import AnswerBox
from interbot_tui.tui.widgets.conversation import Bubble
from tests.fakes.llm import grade
from tests.fakes.openai_server import FakeOpenAIServer, completion, delta, send_events
from tests.tui._pilot import wait_for

LONG = (
    "An index is a separate B-tree structure that lets the database find rows without a full "
    "scan; it speeds reads but slows every write, and I measured that on our orders table."
)


def chat(h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
    """A grade for a schema-constrained call (the JSON grader), a short line otherwise."""
    text = json.dumps(grade("correct", 9, "Right.")) if body.get("response_format") else "Good."
    send_events(h, [delta(text)])


def fake_server() -> FakeOpenAIServer:
    return FakeOpenAIServer(
        {"/v1/chat/completions": chat, "/v1/completions": completion(None)}  # no logprobs
    )


def make_app(data_dir: Path, server: FakeOpenAIServer) -> InterbotApp:
    config = ServerConfig(server.url, model="fake-model", chat_format="chatml", backoff=0.01)
    return InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: ServerChatModel(config).connect(),
        text_only=True,
        seed=5,
    )


async def start(pilot, app: InterbotApp, questions: int) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: app.model is not None)
    app.screen.query_one("#role", Input).value = "Backend engineer"
    app.screen.query_one("#topic", Input).value = "PostgreSQL"
    app.screen.query_one("#questions", Input).value = str(questions)
    await pilot.press("f5")
    await answerable(pilot, app)


async def answerable(pilot, app: InterbotApp) -> None:  # type: ignore[no-untyped-def]
    await wait_for(
        pilot,
        lambda: (
            isinstance(app.screen, InterviewScreen) and not app.screen.query_one(AnswerBox).disabled
        ),
    )


async def answer(pilot, app: InterbotApp, text: str = LONG) -> None:  # type: ignore[no-untyped-def]
    """Send an answer and wait until it is graded (or found ungradable) and saved."""
    screen = app.screen
    assert isinstance(screen, InterviewScreen) and screen.session is not None
    turns = screen.session.interview.turns
    before = len(turns)
    screen.query_one(AnswerBox).insert(text)
    await pilot.press("enter")
    await wait_for(pilot, lambda: len(turns) > before, timeout=20)


def bubbles(app: InterbotApp) -> list[str]:
    return [b.text for b in app.screen.query(Bubble)]


async def test_without_logprobs_the_status_line_and_report_say_json_grader(
    data_dir: Path,
) -> None:
    with fake_server().running() as server:
        app = make_app(data_dir, server)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.model is not None)
            assert app.json_grading and "no log-probabilities" in app.json_grading
            assert "LLM server:fake-model (JSON grader)" in app.backends_summary()
            await start(pilot, app, 1)
            await answer(pilot, app)
            await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), timeout=20)
            accuracy = str(app.screen.query_one("#accuracy").render())
            assert "1 graded by the JSON grader" in accuracy
        assert "/v1/completions" in server.paths()  # asked once at start


async def test_a_server_that_dies_mid_interview_loses_no_answer(data_dir: Path) -> None:
    server = fake_server()
    first_run = server.running()
    first_run.__enter__()
    try:
        app = make_app(data_dir, server)
        async with app.run_test(size=(100, 30)) as pilot:
            await start(pilot, app, 2)
            await answer(pilot, app)
            progress = app.screen.query_one("#progress")
            await wait_for(pilot, lambda: "Question 2/2" in str(progress.render()))
            await answerable(pilot, app)
            first_run.__exit__(None, None, None)  # the server dies: connections are refused
            first_run = None
            await answer(pilot, app, LONG + " Second answer.")
            await answerable(pilot, app)  # the same question is open again
            notices = [t for t in bubbles(app) if "stopped answering" in t]
            assert notices and "Cannot reach the model server" in notices[0]
            assert "Question 2/2" in str(progress.render())
            verdict = str(app.screen.query_one("#verdict").render())
            assert "ungraded (the model stopped answering)" in verdict
            [session] = Store(data_dir).sessions()
            assert session.status != "finished"  # `interbot resume` can continue it
            with server.running():  # back on the same port
                await answer(pilot, app, LONG + " Second answer, again.")
                await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), timeout=20)
                report = app.screen.report
        assert (report.total, report.correct, report.ungraded) == (2, 2, 0)
        answers = [t.answer for t in report.turns]
        assert answers[1:] == [LONG + " Second answer.", LONG + " Second answer, again."]
        assert report.turns[1].grade.model_lost  # the answer given while it was down is kept
    finally:
        if first_run is not None:
            first_run.__exit__(None, None, None)
