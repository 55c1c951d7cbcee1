"""The server model's context size and token counts: from --llm-context, vLLM's model list or
llama-server's /props, and the tokenize endpoint each server has; an estimate otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from interbot_tui.backends.llm.server import ServerChatModel, ServerConfig
from interbot_tui.backends.llm.server.model import UNKNOWN_CONTEXT
from interbot_tui.core.persona.context import estimate_tokens
from interbot_tui.core.ports import ModelError, TokenCounter
from tests.fakes.openai_server import FakeOpenAIServer, send_json, status

TEXT = "Tell me about the pipeline you are most proud of."


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer().running() as server:
        yield server


def connect(url: str, **kw: Any) -> ServerChatModel:
    return ServerChatModel(ServerConfig(url, **kw)).connect()


def words_counted(key: str) -> Any:
    """A tokenize endpoint counting the words of the body's `key` (one token a word)."""

    def reply(h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        send_json(h, {"count": len(str(body[key]).split())})

    return reply


def test_is_a_token_counter() -> None:
    assert isinstance(ServerChatModel(ServerConfig("http://127.0.0.1:9/v1")), TokenCounter)


def test_llama_cpp_python_counts_at_its_extras_path(fake: FakeOpenAIServer) -> None:
    fake.routes["/extras/tokenize/count"] = words_counted("input")
    model = connect(fake.url)
    assert model.count_tokens(TEXT) == 10
    assert model.count_tokens(TEXT) == 10
    assert fake.paths().count("/extras/tokenize/count") == 1  # the second count is remembered
    assert model.count_tokens("") == 0


def test_llama_server_counts_its_tokens_list(fake: FakeOpenAIServer) -> None:
    fake.routes["/tokenize"] = lambda h, body: send_json(
        h, {"tokens": list(range(len(body["content"].split())))}
    )
    model = connect(fake.url)
    assert model.count_tokens(TEXT) == 10
    assert model.count_tokens("two words") == 2
    # the endpoint that failed is not asked again
    assert fake.paths().count("/extras/tokenize/count") == 1


def test_vllm_counts_the_prompt(fake: FakeOpenAIServer) -> None:
    fake.routes["/tokenize"] = words_counted("prompt")
    assert connect(fake.url).count_tokens("one two three") == 3


def test_no_tokenizer_estimates_and_stops_asking(fake: FakeOpenAIServer) -> None:
    model = connect(fake.url)
    assert model.count_tokens(TEXT) == estimate_tokens(TEXT)
    asked = len(fake.requests)
    assert model.count_tokens("something else entirely") == estimate_tokens(
        "something else entirely"
    )
    assert len(fake.requests) == asked


def test_a_tokenizer_answering_garbage_is_estimated(fake: FakeOpenAIServer) -> None:
    fake.routes["/extras/tokenize/count"] = lambda h, body: send_json(h, {"count": "many"})
    fake.routes["/tokenize"] = status(500, "boom")
    assert connect(fake.url).count_tokens(TEXT) == estimate_tokens(TEXT)


def test_the_flag_sets_the_context(fake: FakeOpenAIServer) -> None:
    assert connect(fake.url, context=32768).context_size == 32768
    assert "/props" not in fake.paths()


def test_vllm_lists_max_model_len(fake: FakeOpenAIServer) -> None:
    fake.routes["/v1/models"] = lambda h, body: send_json(
        h, {"data": [{"id": "other", "max_model_len": 99}, {"id": "qwen", "max_model_len": 8192}]}
    )
    assert connect(fake.url, model="qwen").context_size == 8192


def test_llama_server_props(fake: FakeOpenAIServer) -> None:
    fake.routes["/props"] = lambda h, body: send_json(
        h, {"default_generation_settings": {"n_ctx": 16384}, "total_slots": 1}
    )
    model = connect(fake.url)
    assert model.context_size == 16384
    assert model.context_size == 16384
    assert fake.paths().count("/props") == 1


def test_unknown_context_is_the_small_default(fake: FakeOpenAIServer) -> None:
    fake.routes["/props"] = lambda h, body: send_json(h, {"n_ctx": "big"})
    assert connect(fake.url).context_size == UNKNOWN_CONTEXT


def test_root_paths_drop_only_the_last_v1() -> None:
    model = ServerChatModel(ServerConfig("http://127.0.0.1:9/api/v1"))
    assert model.http.root_path == "/api"
    assert ServerChatModel(ServerConfig("http://127.0.0.1:9/v1")).http.root_path == ""
    assert ServerChatModel(ServerConfig("http://127.0.0.1:9/openai")).http.root_path == "/openai"


def test_a_negative_context_is_refused() -> None:
    with pytest.raises(ModelError, match="--llm-context"):
        ServerConfig("http://127.0.0.1:9/v1", context=-1)
