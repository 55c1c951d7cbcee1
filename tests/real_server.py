"""llama-cpp-python's own OpenAI-compatible server (`python -m llama_cpp.server`, its `server`
extra) with a real GGUF, on a free 127.0.0.1 port, for the tests of the server back-end.

One thread, so other work on the machine is not starved. `make test` installs the extra (it is
in the `dev` extra) and the SmolLM2 model; when either is missing the tests fail and say so.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from interbot_tui.locations import models_dir

SMOLLM = "SmolLM2-135M-Instruct.Q4_1.gguf"
ALIAS = "smollm2-135m"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RealServer:
    url: str  # ends in /v1
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    model_path: Path

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)


@contextmanager
def llama_server(
    tmp: Path, *, logprobs: bool = True, model: Path | None = None, ready_s: float = 90
) -> Iterator[RealServer]:
    """Start the server, wait until /v1/models answers, yield it, stop it."""
    from tests.conftest import REPO

    path = model or (models_dir() / SMOLLM)
    assert path.is_file(), f"{path} is missing: run `make setup` (interbot models install --setup)"
    port = free_port()
    log = tmp / f"llama-server-{port}.log"
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(path),
        "--model_alias",
        ALIAS,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_threads",
        "1",
        "--n_threads_batch",
        "1",
        "--n_ctx",
        "4096",
        "--logits_all",  # llama-cpp-python gives completion log-probabilities only with this
        "true" if logprobs else "false",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, cwd=REPO, env={**os.environ}
        )
    server = RealServer(f"http://127.0.0.1:{port}/v1", port, process, log, path)
    try:
        _wait_ready(server, ready_s)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()


def _wait_ready(server: RealServer, within_s: float) -> None:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            tail = server.log.read_text(errors="replace")[-3000:]
            raise AssertionError(
                f"llama_cpp.server exited ({server.process.returncode}); is the `server` extra "
                f"installed (pip install 'llama-cpp-python[server]')?\n{tail}"
            )
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
        try:
            connection.request("GET", "/v1/models")
            if json.loads(connection.getresponse().read()).get("data"):
                return
        except (OSError, http.client.HTTPException, ValueError):
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    raise AssertionError(f"llama_cpp.server did not answer within {within_s} s")
