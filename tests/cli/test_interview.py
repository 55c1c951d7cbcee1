"""The full-screen app's flags and settings as `InterbotApp` gets them, and `interbot plain`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interbot_tui.cli import CliError, build_parser, main
from interbot_tui.cli.common import settings_from
from interbot_tui.cli.interview import camera_settings


def settings_for(*argv: str) -> object:
    args = build_parser().parse_args(list(argv))
    return camera_settings(args, settings_from(args))


def test_camera_flags_reach_the_settings(tmp_path: Path) -> None:
    from interbot_tui.backends.vision.camera import CameraSettings

    video = tmp_path / "me.avi"
    video.write_bytes(b"x")
    assert settings_for() == CameraSettings()
    assert settings_for("--camera", "2") == CameraSettings(device=2)
    assert settings_for("--camera-file", str(video)) == CameraSettings(file=video)
    assert settings_for("--no-camera") == CameraSettings(enabled=False)
    assert settings_for("--text") == CameraSettings(enabled=False)


def test_bad_camera_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--camera", "1", "--no-camera"])
    assert "not allowed with argument" in capsys.readouterr().err
    with pytest.raises(CliError, match="no such file"):
        settings_for("--camera-file", str(tmp_path / "missing.avi"))
    with pytest.raises(CliError, match="device number"):
        settings_for("--camera", "-1")


def test_camera_from_the_config_file(config_file: Path, tmp_path: Path) -> None:
    from interbot_tui.backends.vision.camera import CameraSettings

    config_file.parent.mkdir()
    config_file.write_text('camera = "off"\n')
    assert settings_for() == CameraSettings(enabled=False)
    assert settings_for("--camera", "1") == CameraSettings(device=1)  # the flag wins
    config_file.write_text("camera = 3\n")
    assert settings_for() == CameraSettings(device=3)


def test_the_app_gets_the_data_dir_flag(app_kwargs: dict[str, Any], tmp_path: Path) -> None:
    """The bug of issue 12: `interbot --data-dir X` read the calibration from the default dir."""
    other = tmp_path / "elsewhere"
    assert main(["--data-dir", str(other), "--text"]) == 0
    assert app_kwargs["data_dir"] == other
    assert app_kwargs["store"].path == other / "history.sqlite3"
    assert app_kwargs["text_only"] is True


def test_the_app_gets_flags_and_config(
    app_kwargs: dict[str, Any], config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file.parent.mkdir()
    config_file.write_text(
        'model = "gemma-3-4b-it"\nrate = 150\nmute = true\nsilence = 2.5\n'
        '[keys]\ntalk = "ctrl+t"\nquit = "ctrl+x"\n'
    )
    monkeypatch.setenv("INTERBOT_RATE", "190")
    assert main(["--push-to-talk", "--language", "FR", "--volume", "0.5", "--camera", "1"]) == 0
    voice, speech, camera = app_kwargs["voice"], app_kwargs["speech"], app_kwargs["camera"]
    assert app_kwargs["model_spec"] == "gemma-3-4b-it"
    assert app_kwargs["keymap"] == {"talk": "ctrl+t", "quit": "ctrl+x"}
    assert app_kwargs["language"] == "fr"
    assert (voice.hands_free, voice.silence_s, voice.language) == (False, 2.5, "fr")
    assert (speech.rate, speech.volume, speech.muted, speech.language) == (190, 0.5, True, "fr")
    assert (camera.enabled, camera.device) == (True, 1)


def test_the_app_without_settings_lets_the_setup_form_choose(app_kwargs: dict[str, Any]) -> None:
    assert main(["--no-speech"]) == 0
    assert app_kwargs["language"] == ""  # the form offers the last interview's language
    assert app_kwargs["speech"] is None and app_kwargs["keymap"] == {}
    assert app_kwargs["voice"].hands_free and app_kwargs["voice"].silence_s == 1.2


def test_bad_app_flags_are_clear(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--silence", "20"]) == 2
    assert "--silence must be between 0.3 and 10 seconds" in capsys.readouterr().err
    assert main(["--language", "xx"]) == 2
    assert "unknown language 'xx'; choose one of en" in capsys.readouterr().err


def test_plain_with_missing_model_file_says_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["plain", "--model", str(tmp_path / "nope.gguf"), "--questions", "1"]) == 2
    err = capsys.readouterr().err
    assert "nope.gguf" in err and "neither a known model" in err and "Traceback" not in err


def test_plain_rejects_bad_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plain", "--questions", "40"]) == 2
    assert "questions must be 1–25" in capsys.readouterr().err
