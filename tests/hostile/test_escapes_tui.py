"""The full-screen app with escape sequences, markup and control characters in the answer, the
name, the bank's question and the model's feedback: every bubble and the whole screen are free
of them, markup is shown as typed, and the answer is stored."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.widgets import Input, Select

from interbot_tui.store.sessions import Store
from interbot_tui.tui.app import InterbotApp
from interbot_tui.tui.screens.interview import InterviewScreen
from interbot_tui.tui.screens.report import ReportScreen
from interbot_tui.tui.widgets.answer_box import AnswerBox
from interbot_tui.tui.widgets.conversation import Bubble
from tests.fakes.llm import FakeChatModel, grade
from tests.hostile._hostile import (
    CONTROLS,
    ESCAPES,
    LONG,
    MARKUP,
    assert_terminal_safe,
    bank_toml,
    question,
    stored_answers,
)
from tests.tui._pilot import wait_for

FAMILIES = {
    "escapes": " ".join(ESCAPES.values()),
    "markup": " ".join(MARKUP.values()),
    "controls": " ".join(CONTROLS.values()),
}


def flat(text: str) -> str:
    """Rendered text with box borders gone and lines joined, to find a phrase that wrapped."""
    return " ".join(re.sub(r"[│╭╮╰╯─▊▎]", " ", text).split())


def screen_text(app: InterbotApp) -> str:
    """What the screen shows now, segment by segment: what would be written to the terminal."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def bubble_text(bubble: Bubble) -> str:
    """Every line a bubble renders, scrolled out of view or not."""
    width, height = bubble.size
    strips = bubble.render_lines(Region(0, 0, width, height))
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def _interview(app: InterbotApp, name: str, answers: list[str]) -> list[str]:
    """Answer the first question of two from the setup form, then finish with the quit key;
    returns every bubble's rendered text and the screens' text, the report's too (what would
    be written to the terminal)."""
    seen: list[str] = []
    async with app.run_test(size=(120, 50)) as pilot:
        await wait_for(pilot, lambda: app.model is not None)
        app.screen.query_one("#name", Input).value = name
        app.screen.query_one("#role", Input).value = "Backend engineer"
        app.screen.query_one("#questions", Input).value = "2"
        app.screen.query_one("#type", Select).value = "technical"
        await pilot.press("f5")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, InterviewScreen)
                and not app.screen.query_one(AnswerBox).disabled
            ),
        )
        screen = app.screen
        for answer in answers:
            box = screen.query_one(AnswerBox)
            await wait_for(pilot, lambda box=box: not box.disabled)  # type: ignore[misc]
            box.insert(answer)
            await pilot.press("enter")
            await wait_for(pilot, lambda: any(b.label == "Feedback" for b in screen.query(Bubble)))
            await wait_for(pilot, lambda box=box: not box.disabled)  # type: ignore[misc]
            seen.append(screen_text(app))
            seen += [bubble_text(b) for b in screen.query(Bubble)]
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        await pilot.pause(0.1)
        seen.append(screen_text(app))
    return seen


@pytest.mark.parametrize("family", sorted(FAMILIES))
async def test_hostile_text_everywhere_is_shown_without_escapes(
    tmp_path: Path, data_dir: Path, family: str
) -> None:
    payload = FAMILIES[family]
    folder = tmp_path / "banks"
    folder.mkdir()
    hostile = [  # the first is medium, so asked first; the second is only there to follow
        question(1, f"What does an index {payload} speed up, and what does it cost?"),
        question(2),
    ]
    (folder / "hostile.toml").write_text(
        bank_toml([{**q, "hint": f"Think of writes {payload}."} for q in hostile]),
        encoding="utf-8",
    )
    model = FakeChatModel(default_grade=grade("correct", 9, f"Nice {payload} work."))
    app = InterbotApp(
        store=Store(data_dir),
        banks_dir=folder,
        model_factory=lambda: model,
        text_only=True,
        seed=5,
    )
    answer = f"{payload} {LONG}"
    seen = await _interview(app, f"Sam {payload}", [answer])
    for text in seen:
        assert_terminal_safe(text)
    shown = flat("\n".join(seen))
    assert "What does an index" in shown and "Nice" in shown and LONG[:40] in shown
    if family == "markup":
        for each in MARKUP.values():
            assert each in shown  # as typed, never styled, linked or run as an action
        report = flat(seen[-1])
        assert "1 What does an index [bold red]x[/]" in report  # the question table's row
    (stored,) = stored_answers(data_dir)
    assert stored.endswith(LONG)
    assert_terminal_safe(stored)


async def test_hostile_model_output_is_stored_clean(tmp_path: Path, data_dir: Path) -> None:
    """The feedback kept in the history (and shown again by `history` and exports) is clean."""
    payload = FAMILIES["escapes"] + FAMILIES["controls"]
    model = FakeChatModel(default_grade=grade("correct", 9, f"Nice {payload} work."))
    app: Any = InterbotApp(
        store=Store(data_dir),
        banks_dir=_bank(tmp_path),
        model_factory=lambda: model,
        text_only=True,
        seed=5,
    )
    await _interview(app, "Sam", [LONG])
    store = Store(data_dir)
    try:
        (turn,) = store.turns(store.sessions()[0].id)
    finally:
        store.close()
    assert turn.grade.feedback.startswith("Nice") and turn.grade.feedback.endswith("work.")
    assert_terminal_safe(turn.grade.feedback)


def _bank(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir(exist_ok=True)
    (folder / "plain.toml").write_text(bank_toml([question(1), question(2)]), encoding="utf-8")
    return folder


async def test_markup_in_the_role_is_shown_as_typed_in_the_banner_and_history(
    data_dir: Path,
) -> None:
    """The interrupted-session banner and the history table show the role as typed."""
    from interbot_tui.core.profile import Profile
    from interbot_tui.core.questions.banks import load_banks
    from interbot_tui.locations import banks_dir
    from interbot_tui.tui.screens.history import HistoryScreen

    role = "Backend [bold red]x[/] [link=https://e.example]y[/link] engineer"
    store = Store(data_dir)
    recorder = store.start_session(Profile(role=role, questions=2))
    recorder.record_question(1, load_banks(banks_dir())[0][0].questions[0])
    store.close()
    app = InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: FakeChatModel(),
        text_only=True,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.model is not None)
        await pilot.pause(0.1)
        assert f"({role}) stopped at question 1 of 2" in flat(screen_text(app))
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.pause(0.1)
        shown = flat(screen_text(app))
        assert role[:34] in shown
        assert_terminal_safe(shown)
