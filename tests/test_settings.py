"""Settings resolved once: flag > environment > config file > remembered profile > default,
each value with where it came from, and messages that say what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from interbot_tui.settings import SettingsError, Source, resolve, show


def write(config_file: Path, text: str) -> Path:
    config_file.parent.mkdir(exist_ok=True)
    config_file.write_text(text)
    return config_file


def test_defaults(config_file: Path, data_dir: Path) -> None:
    settings = resolve()
    assert settings.config_file == config_file and not settings.config_found
    assert settings.rate.value == 170 and settings.rate.source == Source("default")
    assert (settings.volume.value, settings.silence.value, settings.camera.value) == (1.0, 1.2, 0)
    assert (settings.model.value, settings.voice.value, settings.language.value) == (None, "", "en")
    assert settings.mute.value is False and settings.push_to_talk.value is False
    assert settings.keys.value == {}
    assert settings.data_dir.value == data_dir  # the test's INTERBOT_DATA_DIR


@pytest.mark.parametrize(
    ("flag", "env", "config", "profile", "value", "source"),
    [
        ("fr", "de", "es", "it", "fr", Source("flag", "--language")),
        (None, "de", "es", "it", "de", Source("env", "INTERBOT_LANGUAGE")),
        (None, None, "es", "it", "es", Source("config", "{config}:1")),
        (None, None, None, "it", "it", Source("profile")),
        (None, None, None, None, "en", Source("default")),
    ],
)
def test_precedence_with_provenance(
    flag: str | None,
    env: str | None,
    config: str | None,
    profile: str | None,
    value: str,
    source: Source,
    config_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if env:
        monkeypatch.setenv("INTERBOT_LANGUAGE", env)
    if config:
        write(config_file, f'language = "{config}"\n')
    asked: list[Path] = []

    def remembered(data: Path) -> str | None:
        asked.append(data)
        return profile

    settings = resolve({"language": flag}, profile_language=remembered)
    assert settings.language.value == value
    assert settings.language.source == Source(
        source.origin, source.detail.format(config=config_file)
    )
    assert bool(asked) == (source.origin in ("profile", "default"))  # read only when needed


def test_each_setting_from_each_layer(
    config_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write(
        config_file,
        'model = "from-file"\nstt_model = "whisper-tiny.en"\nvolume = 0.4\nmute = true\n'
        f'data_dir = "{tmp_path / "file-data"}"\ncamera = false\n'
        '[keys]\ntalk = "ctrl+t"\n',
    )
    monkeypatch.setenv("INTERBOT_VOLUME", "0.7")
    monkeypatch.setenv("INTERBOT_PUSH_TO_TALK", "yes")
    monkeypatch.setenv("INTERBOT_SILENCE", "2")
    monkeypatch.setenv("INTERBOT_MODEL", "")  # empty: not set
    monkeypatch.delenv("INTERBOT_DATA_DIR")
    s = resolve({"rate": 220, "voice": "en-gb", "camera": None})
    assert (s.rate.value, s.rate.source.origin) == (220, "flag")
    assert (s.voice.value, s.voice.source.origin) == ("en-gb", "flag")
    assert (s.volume.value, s.volume.source) == (0.7, Source("env", "INTERBOT_VOLUME"))
    assert (s.push_to_talk.value, s.silence.value) == (True, 2.0)
    assert (s.model.value, s.model.source.origin) == ("from-file", "config")
    assert s.stt_model.value == "whisper-tiny.en" and s.mute.value is True
    assert s.camera.value is None and show("camera", None) == "off"
    assert s.data_dir.value == tmp_path / "file-data"
    assert s.keys.value == {"talk": "ctrl+t"}
    assert s.keys.source == Source("config", f"{config_file}:7")


def test_camera_off_and_numbers_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERBOT_CAMERA", "off")
    assert resolve().camera.value is None
    monkeypatch.setenv("INTERBOT_CAMERA", "2")
    assert resolve().camera.value == 2
    assert resolve({"camera": "off"}).camera.value is None  # --no-camera


def test_a_broken_file_names_file_and_line(config_file: Path) -> None:
    write(config_file, 'model = "x"\n[keys\ntalk = "t"\n')
    with pytest.raises(SettingsError) as error:
        resolve()
    message = str(error.value)
    assert message.startswith(f"{config_file}:2: not valid TOML: Expected ']'")
    assert "\n" not in message and "INTERBOT_CONFIG" in message
    write(config_file, "rate = ")
    with pytest.raises(SettingsError, match=r"config.toml:1: not valid TOML: Invalid value\."):
        resolve()


def test_unknown_keys_are_reported_not_fatal(config_file: Path) -> None:
    write(config_file, "rate = 150\nspeed = 2\n[colours]\nbg = 'red'\n")
    settings = resolve()
    assert settings.rate.value == 150
    assert settings.warnings[0].startswith(f"{config_file}:2: unknown setting 'speed' ignored")
    assert settings.warnings[1].startswith(f"{config_file}:3: unknown setting 'colours' ignored")


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ({"rate": 20}, "--rate must be 80–400 words per minute"),
        ({"volume": 3.0}, "--volume must be between 0 and 1"),
        ({"silence": 0.1}, "--silence must be between 0.3 and 10 seconds"),
        ({"camera": -1}, "--camera must be a device number: 0, 1, …"),
        ({"language": "xx"}, "unknown language 'xx'; choose one of en, de"),
    ],
)
def test_flag_messages_stay_as_they_were(flags: dict[str, object], message: str) -> None:
    with pytest.raises(SettingsError) as error:
        resolve(flags)
    assert str(error.value).startswith(message)


def test_environment_messages_name_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERBOT_RATE", "fast")
    with pytest.raises(SettingsError) as error:
        resolve()
    assert str(error.value) == (
        "INTERBOT_RATE=fast: rate must be a whole number. Change it, or unset INTERBOT_RATE."
    )
    monkeypatch.setenv("INTERBOT_RATE", "100")
    monkeypatch.setenv("INTERBOT_MUTE", "maybe")
    with pytest.raises(SettingsError, match="INTERBOT_MUTE=maybe: mute must be 1 or 0"):
        resolve()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rate = 500", "{f}:1: rate must be 80–400 words per minute (it is 500)."),
        ('rate = "170"', '{f}:1: rate must be a whole number (it is "170").'),
        ("mute = 1", "{f}:1: mute must be true or false (it is 1)."),
        ('camera = "front"', '{f}:1: camera must be a device number: 0, 1, … or "off"'),
        ('language = "klingon"', "{f}:1: language: unknown language 'klingon'; choose one of"),
        ("keys = 3", "{f}:1: keys must be a table: a [keys] section"),
        ("[keys]\ntalk = 4", '{f}:1: keys: talk must be a key in quotes, like talk = "ctrl+q".'),
    ],
)
def test_config_messages_name_file_line_and_key(config_file: Path, text: str, message: str) -> None:
    write(config_file, text + "\n")
    with pytest.raises(SettingsError) as error:
        resolve()
    assert str(error.value).startswith(message.format(f=config_file))
    assert str(error.value).endswith("Fix the value, or delete the line.")


def test_a_stale_remembered_language_falls_back_to_the_default() -> None:
    settings = resolve(profile_language=lambda data: "tlh")
    assert (settings.language.value, settings.language.source.origin) == ("en", "default")


def test_to_dict_is_json_ready(config_file: Path) -> None:
    import json

    data = resolve().to_dict()
    assert json.loads(json.dumps(data)) == data
    assert list(data["settings"]) == [
        "data_dir", "model", "stt_model", "language", "voice", "rate", "volume", "mute",
        "silence", "push_to_talk", "camera", "keys", "llm_url", "llm_model", "llm_timeout",
        "llm_chat_format", "llm_context",
    ]  # fmt: skip


def test_settings_import_nothing_heavy() -> None:
    import subprocess
    import sys

    code = "import sys, interbot_tui.settings; print(sorted(m for m in ('textual', 'interbot_tui.store', 'interbot_tui.backends') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
