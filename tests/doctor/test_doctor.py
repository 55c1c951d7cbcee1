"""`interbot doctor`: the whole run, its JSON, its table and verdict, its exit code.

No model is loaded and no device is opened.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interbot_tui import doctor
from interbot_tui.doctor import Check, exit_code, render, run_checks, to_json

NAMES = [
    "data dir",
    "disk space",
    "history database",
    "language model",
    "speech model",
    "voice activity",
    "microphone",
    "speaker",
    "espeak-ng",
    "camera",
]


def by_name(checks: list[Check], name: str) -> Check:
    return next(c for c in checks if c.name == name)


def test_run_checks_on_an_empty_models_dir(data_dir: Path, tmp_path: Path) -> None:
    checks = run_checks(data_dir, tmp_path / "models")
    assert [c.name for c in checks] == NAMES
    assert [c.name for c in checks if not c.optional] == ["data dir", "language model"]
    assert all(c.ok == (c.fix == "") for c in checks)
    assert not by_name(checks, "language model").ok
    assert exit_code(checks) == 1
    assert not data_dir.exists(), "doctor creates nothing"


def test_a_crashing_check_is_reported_not_raised(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom() -> Check:
        raise ValueError("unexpected")

    monkeypatch.setattr(doctor.audio, "check_microphone", boom)
    checks = run_checks(data_dir, tmp_path)
    mic = by_name(checks, "microphone")
    assert not mic.ok and mic.optional
    assert "ValueError: unexpected" in mic.detail and mic.fix


SAMPLE = [
    Check("data dir", True, "/tmp/x (writable, private 0700)", optional=False),
    Check("language model", True, "qwen (/m/q.gguf)", optional=False),
    Check("microphone", False, "no audio input device found", "plug in a microphone"),
    Check("camera", False, "no camera device", "camera support needs a webcam"),
]


def test_json_shape() -> None:
    payload = json.loads(to_json(SAMPLE))
    assert set(payload) == {"checks", "ok"}
    assert payload["ok"] is True
    assert payload["checks"][2] == {
        "name": "microphone",
        "ok": False,
        "detail": "no audio input device found",
        "fix": "plug in a microphone",
        "optional": True,
    }
    broken = [*SAMPLE, Check("language model", False, "missing", "install it", optional=False)]
    assert json.loads(to_json(broken))["ok"] is False


def test_exit_codes() -> None:
    assert exit_code(SAMPLE) == 0
    assert exit_code([]) == 0
    assert exit_code([*SAMPLE, Check("data dir", False, "locked", "chmod", optional=False)]) == 1


def test_render_shows_marks_fixes_and_a_verdict() -> None:
    text = render(SAMPLE)
    lines = text.splitlines()
    assert lines[0].startswith("✓ data dir ")
    assert lines[2].startswith("✗ microphone ")
    assert lines[3].strip() == "fix: plug in a microphone"
    assert "fix: camera support needs a webcam" in text
    # details line up in one column
    columns = {line.index(c.detail) for c in SAMPLE for line in lines if c.detail in line}
    assert len(columns) == 1
    assert lines[-1] == "The text interview works; voice input: no microphone; camera: no webcam."


def test_render_verdicts() -> None:
    assert render(SAMPLE[:2]).endswith("Everything works: text, voice and camera.")
    blocked = [Check("language model", False, "missing", "install it", optional=False)]
    assert (
        render(blocked)
        .splitlines()[-1]
        .startswith("The interview cannot start: fix the language model")
    )
