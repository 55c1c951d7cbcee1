"""The server back-end against a scripted server: what it sends, and each way a server fails."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from interbot_tui.backends.llm.server import API_KEY_ENV, ServerChatModel, ServerConfig
from interbot_tui.backends.llm.server.transport import Transport
from interbot_tui.core.ports import ChatModel, ChoiceScorer, ChoicesUnsupported, ModelError
from tests.fakes.conformance import missing
from tests.fakes.openai_server import (
    FakeOpenAIServer,
    completion,
    delta,
    in_turn,
    models,
    send_events,
    send_text,
    slow,
    status,
    stream,
)
from tests.real_server import free_port

ASK = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello?"}]
YES_NO = [" yes", " no"]


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer().running() as server:
        yield server


def connect(url: str, slept: list[float] | None = None, **kw: Any) -> ServerChatModel:
    config = ServerConfig(url, **kw)
    sleep = slept.append if slept is not None else (lambda s: None)
    return ServerChatModel(config, transport=Transport(config, sleep=sleep)).connect()


@pytest.mark.parametrize("protocol", [ChatModel, ChoiceScorer])
def test_satisfies_the_protocols(protocol: type) -> None:
    assert missing(ServerChatModel, protocol) == []


def test_chat_streams_deltas_and_sends_the_settings(fake: FakeOpenAIServer) -> None:
    fake.routes["/v1/chat/completions"] = stream(["Hel", "lo", "!"])
    model = connect(fake.url)
    assert model.name == "server:fake-model"
    seen: list[str] = []
    assert model.chat(ASK, max_tokens=12, temperature=0.5, on_text=seen.append) == "Hello!"
    assert seen == ["Hel", "lo", "!"]
    body = fake.requests[-1].body
    assert body["model"] == "fake-model" and body["stream"] is True
    assert (body["max_tokens"], body["temperature"], body["messages"]) == (12, 0.5, ASK)
    assert "response_format" not in body


def test_a_schema_goes_as_json_schema_then_as_json_object_where_that_is_refused(
    fake: FakeOpenAIServer,
) -> None:
    refuse = status(422, "response_format.type: Input should be 'text' or 'json_object'")
    fake.routes["/v1/chat/completions"] = in_turn(refuse, stream(['{"a": 1}']))
    model = connect(fake.url)
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    assert json.loads(model.chat(ASK, schema=schema)) == {"a": 1}
    assert json.loads(model.chat(ASK, schema=schema)) == {"a": 1}
    formats = [r.body["response_format"] for r in fake.requests if "chat" in r.path]
    assert formats[0] == {"type": "json_schema", "json_schema": {"name": "reply", "schema": schema}}
    assert formats[1:] == [{"type": "json_object", "schema": schema}] * 2  # remembered


def test_choices_come_from_the_completion_logprobs_on_the_rendered_prompt(
    fake: FakeOpenAIServer,
) -> None:
    fake.routes["/v1/models"] = models("Qwen2.5-7B-Instruct")
    fake.routes["/v1/completions"] = completion({" yes": math.log(0.6), " no": math.log(0.2)})
    model = connect(fake.url)
    assert model.choice_probabilities(ASK, YES_NO, prefix="Answer:") == pytest.approx([0.75, 0.25])
    body = fake.requests[-1].body
    assert body["prompt"].endswith("<|im_start|>assistant\nAnswer:")
    assert body["prompt"].startswith("<|im_start|>system\nBe brief.<|im_end|>")
    assert (body["max_tokens"], body["temperature"], body["logprobs"]) == (1, 0, 50)


def test_a_server_that_caps_logprobs_is_asked_for_fewer_once(fake: FakeOpenAIServer) -> None:
    fake.routes["/v1/models"] = models("qwen2.5:7b")
    fake.routes["/v1/completions"] = in_turn(
        status(400, "logprobs must be at most 20"), completion({" yes": 0.0})
    )
    model = connect(fake.url)
    assert model.choice_probabilities(ASK, YES_NO)[0] > 0.99
    assert model.choice_probabilities(ASK, YES_NO)[0] > 0.99
    asked = [r.body["logprobs"] for r in fake.requests if r.path == "/v1/completions"]
    assert asked == [50, 20, 20]


def test_no_logprobs_is_choices_unsupported_found_out_once(fake: FakeOpenAIServer) -> None:
    fake.routes["/v1/models"] = models("smollm2")
    fake.routes["/v1/completions"] = completion(None)
    model = connect(fake.url)
    with pytest.raises(ChoicesUnsupported, match=r"no log-probabilities.*JSON grader"):
        model.choice_probabilities(ASK, YES_NO)
    calls = len(fake.requests)
    with pytest.raises(ChoicesUnsupported):
        model.choice_probabilities(ASK, YES_NO)
    assert len(fake.requests) == calls  # remembered, not asked again
    assert model.scores_choices() is False
    assert "JSON grader" in model.choices_unsupported


def test_an_unknown_chat_format_is_choices_unsupported_without_a_request(
    fake: FakeOpenAIServer,
) -> None:
    fake.routes["/v1/models"] = models("my-finetune")
    model = connect(fake.url)
    with pytest.raises(ChoicesUnsupported, match="--llm-chat-format"):
        model.choice_probabilities(ASK, YES_NO)
    assert "/v1/completions" not in fake.paths()
    named = connect(fake.url, chat_format="chatml")
    fake.routes["/v1/completions"] = completion({" no": 0.0})
    assert named.choice_probabilities(ASK, YES_NO)[1] > 0.99


def test_connection_refused_says_how_to_start_a_server_after_bounded_retries() -> None:
    slept: list[float] = []
    url = f"http://127.0.0.1:{free_port()}/v1"
    with pytest.raises(ModelError) as info:
        connect(url, slept)
    message = str(info.value)
    assert "connection refused" in message and url in message
    assert "python -m llama_cpp.server --model models/<file>.gguf --port 8080" in message
    assert slept == [0.5, 1.0]  # three attempts, doubling backoff


def test_a_server_still_loading_is_waited_for(fake: FakeOpenAIServer) -> None:
    slept: list[float] = []
    fake.routes["/v1/models"] = in_turn(status(503, "Loading model"), models("m"))
    assert connect(fake.url, slept).model == "m"
    assert slept == [0.5]


def test_a_wrong_model_name_lists_what_the_server_offers(fake: FakeOpenAIServer) -> None:
    fake.routes["/v1/models"] = models("qwen2.5:7b", "llama3.1:8b")
    with pytest.raises(ModelError) as info:
        connect(fake.url, model="gpt-4")
    message = str(info.value)
    assert "no model 'gpt-4'" in message and "qwen2.5:7b, llama3.1:8b" in message
    assert "--llm-model" in message
    fake.routes["/v1/models"] = models("qwen2.5:latest")
    assert connect(fake.url, model="qwen2.5").model == "qwen2.5"  # Ollama adds :latest


def test_no_model_name_takes_the_first_one_offered(fake: FakeOpenAIServer) -> None:
    fake.routes["/v1/models"] = models("a", "b")
    assert connect(fake.url).name == "server:a"


@pytest.mark.parametrize(
    ("route", "behaviour", "says"),
    [
        ("/v1/models", lambda h, b: send_text(h, "<html>It works!</html>"), "not an OpenAI"),
        (
            "/v1/models",
            lambda h, b: send_text(h, '{"hello": 1}', kind="application/json"),
            "no model list",
        ),
        ("/v1/models", status(404, "no such route"), "end in /v1"),
    ],
)
def test_garbage_instead_of_a_model_list(
    fake: FakeOpenAIServer, route: str, behaviour: Any, says: str
) -> None:
    fake.routes[route] = behaviour
    with pytest.raises(ModelError, match=says):
        connect(fake.url)


@pytest.mark.parametrize(
    ("behaviour", "says"),
    [
        (lambda h, b: send_text(h, "<html>502 Bad Gateway</html>"), "not an OpenAI"),
        (lambda h, b: send_events(h, ["{not json"]), "not an OpenAI"),
        (lambda h, b: send_events(h, [{"result": "hi"}]), "without choices"),
        (lambda h, b: send_events(h, [{"error": {"message": "out of memory"}}]), "out of memory"),
        (status(500, "CUDA error: out of memory"), "500: CUDA error"),
    ],
)
def test_garbage_or_errors_instead_of_a_chat_reply(
    fake: FakeOpenAIServer, behaviour: Any, says: str
) -> None:
    model = connect(fake.url)
    fake.routes["/v1/chat/completions"] = behaviour
    with pytest.raises(ModelError, match=says):
        model.chat(ASK)


def test_a_slow_server_hits_the_timeout_and_says_how_to_raise_it(fake: FakeOpenAIServer) -> None:
    model = connect(fake.url, read_timeout=0.3)
    fake.routes["/v1/chat/completions"] = slow(3, stream(["late"]))
    start = time.monotonic()
    with pytest.raises(ModelError) as info:
        model.chat(ASK)
    assert time.monotonic() - start < 2  # not retried: one timeout, not three
    message = str(info.value)
    assert "sent nothing for 0.3 s" in message
    assert "--llm-timeout" in message and "INTERBOT_LLM_TIMEOUT" in message


def test_killed_mid_answer_keeps_what_was_streamed_and_is_not_retried(
    fake: FakeOpenAIServer,
) -> None:
    model = connect(fake.url)
    fake.routes["/v1/chat/completions"] = stream(["The answer", " is"], done=False)
    seen: list[str] = []
    with pytest.raises(ModelError, match="closed the connection in the middle of a reply"):
        model.chat(ASK, on_text=seen.append)
    assert seen == ["The answer", " is"]
    assert fake.paths().count("/v1/chat/completions") == 1


def test_a_connection_dropped_before_any_output_is_tried_again(fake: FakeOpenAIServer) -> None:
    def hang_up(h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        send_events(h, [], done=False)

    slept: list[float] = []
    model = connect(fake.url, slept)
    fake.routes["/v1/chat/completions"] = in_turn(hang_up, stream(["ok"]))
    assert model.chat(ASK) == "ok"
    assert slept == [0.5]


def test_the_api_key_is_sent_as_a_bearer_token_and_never_shown(
    fake: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(API_KEY_ENV, "sk-test-123")
    model = connect(fake.url)
    assert fake.requests[-1].headers["Authorization"] == "Bearer sk-test-123"
    fake.routes["/v1/chat/completions"] = status(401, "invalid api key")
    with pytest.raises(ModelError) as info:
        model.chat(ASK)
    assert f"the key in {API_KEY_ENV} was refused" in str(info.value)
    assert "sk-test-123" not in str(info.value) and "sk-test-123" not in repr(model.config)


def test_no_key_no_authorization_header(fake: FakeOpenAIServer) -> None:
    connect(fake.url)
    assert "Authorization" not in fake.requests[-1].headers


def test_a_redirect_elsewhere_is_not_followed(fake: FakeOpenAIServer) -> None:
    def redirect(h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        h.send_response(302)
        h.send_header("Location", "http://collector.example.com/v1/models")
        h.send_header("Content-Length", "0")
        h.end_headers()

    fake.routes["/v1/models"] = redirect
    with pytest.raises(ModelError, match="talks only to the address you give"):
        connect(fake.url)  # the no-network fixture would fail the test if it were followed


def test_a_server_that_ignores_stream_and_sends_one_reply_still_works(
    fake: FakeOpenAIServer,
) -> None:
    model = connect(fake.url)
    fake.routes["/v1/chat/completions"] = lambda h, b: send_text(
        h,
        json.dumps({"choices": [{"message": {"content": "whole"}}]}),
        kind="application/json",
    )
    seen: list[str] = []
    assert model.chat(ASK, on_text=seen.append) == "whole" and seen == ["whole"]


def test_usage_only_chunks_are_skipped(fake: FakeOpenAIServer) -> None:
    model = connect(fake.url)
    fake.routes["/v1/chat/completions"] = lambda h, b: send_events(
        h, [delta("a"), {"choices": [], "usage": {"total_tokens": 3}}, delta("b")]
    )
    assert model.chat(ASK) == "ab"
