"""`interbot doctor --llm-url`: the server is asked (reachable, model, log-probabilities, time to
first token) instead of a model file being looked for."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from interbot_tui.backends.llm.server import ServerConfig
from interbot_tui.cli import main
from interbot_tui.doctor import exit_code, render, run_checks
from interbot_tui.doctor.server import ServerProbe
from tests.fakes.openai_server import FakeOpenAIServer, completion, models, slow, stream
from tests.real_server import free_port


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer().running() as server:
        server.routes["/v1/models"] = models("qwen2.5:7b")
        server.routes["/v1/chat/completions"] = slow(0.05, stream(["OK"]))
        yield server


def test_a_working_server_with_logprobs(fake: FakeOpenAIServer) -> None:
    fake.routes["/v1/completions"] = completion({" yes": math.log(0.9), " no": math.log(0.1)})
    probe = ServerProbe(ServerConfig(fake.url))
    server, logprobs = probe.check_server(), probe.check_logprobs()
    assert server.ok and not server.optional
    assert "server:qwen2.5:7b at http://127.0.0.1" in server.detail
    first = float(server.detail.split("first token in ")[1].split(" s")[0])
    assert 0.05 <= first < 2
    assert logprobs.ok and "probe grader" in logprobs.detail
    assert fake.paths().count("/v1/models") == 1  # connected once for both


def test_no_logprobs_is_an_optional_failure_naming_the_fallback(
    fake: FakeOpenAIServer, data_dir: Path, tmp_path: Path
) -> None:
    fake.routes["/v1/completions"] = completion(None)
    checks = run_checks(data_dir, tmp_path, llm_server=ServerConfig(fake.url))
    names = [c.name for c in checks]
    assert "language model" not in names
    assert names[3:5] == ["model server", "server log-probabilities"]
    logprobs = checks[4]
    assert not logprobs.ok and logprobs.optional
    assert "JSON grader" in logprobs.fix and "--logits_all true" in logprobs.fix
    assert exit_code(checks) == 0
    assert "grading: the JSON grader: no log-probabilities" in render(checks)


def test_a_server_that_is_not_running_blocks_the_interview(data_dir: Path, tmp_path: Path) -> None:
    config = ServerConfig(f"http://127.0.0.1:{free_port()}/v1", backoff=0.01)
    checks = run_checks(data_dir, tmp_path, llm_server=config)
    server = next(c for c in checks if c.name == "model server")
    assert not server.ok and "connection refused" in server.detail
    assert "python -m llama_cpp.server" in server.fix
    assert exit_code(checks) == 1
    assert "fix the model server first" in render(checks)


def test_a_wrong_model_name_lists_the_models(fake: FakeOpenAIServer) -> None:
    check = ServerProbe(ServerConfig(fake.url, model="gpt-4o")).check_server()
    assert not check.ok
    assert "it offers: qwen2.5:7b" in check.detail and "--llm-model" in check.fix


def test_a_server_too_slow_to_answer(fake: FakeOpenAIServer) -> None:
    fake.routes["/v1/chat/completions"] = slow(2, stream(["late"]))
    check = ServerProbe(ServerConfig(fake.url, read_timeout=0.2)).check_server()
    assert not check.ok and "sent nothing for 0.2 s" in check.detail
    assert "--llm-timeout" in check.fix


def test_the_doctor_command_takes_llm_url(
    fake: FakeOpenAIServer, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.routes["/v1/completions"] = completion({" yes": 0.0})
    main(["doctor", "--llm-url", fake.url])
    out = capsys.readouterr().out
    assert "✓ model server" in out and "✓ server log-probabilities" in out
