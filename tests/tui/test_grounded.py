"""The setup form's resume and job description: what was read is shown, the interview asks
about both, the report says how the job's must-haves went, and the paths are remembered."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from interbot_tui.store.sessions import Store
from interbot_tui.tui.screens.interview import InterviewScreen
from interbot_tui.tui.screens.report import ReportScreen
from interbot_tui.tui.widgets.pasted_input import PastedInput
from tests.tui._pilot import wait_for
from tests.tui.test_launches import answer_all, app_for, bubbles

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


async def test_a_grounded_interview_from_the_setup_form(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.model is not None)
        screen = app.screen
        screen.query_one("#questions", Input).value = "4"
        screen.query_one("#resume", Input).value = str(EXAMPLES / "resume.md")
        screen.query_one("#jd", PastedInput).set_text(str(EXAMPLES / "job.md"))
        screen.query_one("#jd", PastedInput).focus()
        await pilot.pause()
        await pilot.press("enter")  # shows what was read
        shown = screen.query_one("#documents", Static)
        await wait_for(pilot, lambda: "Resume:" in str(shown.render()))
        assert "Not on your resume: " in str(shown.render())
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await wait_for(pilot, lambda: any("I've read your resume" in t for t in bubbles(app)))
        await answer_all(pilot, app)
        assert isinstance(app.screen, ReportScreen)
        shown_report = app.screen.report  # type: ignore[attr-defined]
        asked = [r.question for r in shown_report.results]
        assert "isn't on your resume" in asked[1] and asked[3].startswith("At Freightline you")
        coverage = str(app.screen.query_one("#job-coverage", Static).render())
        assert "(not on your resume): question 2," in coverage
        assert "not asked" in coverage
    # Remembered for next time, and kept with the session for the report.
    store = Store(data_dir)
    assert store.get_setting("documents")["resume"].endswith("resume.md")
    report, _ = store.report(store.sessions()[0].id)
    assert report.coverage and report.coverage == shown_report.coverage


async def test_a_pasted_job_ad_is_kept_whole(data_dir: Path) -> None:
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        jd = app.screen.query_one("#jd", PastedInput)
        ad = (EXAMPLES / "job.md").read_text()
        jd.focus()
        from textual import events

        jd.post_message(events.Paste(ad))
        await pilot.pause()
        assert jd.value.startswith("(pasted: ") and jd.text == ad
        jd.value = "jd.txt"  # typing over the stand-in: a path again
        assert jd.text == "jd.txt"


async def test_an_unreadable_resume_is_said_and_the_interview_goes_on(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    broken = data_dir / "resume.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.model is not None)
        app.screen.query_one("#questions", Input).value = "1"
        app.screen.query_one("#resume", Input).value = str(broken)
        await pilot.press("f5")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await answer_all(pilot, app)
        assert app.screen.report.total == 1  # type: ignore[attr-defined]


async def test_remembered_documents_are_shown_at_once(data_dir: Path) -> None:
    from interbot_tui.session.documents import DocumentInputs, remember_inputs

    remember_inputs(Store(data_dir), DocumentInputs(str(EXAMPLES / "resume.md")))
    app = app_for(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.screen.query_one("#resume", Input).value.endswith("resume.md")
        shown = app.screen.query_one("#documents", Static)
        await wait_for(pilot, lambda: "Resume: Maya Okafor" in str(shown.render()))
