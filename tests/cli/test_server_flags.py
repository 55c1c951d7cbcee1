"""`--llm-url`, `--llm-model`, `--llm-timeout`, `--llm-chat-format`: from flags, environment
and config file to the server model every command loads."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

import interbot_tui.plain
from interbot_tui.backends.llm.server import ServerChatModel, ServerConfig
from interbot_tui.cli import CliError, build_parser, main
from interbot_tui.cli.common import grading_notice, llm_server, load_model, settings_from
from tests.fakes.llm import grade
from tests.fakes.openai_server import (
    FakeOpenAIServer,
    completion,
    models,
    send_events,
    stream,
)


def server_for(*argv: str) -> ServerConfig | None:
    args = build_parser().parse_args(list(argv))
    return llm_server(settings_from(args))


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer().running() as server:
        yield server


def test_without_a_url_the_model_runs_in_process() -> None:
    assert server_for() is None
    assert server_for("plain", "--llm-model", "qwen") is None


def test_flags_set_the_server_on_any_command() -> None:
    config = server_for(
        "eval-grader",
        "items.jsonl",
        "--llm-url",
        "http://127.0.0.1:8080/v1",
        "--llm-model",
        "qwen2.5:7b",
        "--llm-timeout",
        "300",
        "--llm-chat-format",
        "chatml",
    )
    assert config == ServerConfig(
        "http://127.0.0.1:8080/v1", model="qwen2.5:7b", read_timeout=300.0, chat_format="chatml"
    )
    before = server_for("--llm-url", "http://127.0.0.1:9/v1", "plain")
    assert before is not None and before.url == "http://127.0.0.1:9/v1"


def test_environment_and_config_file(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    config_file.parent.mkdir(parents=True, exist_ok=True)
    config_file.write_text('llm_url = "http://gpu.lan:8000/v1"\nllm_timeout = 30\n')
    config = server_for("plain")
    assert config is not None
    assert (config.url, config.read_timeout, config.model) == ("http://gpu.lan:8000/v1", 30.0, "")
    monkeypatch.setenv("INTERBOT_LLM_URL", "http://127.0.0.1:11434/v1")
    monkeypatch.setenv("INTERBOT_LLM_MODEL", "llama3.1:8b")
    config = server_for("plain")
    assert config is not None
    assert (config.url, config.model) == ("http://127.0.0.1:11434/v1", "llama3.1:8b")
    flagged = server_for("plain", "--llm-url", "http://127.0.0.1:1/v1")  # the flag wins
    assert flagged is not None and flagged.url == "http://127.0.0.1:1/v1"


@pytest.mark.parametrize(
    ("argv", "env", "says"),
    [
        (["--llm-url", "ftp://host/v1"], {}, "--llm-url must be an http:// or https:// URL"),
        (["--llm-url", "http://me:pw@host/v1"], {}, "INTERBOT_LLM_API_KEY"),
        ([], {"INTERBOT_LLM_URL": "localhost:8080"}, "INTERBOT_LLM_URL=localhost:8080"),
        (["--llm-url", "http://h/v1", "--llm-timeout", "0"], {}, "between 1 and 3600"),
        ([], {"INTERBOT_LLM_TIMEOUT": "soon"}, "INTERBOT_LLM_TIMEOUT=soon: llm_timeout must be"),
    ],
)
def test_bad_values_say_what_to_fix(
    argv: list[str], env: dict[str, str], says: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(CliError) as info:
        server_for("plain", *argv)
    assert says in str(info.value)
    assert "pw" not in str(info.value)


def test_load_model_connects_to_the_server_and_loads_nothing_local(
    fake: FakeOpenAIServer, tmp_path: Path
) -> None:
    fake.routes["/v1/models"] = models("SmolLM2-135M-Instruct")
    args = build_parser().parse_args(
        ["--llm-url", fake.url, "--model", str(tmp_path / "missing.gguf"), "plain"]
    )
    model = load_model(settings_from(args))
    assert isinstance(model, ServerChatModel)
    assert model.name == "server:SmolLM2-135M-Instruct"  # its own grader calibration
    fake.routes["/v1/completions"] = completion({" yes": -0.1, " no": -2.5})
    assert grading_notice(model) == ""


def _grading_server(h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
    """The interviewer's lines as text; a grade as JSON when a schema is asked for."""
    if "response_format" in body:
        reply = json.dumps(grade("correct", 9, "Good answer."))
        send_events(h, [{"choices": [{"delta": {"content": reply}}]}])
    else:
        stream(["Thanks."])(h, body)


def test_a_plain_interview_through_a_server_without_logprobs_uses_the_json_grader(
    fake: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.routes["/v1/models"] = models("qwen2.5:7b")
    fake.routes["/v1/completions"] = completion(None)
    fake.routes["/v1/chat/completions"] = _grading_server
    answer = "An index is a B-tree that maps values to rows so lookups avoid a full scan."
    lines, shown = io.StringIO(f"{answer}\n" * 4), io.StringIO()  # follow-ups may ask more
    monkeypatch.setattr(
        interbot_tui.plain,
        "run_plain",
        partial(interbot_tui.plain.run_plain, stdin=lines, stdout=shown),
    )
    code = main(
        ["plain", "--llm-url", fake.url, "--questions", "2", "--type", "technical", "--seed", "1"]
    )
    out, err = shown.getvalue(), capsys.readouterr().err
    assert code == 0, err
    assert "no log-probabilities" in err and "JSON grader" in err
    assert "Question 2/2" in out and out.count("Verdict: correct (9/10)") >= 2, out
    assert "Accuracy: 2/2" in out, out[-1500:]
    assert "/v1/completions" in fake.paths()  # asked once at start, then not again
    assert fake.paths().count("/v1/completions") == 1


def test_a_wrong_model_name_stops_the_command_with_the_list(
    fake: FakeOpenAIServer, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.routes["/v1/models"] = models("qwen2.5:7b")
    code = main(["plain", "--llm-url", fake.url, "--llm-model", "gpt-4o", "--questions", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert "has no model 'gpt-4o'; it offers: qwen2.5:7b" in err


def test_the_full_screen_app_loads_the_server_model(
    fake: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch, app_kwargs: dict[str, Any]
) -> None:
    seen = app_kwargs
    assert main(["--text"]) == 0
    assert seen["model_factory"] is None  # the app loads the local model itself
    assert main(["--text", "--llm-url", fake.url]) == 0
    model = seen["model_factory"]()  # called on the app's model worker
    assert isinstance(model, ServerChatModel) and model.name == "server:fake-model"
