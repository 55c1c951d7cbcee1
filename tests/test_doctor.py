"""`interbot doctor`: each check reports what it found and, when something is missing, the fix.

No model is loaded and no device is opened; missing hardware and libraries are simulated.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interbot_tui import doctor
from interbot_tui.backends.stt import microphone
from interbot_tui.backends.stt.microphone import InputDevice, MicrophoneUnavailable
from interbot_tui.doctor import Check, exit_code, render, run_checks, to_json

NAMES = [
    "data dir",
    "disk space",
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


# --- data dir ------------------------------------------------------------------------------


def test_private_writable_data_dir_is_ok(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)
    check = doctor.check_data_dir(folder)
    assert check.ok and not check.optional and check.fix == ""
    assert "0700" in check.detail
    assert not list(folder.iterdir()), "the write probe leaves nothing behind"


def test_missing_data_dir_is_fine_and_not_created(tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet"
    check = doctor.check_data_dir(folder)
    assert check.ok
    assert "will be created" in check.detail
    assert not (tmp_path / "not").exists()


@pytest.fixture
def read_only_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o500)
    if os.geteuid() == 0:  # root writes through 0500: simulate the refusal instead

        def refuse(where: Path) -> None:
            raise PermissionError(13, "Permission denied", str(where))

        monkeypatch.setattr(doctor, "_probe_write", refuse)
    yield folder
    os.chmod(folder, 0o700)


def test_unwritable_data_dir_blocks_the_interview(read_only_dir: Path) -> None:
    check = doctor.check_data_dir(read_only_dir)
    assert not check.ok and not check.optional
    assert "not writable" in check.detail
    assert "--data-dir" in check.fix and "chmod" in check.fix
    assert exit_code([check]) == 1


def test_data_dir_under_an_unwritable_parent_cannot_be_created(read_only_dir: Path) -> None:
    check = doctor.check_data_dir(read_only_dir / "interbot")
    assert not check.ok and not check.optional
    assert "mkdir -m 700" in check.fix


def test_data_dir_readable_by_others_is_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    os.chmod(folder, 0o755)
    check = doctor.check_data_dir(folder)
    assert not check.ok and check.optional
    assert "0755" in check.detail
    assert check.fix == f"`chmod 700 {folder}`"
    assert exit_code([check]) == 0


def test_a_file_where_the_data_dir_should_be(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("oops")
    check = doctor.check_data_dir(tmp_path / "data")
    assert not check.ok and not check.optional
    assert "not a folder" in check.detail


# --- disk, models --------------------------------------------------------------------------


def test_low_disk_space_is_an_optional_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usage = shutil.disk_usage(tmp_path)
    low = type(usage)(usage.total, usage.total - 100_000_000, 100_000_000)
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: low)
    check = doctor.check_disk_space(tmp_path / "missing" / "data")
    assert not check.ok and check.optional
    assert "100.0 MB free" in check.detail and str(tmp_path) in check.detail
    assert "free up space" in check.fix


def test_plenty_of_disk_space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    usage = shutil.disk_usage(tmp_path)
    big = type(usage)(10**12, 10**11, 9 * 10**11)
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: big)
    check = doctor.check_disk_space(tmp_path)
    assert check.ok and check.detail.startswith("900.0 GB free")


def test_missing_language_model_names_the_install_command(tmp_path: Path) -> None:
    check = doctor.check_language_model(tmp_path)
    assert not check.ok and not check.optional
    assert "not installed" in check.detail
    assert "interbot models install qwen2.5-coder-1.5b" in check.fix
    assert "Install it with" not in check.detail


def test_language_model_given_as_a_path_is_not_loaded(tmp_path: Path) -> None:
    model = tmp_path / "mine.gguf"
    model.write_bytes(b"not even a real model: doctor must not load it")
    check = doctor.check_language_model(tmp_path, str(model))
    assert check.ok and str(model) in check.detail


def test_bogus_language_model_spec(tmp_path: Path) -> None:
    check = doctor.check_language_model(tmp_path, "no-such-model")
    assert not check.ok
    assert "neither a known model" in check.detail
    assert "interbot models list" in check.fix


def test_missing_speech_model_names_the_install_command(tmp_path: Path) -> None:
    check = doctor.check_speech_model(tmp_path)
    assert not check.ok and check.optional
    assert "interbot models install" in check.fix
    assert exit_code([check]) == 0


def test_speech_model_directory_and_missing_faster_whisper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "model.bin").write_bytes(b"x")
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # import now raises ImportError
    check = doctor.check_speech_model(tmp_path / "models", str(tmp_path))
    assert not check.ok
    assert str(tmp_path) in check.detail and "faster-whisper does not import" in check.detail
    assert check.fix == "pip install 'interbot-tui[voice]'"


def test_energy_fallback_vad_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from interbot_tui.backends.stt import vad

    monkeypatch.setattr(vad, "load_vad", vad.EnergyVad)
    check = doctor.check_voice_activity()
    assert not check.ok and check.optional
    assert check.detail.startswith("energy fallback")
    assert "interbot-tui[voice]" in check.fix


# --- devices -------------------------------------------------------------------------------


def test_no_microphone_on_this_machine_says_answers_can_be_typed() -> None:
    try:
        present = bool(microphone.input_devices())
    except MicrophoneUnavailable:
        present = False
    if present:
        pytest.skip("this machine has a microphone")
    check = doctor.check_microphone()
    assert not check.ok and check.optional
    assert "typed" in check.fix


def test_no_input_device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(microphone, "input_devices", list)
    check = doctor.check_microphone()
    assert not check.ok
    assert check.detail == "no audio input device found"
    assert "'audio' group" in check.fix and "typed" in check.fix and "@FILE" in check.fix


def test_microphone_present_names_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    devices = [InputDevice(0, "HDMI", False), InputDevice(3, "USB Headset Mic", True)]
    monkeypatch.setattr(microphone, "input_devices", lambda: devices)
    check = doctor.check_microphone()
    assert check.ok and check.fix == ""
    assert check.detail == "USB Headset Mic (default; 2 input devices)"


def test_portaudio_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_portaudio() -> list[InputDevice]:
        raise MicrophoneUnavailable("PortAudio is not installed") from OSError(
            "PortAudio library not found"
        )

    monkeypatch.setattr(microphone, "input_devices", no_portaudio)
    check = doctor.check_microphone()
    assert not check.ok and check.optional
    assert "PortAudio" in check.detail
    assert "libportaudio2" in check.fix and "typed" in check.fix


def test_device_listing_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list[InputDevice]:
        raise MicrophoneUnavailable("cannot list audio devices: Error querying device -1")

    monkeypatch.setattr(microphone, "input_devices", broken)
    check = doctor.check_microphone()
    assert not check.ok
    assert check.detail == "cannot list audio devices: Error querying device -1"
    assert "typed" in check.fix


def fake_sounddevice(devices: list[dict[str, Any]], default: list[int]) -> types.ModuleType:
    module = types.ModuleType("sounddevice")
    module.query_devices = lambda: devices  # type: ignore[attr-defined]
    module.default = types.SimpleNamespace(device=default)  # type: ignore[attr-defined]
    return module


def test_no_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice([], [-1, -1]))
    check = doctor.check_speaker()
    assert not check.ok and check.optional
    assert "speakers or headphones" in check.fix


def test_speaker_present(monkeypatch: pytest.MonkeyPatch) -> None:
    devices = [
        {"name": "Mic", "max_input_channels": 1, "max_output_channels": 0},
        {"name": "Speakers", "max_input_channels": 0, "max_output_channels": 2},
    ]
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice(devices, [0, 1]))
    check = doctor.check_speaker()
    assert check.ok and check.detail == "Speakers (default; 1 output device)"


def test_sounddevice_missing_for_the_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    check = doctor.check_speaker()
    assert not check.ok and "interbot-tui[voice]" in check.fix


def test_espeak_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setitem(sys.modules, "pyttsx3", None)
    check = doctor.check_espeak()
    assert not check.ok and check.optional
    assert check.fix == "sudo apt-get install espeak-ng; pip install 'interbot-tui[voice]'"


def test_camera_without_opencv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cv2", None)
    check = doctor.check_camera()
    assert not check.ok and check.optional
    assert "interbot-tui[vision]" in check.fix and "work without one" in check.fix


def test_opencv_5_without_a_face_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("cv2")
    fake.__version__ = "5.0.0"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cv2", fake)
    check = doctor.check_camera()
    assert not check.ok and "<5" in check.fix


def test_camera_reports_the_expression_model(tmp_path: Path) -> None:
    pytest.importorskip("cv2")
    check = doctor.check_camera(tmp_path / "no-models")
    assert not check.ok and "not built yet" not in check.fix
    assert "expression model fer-mini-xception is missing" in check.detail
    assert "interbot models install fer-mini-xception" in check.fix
    installed = tmp_path / "models"
    installed.mkdir()
    (installed / "fer-mini-xception.onnx").write_bytes(b"x")  # present: the size check fails
    assert "damaged" in doctor.check_camera(installed).detail


# --- the whole run and its output ----------------------------------------------------------


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

    monkeypatch.setattr(doctor, "check_microphone", boom)
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
