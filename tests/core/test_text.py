from __future__ import annotations

import pytest

from interbot_tui.core.interview.commands import is_finish_command
from interbot_tui.core.text import clean_user_text


@pytest.mark.parametrize(
    "text",
    [
        "finish interview",
        "Finish interview.",
        "END THE INTERVIEW",
        "stop the interview please",
        "Okay, let's finish the interview",
        "I'd like to end this interview now",
        "wrap up interview",
    ],
)
def test_finish_commands(text: str) -> None:
    assert is_finish_command(text)


@pytest.mark.parametrize(
    "text",
    [
        "We had to finish the interview loop before the release.",
        "finish",
        "interview",
        "The end of the interview process is an offer",
        "I stopped the interview panel from leaking",
    ],
)
def test_answers_that_merely_mention_finishing(text: str) -> None:
    assert not is_finish_command(text)


def test_clean_strips_escapes_and_controls() -> None:
    text, cut = clean_user_text("\x1b[31mred\x1b[0m \x1b]0;title\x07ok\x00\x07 fine\tdone\n")
    assert text == "red ok fine\tdone" and not cut
    text, cut = clean_user_text("x" * 20, limit=10)
    assert text == "x" * 10 and cut
