from __future__ import annotations

from interbot_tui.core.grading.partial_json import partial_string


def test_partial_json_string_streams_with_escapes() -> None:
    assert partial_string('{"verdict": "correct", "sco', "feedback") is None
    assert partial_string('{"feedback": "You said \\"idem', "feedback") == 'You said "idem'
    assert partial_string('{"feedback": "line\\', "feedback") == "line"
    assert partial_string('{"feedback": "caf\\u00e9 ok", "x": 1}', "feedback") == "café ok"
