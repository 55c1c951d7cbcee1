from __future__ import annotations

from interbot_tui.core.text import clean_user_text


def test_clean_strips_escapes_and_controls() -> None:
    text, cut = clean_user_text("\x1b[31mred\x1b[0m \x1b]0;title\x07ok\x00\x07 fine\tdone\n")
    assert text == "red ok fine\tdone" and not cut
    text, cut = clean_user_text("x" * 20, limit=10)
    assert text == "x" * 10 and cut


def test_decode_text_reads_the_common_encodings_and_refuses_binary() -> None:
    import pytest

    from interbot_tui.core.text import NotText, decode_text

    assert decode_text("café".encode("utf-16")) == "café"
    assert decode_text("\ufeffcafé".encode()) == "café"
    assert decode_text("café".encode("cp1252")) == "café"
    with pytest.raises(NotText) as binary:
        decode_text(b"PK\x03\x04\x00\x00")
    assert binary.value.binary
