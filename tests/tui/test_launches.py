"""The app's launches from history: resume offered on setup (F7), answer again from a report
(r), practise what you missed (the Session field), and `interbot resume` straight in."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select, Static

from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import load_banks
from interbot_tui.locations import banks_dir
from interbot_tui.session.launches import resume_launch
from interbot_tui.store.sessions import Store
from interbot_tui.tui.app import InterbotApp
from interbot_tui.tui.screens.interview import InterviewScreen
from interbot_tui.tui.screens.report import ReportScreen
from interbot_tui.tui.widgets.answer_box import AnswerBox
from interbot_tui.tui.widgets.conversation import Bubble
from tests.fakes.llm import FakeChatModel, grade
from tests.tui._pilot import wait_for
from tests.tui.test_app import LONG

PROFILE = Profile(role="Backend engineer", topic="PostgreSQL", questions=3)


def killed_session(store: Store, verdicts: tuple[str, ...] = ("correct",)) -> int:
    """A session the terminal closed on after `verdicts` answers."""
    banks, _ = load_banks(banks_dir())
    recorder = store.start_session(PROFILE, "fake")
    scores = {"correct": 9, "incorrect": 2}
    model = FakeChatModel([grade(v, scores[v]) for v in verdicts])
    engine = Interview(PROFILE, banks, LLMGrader(model), recorder=recorder, seed=1)
    engine.start()
    for _ in verdicts:
        engine.submit(LONG)
    return recorder.session_id


def app_for(data_dir: Path, **kw: object) -> InterbotApp:
    return InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: FakeChatModel(default_grade=grade("correct", 9, "Good.")),
        text_only=True,
        seed=5,
        **kw,  # type: ignore[arg-type]
    )


def bubbles(app: InterbotApp) -> list[str]:
    return [b.text for b in app.screen.query(Bubble)]


async def answer_all(pilot, app: InterbotApp) -> None:  # type: ignore[no-untyped-def]
    while not isinstance(app.screen, ReportScreen):
        screen = app.screen
        if isinstance(screen, InterviewScreen) and not screen.query_one(AnswerBox).disabled:
            screen.query_one(AnswerBox).insert(LONG)
            await pilot.press("enter")
        await pilot.pause(0.05)


async def test_setup_offers_the_interrupted_interview_and_f7_resumes_it(data_dir: Path) -> None:
    sid = killed_session(Store(data_dir))
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        banner = app.screen.query_one("#interrupted", Static)
        assert banner.display and "stopped at question 2 of 3, with 1 answered. Press F7" in str(
            banner.render()
        )
        await wait_for(pilot, lambda: app.model is not None)
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await wait_for(pilot, lambda: any("Welcome back. 1 of 3" in t for t in bubbles(app)))
        assert "Question 2/3" in str(app.screen.query_one("#progress").render())
        await answer_all(pilot, app)
        assert app.screen.session_id == sid and app.screen.report.total == 3  # type: ignore[attr-defined]


async def test_no_banner_without_an_interrupted_interview(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        assert not app.screen.query_one("#interrupted", Static).display
        await wait_for(pilot, lambda: app.model is not None)
        await pilot.press("f7")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, InterviewScreen)


async def test_resume_goes_straight_into_the_session(data_dir: Path) -> None:
    store = Store(data_dir)
    killed_session(store)
    app = app_for(data_dir, prepared=resume_launch(store))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await answer_all(pilot, app)
        assert app.screen.report.total == 3  # type: ignore[attr-defined]


async def test_r_on_a_report_answers_that_question_again(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.model is not None)
        app.screen.query_one("#questions").value = "1"  # type: ignore[attr-defined]
        await pilot.press("f5")
        await answer_all(pilot, app)
        asked = app.screen.report.results[0].question  # type: ignore[attr-defined]
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await wait_for(pilot, lambda: asked in bubbles(app))
        assert "Question 1/1" in str(app.screen.query_one("#progress").render())
        await answer_all(pilot, app)
        assert [s.kind for s in app.store.sessions()] == ["interview", "retry"]


async def test_practice_is_refused_with_a_reason_when_nothing_is_due(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.model is not None)
        app.screen.query_one("#session", Select).value = "practice"
        await pilot.press("f5")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, InterviewScreen)
        assert any("nothing to practise yet" in str(n.message) for n in app._notifications)
