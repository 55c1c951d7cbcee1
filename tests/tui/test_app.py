"""The TUI flow with Pilot and a scripted model: setup → answer → report → history."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input

from interbot_tui.core.profile import Profile
from interbot_tui.locations import banks_dir
from interbot_tui.store.sessions import Store
from interbot_tui.tui.app import InterbotApp
from interbot_tui.tui.screens.history import HistoryScreen
from interbot_tui.tui.screens.interview import InterviewScreen
from interbot_tui.tui.screens.report import ReportScreen
from interbot_tui.tui.screens.setup import SetupScreen
from interbot_tui.tui.widgets.answer_box import AnswerBox
from interbot_tui.tui.widgets.conversation import Bubble
from tests.fakes.llm import FakeChatModel, grade
from tests.tui._pilot import wait_for

LONG = (
    "An index is a separate B-tree structure that lets the database find rows without a full "
    "scan; it speeds reads but slows every write, and I measured that on our orders table."
)


def make_app(data_dir: Path, model: FakeChatModel) -> InterbotApp:
    return InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: model,
        text_only=True,
        seed=5,
    )


async def start_interview(pilot, app: InterbotApp) -> None:  # type: ignore[no-untyped-def]
    """Wait for the model, press Start, wait until the first question can be answered."""
    await wait_for(pilot, lambda: app.model is not None)
    await pilot.press("f5")
    await wait_for(
        pilot,
        lambda: (
            isinstance(app.screen, InterviewScreen) and not app.screen.query_one(AnswerBox).disabled
        ),
    )


def bubbles(app: InterbotApp) -> list[tuple[str, str]]:
    return [(b.label, b.text) for b in app.screen.query(Bubble)]


async def test_setup_to_report_and_history(data_dir: Path) -> None:
    model = FakeChatModel(
        [
            grade("correct", 9, "Spot on."),
            grade("partial", 5, "Mention writes."),
            grade("correct", 8, "Better."),
        ]
    )
    app = make_app(data_dir, model)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, SetupScreen)
        app.screen.query_one("#role", Input).value = "Backend engineer"
        app.screen.query_one("#topic", Input).value = "PostgreSQL"
        app.screen.query_one("#questions", Input).value = "2"
        await start_interview(pilot, app)
        screen = app.screen
        assert "Question 1/2" in str(screen.query_one("#progress").render())

        box = screen.query_one(AnswerBox)
        box.insert(LONG)
        await pilot.press("enter")
        await wait_for(pilot, lambda: ("Feedback", "Spot on.") in bubbles(app))
        await wait_for(pilot, lambda: "Question 2/2" in str(screen.query_one("#progress").render()))
        assert "correct 9/10" in str(screen.query_one("#verdict").render())

        await wait_for(pilot, lambda: not box.disabled)
        box.insert(LONG)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(label == "Hint" for label, _ in bubbles(app)))
        await wait_for(pilot, lambda: not box.disabled)
        box.insert(LONG + " Writes must update the index too.")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        report = app.screen
        assert report.report.correct == 2 and report.report.total == 2
        assert "Accuracy: 2/2 (100%)" in str(report.query_one("#accuracy").render())
        assert report.query_one(DataTable).row_count == 2

        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        assert app.screen.query_one(DataTable).row_count == 1
    assert Store(data_dir).last_profile().role == "Backend engineer"  # type: ignore[union-attr]


async def test_quit_key_finishes_with_a_report(data_dir: Path) -> None:
    app = make_app(data_dir, FakeChatModel(default_grade=grade("correct", 9)))
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot, app)
        app.screen.query_one(AnswerBox).insert(LONG)
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.screen.query(Bubble)) >= 5)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        assert app.screen.report.total == 1
        assert app.is_running
    [session] = Store(data_dir).sessions()
    assert session.status == "finished"


async def test_finish_typed_in_the_answer_box(data_dir: Path) -> None:
    app = make_app(data_dir, FakeChatModel(default_grade=grade("correct", 9)))
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot, app)
        app.screen.query_one(AnswerBox).insert("finish interview")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        assert app.screen.report.total == 0


async def test_model_failure_is_shown_and_blocks_start(data_dir: Path) -> None:
    from interbot_tui.core.ports import ModelError

    def broken() -> FakeChatModel:
        raise ModelError("the model qwen is not installed: run `interbot models install qwen`")

    app = InterbotApp(store=Store(data_dir), banks_dir=banks_dir(), model_factory=broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(app.model_error))
        await pilot.press("f5")
        await pilot.pause(0.1)
        assert isinstance(app.screen, SetupScreen)
        assert "interbot models install" in app.model_error
        assert "LLM unavailable" in app.backends_summary()


async def test_answer_with_markup_and_escapes_is_shown_literally(data_dir: Path) -> None:
    app = make_app(data_dir, FakeChatModel(default_grade=grade("correct", 9)))
    async with app.run_test(size=(80, 24)) as pilot:
        await start_interview(pilot, app)
        app.screen.query_one(AnswerBox).insert("[bold red]x[/] \x1b[2J " + LONG)
        await pilot.press("enter")
        await wait_for(pilot, lambda: any(label == "You" for label, _ in bubbles(app)))
        [(_, shown)] = [b for b in bubbles(app) if b[0] == "You"]
        assert shown.startswith("[bold red]x[/] ") and "\x1b" not in shown


async def test_voice_that_cannot_start_is_explained_and_typing_works(
    data_dir: Path, tmp_path: Path
) -> None:
    from interbot_tui.backends.stt.voice_input import VoiceSettings
    from interbot_tui.tui.widgets.mic_panel import MicPanel

    model = FakeChatModel(default_grade=grade("correct", 9, "Good."))
    app = InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        models_dir=tmp_path / "no-models",  # no speech model installed
        model_factory=lambda: model,
        voice=VoiceSettings(),
        seed=5,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.devices.voice_state == "failed")
        assert "interbot models install whisper-base" in app.devices.voice_error
        await start_interview(pilot, app)
        notices = [text for label, text in bubbles(app) if label == "Notice"]
        assert any("Voice input is off" in n and "type" in n for n in notices)
        panel = app.screen.query_one(MicPanel)
        assert panel.state == "off" and "mic off" in app.backends_summary()
        await pilot.press("f4")  # push-to-talk without a microphone: a hint, no crash
        await pilot.pause(0.1)
        assert isinstance(app.screen, InterviewScreen)


async def test_language_is_chosen_in_the_setup_form(data_dir: Path) -> None:
    from textual.widgets import Select

    from interbot_tui.core.i18n.phrases import Phrases

    model = FakeChatModel(default_grade=grade("correct", 9, "Bien."))
    app = make_app(data_dir, model)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#questions", Input).value = "1"
        app.screen.query_one("#language", Select).value = "es"
        await start_interview(pilot, app)
        assert app.screen.profile.language == "es"  # type: ignore[attr-defined]
        greeting = bubbles(app)[0][1]
        assert Phrases("es")["finish_command"] in greeting
    # The next setup form starts from the language used last time.
    again = make_app(data_dir, model)
    async with again.run_test(size=(100, 30)):
        assert again.screen.query_one("#language", Select).value == "es"


async def test_language_flag_overrides_the_last_profile(data_dir: Path) -> None:
    from textual.widgets import Select

    Store(data_dir).remember_profile(Profile(language="es"))
    app = InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: FakeChatModel(),
        text_only=True,
        language="de",
    )
    async with app.run_test(size=(100, 30)):
        assert app.screen.query_one("#language", Select).value == "de"


async def test_the_grader_calibration_comes_from_the_apps_data_dir(
    tmp_path: Path, data_dir: Path
) -> None:
    """`interbot --data-dir X` once read the calibration from the default data dir instead."""
    from dataclasses import replace

    from interbot_tui.core.grading.score_model import DEFAULT_MODEL
    from interbot_tui.session.calibration import calibration_path, save_calibration

    mine = tmp_path / "mine"  # not $INTERBOT_DATA_DIR (the data_dir fixture)
    model = FakeChatModel(default_grade=grade("correct", 9, "Good."))
    saved = replace(DEFAULT_MODEL, any_credit=replace(DEFAULT_MODEL.any_credit, bias=-2.5))
    save_calibration(calibration_path(mine, model.name), saved, {})
    app = make_app(mine, model)
    async with app.run_test() as pilot:
        await start_interview(pilot, app)
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.session is not None
        assert screen.session.interview.grader.score_model == saved  # type: ignore[attr-defined]
        assert screen.session.options.data_dir == mine


async def test_keys_are_remapped_by_the_keymap(data_dir: Path) -> None:
    """A [keys] table in the config file becomes Textual's keymap: F9 starts, F5 no longer does."""
    app = InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: FakeChatModel(default_grade=grade("correct", 9, "Good.")),
        text_only=True,
        keymap={"start": "f9"},
    )
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: app.model is not None)
        await pilot.press("f5")
        await pilot.pause(0.2)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))


async def test_a_damaged_history_kept_aside_is_told_in_the_app(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    store = Store(data_dir)
    assert store.notice  # the damaged file was kept aside and a fresh history started
    app = InterbotApp(
        store=store, banks_dir=banks_dir(), model_factory=lambda: FakeChatModel(), text_only=True
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(app._notifications))
        [told] = [n for n in app._notifications if n.title == "History"]
        assert "damaged" in str(told.message) and "fresh" in str(told.message)
