"""`interbot where` and `interbot config`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interbot_tui.cli import main


def test_where(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert main(["where"]) == 0
    assert str(data_dir / "history.sqlite3") in capsys.readouterr().out


def test_where_shows_the_config_file(
    capsys: pytest.CaptureFixture[str], config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["where"]) == 0
    assert f"config file   {config_file}\n" in capsys.readouterr().out
    monkeypatch.delenv("INTERBOT_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_file.parent / "xdg"))
    assert main(["where"]) == 0
    assert str(config_file.parent / "xdg" / "interbot" / "config.toml") in capsys.readouterr().out


def test_config_says_where_each_setting_came_from(
    capsys: pytest.CaptureFixture[str],
    config_file: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config_file.parent.mkdir()
    config_file.write_text('voice = "en-gb"\nrate = 150\n[keys]\ntalk = "ctrl+t"\n')
    monkeypatch.setenv("INTERBOT_RATE", "190")
    assert main(["config", "--model", "gemma-3-4b-it"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Config file: {config_file}\n")
    lines = {line.split()[0]: line for line in out.splitlines()[2:]}
    assert lines["model"].split()[1:] == ["gemma-3-4b-it", "flag", "--model"]
    assert lines["rate"].split()[1:] == ["190", "env", "INTERBOT_RATE"]
    assert lines["voice"].split()[1:] == ["en-gb", "config", f"{config_file}:1"]
    assert lines["volume"].split()[1:] == ["1.0", "default"]
    assert lines["data_dir"].split()[1:] == [str(data_dir), "env", "INTERBOT_DATA_DIR"]
    assert 'talk = "ctrl+t"' in lines["keys"]
    assert main(["config", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["config_file"] == str(config_file) and data["config_found"] is True
    assert data["settings"]["rate"] == {"value": 190, "from": "env", "detail": "INTERBOT_RATE"}
    assert data["settings"]["keys"]["value"] == {"talk": "ctrl+t"}
    assert data["settings"]["camera"] == {"value": 0, "from": "default", "detail": ""}
    assert data["warnings"] == []


def test_config_without_a_file(capsys: pytest.CaptureFixture[str], config_file: Path) -> None:
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert f"Config file: {config_file} (none yet" in out
    assert not config_file.exists() and not config_file.parent.exists()


def test_config_shows_the_remembered_language_and_creates_no_history(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    from interbot_tui.core.profile import Profile
    from interbot_tui.store.sessions import Store

    assert main(["config", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["settings"]["language"]["from"] == "default"
    assert not data_dir.exists()
    store = Store(data_dir)
    store.remember_profile(Profile(language="de"))
    store.close()
    assert main(["config", "--json"]) == 0
    language = json.loads(capsys.readouterr().out)["settings"]["language"]
    assert (language["value"], language["from"]) == ("de", "profile")


def test_config_lists_unknown_keys(capsys: pytest.CaptureFixture[str], config_file: Path) -> None:
    config_file.parent.mkdir()
    config_file.write_text("rate = 150\ncolour = 'red'\n")
    assert main(["config"]) == 0
    captured = capsys.readouterr()
    assert f"warning: {config_file}:2: unknown setting 'colour' ignored" in captured.out
    assert captured.err == ""
