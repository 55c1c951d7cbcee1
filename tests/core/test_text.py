from __future__ import annotations

from interbot_tui.core.text import clean_user_text


def test_clean_strips_escapes_and_controls() -> None:
    text, cut = clean_user_text("\x1b[31mred\x1b[0m \x1b]0;title\x07ok\x00\x07 fine\tdone\n")
    assert text == "red ok fine\tdone" and not cut
    text, cut = clean_user_text("x" * 20, limit=10)
    assert text == "x" * 10 and cut
