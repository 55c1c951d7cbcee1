"""Achievement lines and figures."""

from __future__ import annotations

import pytest

from interbot_tui.core.documents.achievements import has_figure, is_achievement, starts_with_action


@pytest.mark.parametrize(
    "text",
    [
        "Cut latency",
        "Led the team",
        "I designed it",
        "Reduced costs",
        "Own the platform",
        "Building tools",
    ],
)
def test_action_verbs(text: str) -> None:
    assert starts_with_action(text)


@pytest.mark.parametrize(
    "text",
    ["Responsible for tools", "Based in Berlin", "During the move", "Team of five", "2021: led"],
)
def test_not_action_verbs(text: str) -> None:
    assert not starts_with_action(text)


@pytest.mark.parametrize(
    "text",
    [
        "from 6 hours to 40 seconds",
        "by 35%",
        "3x faster",
        "saved $2M",
        "a team of five",
        "doubled throughput",
        "1,200 users",
    ],
)
def test_figures(text: str) -> None:
    assert has_figure(text)


@pytest.mark.parametrize("text", ["in 2022 we moved", "the whole platform", "since 1999"])
def test_no_figures(text: str) -> None:
    assert not has_figure(text)


def test_an_achievement_is_long_enough_and_not_too_long() -> None:
    assert is_achievement("Built the billing service for partners")
    assert not is_achievement("Built it")
    assert not is_achievement("Built " + "x " * 200)
