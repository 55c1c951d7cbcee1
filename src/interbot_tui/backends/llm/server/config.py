"""Where the model server is and how long to wait for it. The API key is not here: it is read
from the environment for each request, so it is never stored, pickled or printed with this."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from interbot_tui.core.ports import ModelError

API_KEY_ENV = "INTERBOT_LLM_API_KEY"
START_A_SERVER = "python -m llama_cpp.server --model models/<file>.gguf --port 8080"


@dataclass(frozen=True)
class Endpoint:
    """The one place requests go: scheme, host, port and the API's base path ("/v1")."""

    scheme: str
    host: str
    port: int
    base_path: str

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}{self.base_path}"


def parse_url(url: str) -> Endpoint:
    """The endpoint of `--llm-url`, or a ModelError saying what is wrong with it.

    Only http and https; no user name or password (the key comes from INTERBOT_LLM_API_KEY);
    a URL without a path gets "/v1", the path every OpenAI-compatible server serves.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise ModelError(f"--llm-url {text!r} is not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise ModelError(
            f"--llm-url {text!r}: only http:// and https:// URLs are used, "
            "like http://127.0.0.1:8080/v1"
        )
    if not parts.hostname:
        raise ModelError(f"--llm-url {text!r} names no host: use one like http://127.0.0.1:8080/v1")
    if parts.username is not None or parts.password is not None:
        raise ModelError(
            f"--llm-url must not hold a user name or password: put the API key in {API_KEY_ENV}"
        )
    if parts.query or parts.fragment:
        raise ModelError(f"--llm-url {text!r}: leave out the ?query and #fragment")
    path = parts.path.rstrip("/") or "/v1"
    default_port = 443 if parts.scheme == "https" else 80
    return Endpoint(parts.scheme, parts.hostname, port or default_port, path)


@dataclass(frozen=True)
class ServerConfig:
    """`--llm-url`, `--llm-model`, `--llm-timeout`, `--llm-chat-format` and `--llm-context`,
    checked.

    `model` "" takes the server's only (or first) model. `chat_format` "" is guessed from the
    model's name; it is only needed to score choices (the probe grader). `read_timeout` is how
    long the server may stay silent: before the first token, and between tokens.
    """

    url: str
    model: str = ""
    read_timeout: float = 120.0
    chat_format: str = ""
    context: int = 0  # the model's context in tokens; 0: ask the server (see ServerChatModel)
    connect_timeout: float = 5.0
    attempts: int = 3  # connection attempts in all, before any output
    backoff: float = 0.5  # seconds before the second attempt; doubled each time

    def __post_init__(self) -> None:
        parse_url(self.url)  # refuse a bad URL when the config is made, not at the first call
        if self.read_timeout <= 0 or self.connect_timeout <= 0:
            raise ModelError("--llm-timeout must be above 0 seconds")
        if self.context < 0:
            raise ModelError("--llm-context must be a number of tokens above 0")
        if self.attempts < 1:
            raise ModelError("the server needs at least one connection attempt")

    @property
    def endpoint(self) -> Endpoint:
        return parse_url(self.url)


def api_key() -> str:
    """The API key from the environment ("" when none): sent as a bearer token, nothing else."""
    return os.environ.get(API_KEY_ENV, "").strip()
