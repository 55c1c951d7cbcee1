"""Where the server is: only http(s), one host, no credentials in the URL or the config."""

from __future__ import annotations

import pytest

from interbot_tui.backends.llm.server.config import API_KEY_ENV, ServerConfig, parse_url
from interbot_tui.core.ports import ModelError


def test_a_url_without_a_path_gets_the_openai_path() -> None:
    endpoint = parse_url("http://127.0.0.1:8080")
    assert (endpoint.scheme, endpoint.host, endpoint.port, endpoint.base_path) == (
        "http",
        "127.0.0.1",
        8080,
        "/v1",
    )
    assert parse_url("https://gpu.lan/openai/v1/").url == "https://gpu.lan:443/openai/v1"
    assert parse_url("http://[::1]:11434/v1").url == "http://[::1]:11434/v1"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("ftp://127.0.0.1/v1", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("127.0.0.1:8080", "only http:// and https://"),
        ("http:///v1", "names no host"),
        ("http://user:secret@127.0.0.1:8080/v1", API_KEY_ENV),
        ("http://127.0.0.1:8080/v1?key=1", "query"),
        ("http://127.0.0.1:99999/v1", "not a valid URL"),
    ],
)
def test_bad_urls_are_refused_with_what_to_do(url: str, says: str) -> None:
    with pytest.raises(ModelError, match="--llm-url") as info:
        ServerConfig(url)
    assert says in str(info.value)
    assert "secret" not in str(info.value)


def test_timeouts_must_be_positive() -> None:
    with pytest.raises(ModelError, match="--llm-timeout"):
        ServerConfig("http://127.0.0.1:8080/v1", read_timeout=0)


def test_the_api_key_is_never_part_of_the_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(API_KEY_ENV, "sk-very-secret")
    config = ServerConfig("http://127.0.0.1:8080/v1", model="m")
    assert "sk-very-secret" not in repr(config)
    assert "sk-very-secret" not in str(vars(config))
