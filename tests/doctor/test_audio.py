"""Voice in and out: missing hardware and libraries are simulated; no device is opened."""

from __future__ import annotations

import shutil
import sys
import types
from typing import Any

import pytest

from interbot_tui.backends.stt import microphone
from interbot_tui.backends.stt.microphone import InputDevice, MicrophoneUnavailable
from interbot_tui.doctor import audio


def test_energy_fallback_vad_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from interbot_tui.backends.stt import vad

    monkeypatch.setattr(vad, "load_vad", vad.EnergyVad)
    check = audio.check_voice_activity()
    assert not check.ok and check.optional
    assert check.detail.startswith("energy fallback")
    assert "interbot-tui[voice]" in check.fix


def test_no_microphone_on_this_machine_says_answers_can_be_typed() -> None:
    try:
        present = bool(microphone.input_devices())
    except MicrophoneUnavailable:
        present = False
    if present:
        pytest.skip("this machine has a microphone")
    check = audio.check_microphone()
    assert not check.ok and check.optional
    assert "typed" in check.fix


def test_no_input_device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(microphone, "input_devices", list)
    check = audio.check_microphone()
    assert not check.ok
    assert check.detail == "no audio input device found"
    assert "'audio' group" in check.fix and "typed" in check.fix and "@FILE" in check.fix


def test_microphone_present_names_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    devices = [InputDevice(0, "HDMI", False), InputDevice(3, "USB Headset Mic", True)]
    monkeypatch.setattr(microphone, "input_devices", lambda: devices)
    check = audio.check_microphone()
    assert check.ok and check.fix == ""
    assert check.detail == "USB Headset Mic (default; 2 input devices)"


def test_portaudio_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_portaudio() -> list[InputDevice]:
        raise MicrophoneUnavailable("PortAudio is not installed") from OSError(
            "PortAudio library not found"
        )

    monkeypatch.setattr(microphone, "input_devices", no_portaudio)
    check = audio.check_microphone()
    assert not check.ok and check.optional
    assert "PortAudio" in check.detail
    assert "libportaudio2" in check.fix and "typed" in check.fix


def test_device_listing_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list[InputDevice]:
        raise MicrophoneUnavailable("cannot list audio devices: Error querying device -1")

    monkeypatch.setattr(microphone, "input_devices", broken)
    check = audio.check_microphone()
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
    check = audio.check_speaker()
    assert not check.ok and check.optional
    assert "speakers or headphones" in check.fix


def test_speaker_present(monkeypatch: pytest.MonkeyPatch) -> None:
    devices = [
        {"name": "Mic", "max_input_channels": 1, "max_output_channels": 0},
        {"name": "Speakers", "max_input_channels": 0, "max_output_channels": 2},
    ]
    monkeypatch.setitem(sys.modules, "sounddevice", fake_sounddevice(devices, [0, 1]))
    check = audio.check_speaker()
    assert check.ok and check.detail == "Speakers (default; 1 output device)"


def test_sounddevice_missing_for_the_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", None)
    check = audio.check_speaker()
    assert not check.ok and "interbot-tui[voice]" in check.fix


def test_espeak_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    monkeypatch.setitem(sys.modules, "pyttsx3", None)
    check = audio.check_espeak()
    assert not check.ok and check.optional
    assert check.fix == "sudo apt-get install espeak-ng; pip install 'interbot-tui[voice]'"
