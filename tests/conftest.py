"""Shared fixtures: the real banks, a private data dir, scripted models, and no network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from interbot_tui.core.questions.banks import Bank, load_banks
from interbot_tui.locations import banks_dir
from tests.fakes.llm import FakeChatModel, grade

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing may reach the network at run time; loopback stays allowed for tooling."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1")):
            return real_connect(self, address)  # type: ignore[arg-type]
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)  # type: ignore[arg-type]
        raise RuntimeError(f"network use blocked in tests: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("INTERBOT_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads the user's config file or their INTERBOT_* settings; the file is absent
    until a test writes it."""
    from interbot_tui.settings import SPECS

    for spec in SPECS:
        if spec.env and spec.env != "INTERBOT_DATA_DIR":
            monkeypatch.delenv(spec.env, raising=False)
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv("INTERBOT_CONFIG", str(path))
    return path


@pytest.fixture(scope="session")
def banks() -> list[Bank]:
    loaded, errors = load_banks(banks_dir())
    assert not errors, errors
    return loaded


@pytest.fixture
def always_correct() -> FakeChatModel:
    return FakeChatModel(default_grade=grade("correct", 9, "Good: you covered the key points."))


__all__ = ["REPO", "SHARED", "FakeChatModel", "grade"]
