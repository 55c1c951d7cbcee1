"""No network: a scripted interview opens no connection at all, and a server model connects
only to the server it was given (a loopback one here).

An audit hook sees every `socket.connect` and `socket.getaddrinfo`, whatever library makes
them. Audit hooks cannot be removed, so the hook does nothing unless `GUARD.armed` is set.
"""

from __future__ import annotations

import io
import json
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from interbot_tui.backends.llm.server import ServerChatModel, ServerConfig
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.speech.transcript import Transcript
from interbot_tui.plain import run_plain
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel, grade
from tests.fakes.openai_server import FakeOpenAIServer, stream
from tests.fakes.stt import ToneSpeechToText, silence, tone

LONG = (
    "A complete answer: what it is, why it matters, how I used it in production last year "
    "and what I measured before and after the change went live."
)


@dataclass
class Guard:
    armed: bool = False
    seen: list[tuple[str, object]] = field(default_factory=list)  # (event, address)

    def hook(self, event: str, args: tuple[object, ...]) -> None:
        if not self.armed:
            return
        if event == "socket.connect":
            sock, address = args[0], args[1]
            if isinstance(sock, socket.socket) and sock.family == socket.AF_UNIX:
                return  # a local pipe, not the network
            self.seen.append((event, address))
        elif event == "socket.getaddrinfo":
            self.seen.append((event, (args[0], args[1])))


GUARD = Guard()
sys.addaudithook(GUARD.hook)


@pytest.fixture
def network() -> Iterator[Guard]:
    """Every connection (and name lookup) attempted while the test runs."""
    GUARD.seen.clear()
    GUARD.armed = True
    try:
        yield GUARD
    finally:
        GUARD.armed = False


def _host_port(address: object) -> tuple[str, int]:
    assert isinstance(address, tuple), address
    return str(address[0]), int(address[1])


def test_the_guard_sees_a_connection_attempt(network: Guard) -> None:
    """Without this the other tests could pass with a hook that sees nothing."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s, pytest.raises(OSError):
        s.settimeout(0.5)
        s.connect(("127.0.0.1", 9))  # the discard port: refused, nothing leaves the machine
    assert [(e, _host_port(a)) for e, a in network.seen] == [("socket.connect", ("127.0.0.1", 9))]


def test_a_scripted_interview_opens_no_connection(
    network: Guard, banks: list[Bank], data_dir: Path, tmp_path: Path
) -> None:
    """Typed answers, a recorded answer (`@FILE`), grading, the report and the history."""
    import soundfile

    recording = tmp_path / "answer.wav"
    soundfile.write(recording, np.concatenate([tone("alpha", 0.3), silence(0.2)]), 16000)
    stt = ToneSpeechToText()

    def transcribe(path: Path, terms: list[str]) -> Transcript:
        samples, _rate = soundfile.read(path, dtype="float32")
        return stt.transcribe(samples, words=True)

    model = FakeChatModel(default_grade=grade("correct", 9, "Good: you covered the key points."))
    out = io.StringIO()
    lines = [LONG, f"@{recording}", LONG]
    session_id = run_plain(
        Profile(role="Backend engineer", questions=2),
        banks,
        model,
        Store(data_dir),
        seed=3,
        transcribe=transcribe,
        stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
        stdout=out,
    )
    text = out.getvalue()
    assert "Heard: alpha" in text and "Accuracy:" in text and session_id == 1
    assert network.seen == []


def test_a_server_model_connects_only_to_the_server_it_was_given(
    network: Guard, banks: list[Bank], data_dir: Path
) -> None:
    reply = json.dumps(grade("correct", 9, "Good: you covered the key points."))
    with FakeOpenAIServer().running() as fake:
        fake.routes["/v1/chat/completions"] = stream([reply[:10], reply[10:]])
        model = ServerChatModel(ServerConfig(fake.url, read_timeout=10.0)).connect()
        out = io.StringIO()
        run_plain(
            Profile(role="Backend engineer", questions=1),
            banks,
            model,
            Store(data_dir),
            seed=3,
            stdin=io.StringIO(f"{LONG}\n"),
            stdout=out,
        )
        port = fake.port
    assert "Accuracy:" in out.getvalue()
    assert any(e == "socket.connect" for e, _ in network.seen)  # it did use the server
    assert {_host_port(a) for _, a in network.seen} == {("127.0.0.1", port)}
