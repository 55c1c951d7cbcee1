"""JSON and server-sent events over HTTP to exactly one host, with the standard library only.

`http.client` rather than `urllib.request`: it follows no redirect and uses no proxy from the
environment, so no host but the one the user named is ever contacted; and it lets the connect
timeout (short) differ from the read timeout (as long as a slow model needs).
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from interbot_tui.backends.llm.server.config import (
    API_KEY_ENV,
    START_A_SERVER,
    ServerConfig,
    api_key,
)
from interbot_tui.core.ports import ModelError, ModelUnreachable

MAX_BODY = 16 * 1024 * 1024  # a reply larger than this is not a chat completion
MAX_LINE = 1024 * 1024  # one server-sent event line
RETRY_STATUS = frozenset({502, 503, 504})  # a proxy or a server still loading its model


class ServerError(ModelError):
    """The server answered with an HTTP error; `message` is what it said, if anything."""

    def __init__(self, text: str, status: int, message: str) -> None:
        super().__init__(text)
        self.status = status
        self.message = message


class ServerGone(ModelUnreachable):
    """The connection broke or closed while a reply was coming."""


class Transport:
    """Requests to the configured server. Safe to share between threads: each request has its
    own connection (cheap on a loopback or LAN address, and no state to guard)."""

    def __init__(self, config: ServerConfig, *, sleep: Callable[[float], None] = time.sleep):
        self.config = config
        self.endpoint = config.endpoint
        self.sleep = sleep

    @property
    def url(self) -> str:
        return self.endpoint.url

    def get_json(self, path: str, *, from_root: bool = False) -> Any:
        """GET `path` under the API's base path ("/v1"), or under the server's root with
        `from_root` (llama-server's /props and /tokenize live there)."""
        with self._response("GET", path, None, from_root) as response:
            return self._json(response, path)

    def post_json(self, path: str, body: dict[str, Any], *, from_root: bool = False) -> Any:
        with self._response("POST", path, body, from_root) as response:
            return self._json(response, path)

    @property
    def root_path(self) -> str:
        """The server's root as a path: the base path without its last "/v1" ("/v1" -> "",
        "/api/v1" -> "/api")."""
        base = self.endpoint.base_path
        return base[: -len("/v1")] if base.endswith("/v1") else base

    def post_events(self, path: str, body: dict[str, Any]) -> Iterator[Any]:
        """The JSON of each server-sent event until `[DONE]`. A server that ignores `stream`
        and answers one JSON object yields that object."""
        with self._response("POST", path, body) as response:
            if "text/event-stream" not in (response.getheader("Content-Type") or ""):
                yield self._json(response, path)
                return
            yield from self._events(response, path)

    # --- connection ---------------------------------------------------------------------------

    @contextmanager
    def _response(
        self, method: str, path: str, body: dict[str, Any] | None, from_root: bool = False
    ) -> Iterator[http.client.HTTPResponse]:
        """An open response with status 2xx, closed after use."""
        full = (self.root_path if from_root else self.endpoint.base_path) + path
        connection, response = self._open(method, full, path, body)
        try:
            yield response
        finally:
            response.close()
            connection.close()

    def _open(
        self, method: str, full: str, path: str, body: dict[str, Any] | None
    ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        """Connect, send and read the status line; connection errors and 502/503/504 are tried
        again (`attempts` in all, with doubling backoff), a timeout is not (it would only
        multiply the wait)."""
        delay = self.config.backoff
        for attempt in range(1, self.config.attempts + 1):
            last = attempt == self.config.attempts
            connection = self._connection()
            try:
                response = self._send(connection, method, full, body)
            except (ConnectionRefusedError, ConnectionResetError, http.client.RemoteDisconnected):
                connection.close()
                if last:
                    raise self._unreachable("connection refused") from None
                self.sleep(delay)
                delay *= 2
                continue
            except TimeoutError:
                connection.close()
                raise self._too_slow() from None
            except socket.gaierror as exc:
                connection.close()
                raise ModelError(
                    f"cannot find the host of {self.url} ({exc.strerror}): check --llm-url"
                ) from None
            except ssl.SSLError as exc:
                connection.close()
                raise ModelError(f"TLS with {self.url} failed: {exc}") from None
            except OSError as exc:
                connection.close()
                raise self._unreachable(exc.strerror or type(exc).__name__) from None
            if response.status in RETRY_STATUS and not last:
                connection.close()
                self.sleep(delay)
                delay *= 2
                continue
            if response.status >= 300:
                error = self._status_error(response, path)
                connection.close()
                raise error
            return connection, response
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _connection(self) -> http.client.HTTPConnection:
        host, port = self.endpoint.host, self.endpoint.port
        timeout = self.config.connect_timeout
        if self.endpoint.scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=timeout)
        return http.client.HTTPConnection(host, port, timeout=timeout)

    def _send(
        self,
        connection: http.client.HTTPConnection,
        method: str,
        full: str,
        body: dict[str, Any] | None,
    ) -> http.client.HTTPResponse:
        headers = {"Accept": "application/json, text/event-stream", "User-Agent": "interbot"}
        if key := api_key():
            headers["Authorization"] = f"Bearer {key}"
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        try:
            connection.connect()
        except TimeoutError:  # connect timeout: nothing listens, or a firewall drops packets
            raise self._unreachable(f"no answer within {self.config.connect_timeout:g} s") from None
        assert connection.sock is not None
        connection.sock.settimeout(self.config.read_timeout)
        connection.request(method, full, body=data, headers=headers)
        return connection.getresponse()

    # --- reading --------------------------------------------------------------------------------

    def _json(self, response: http.client.HTTPResponse, path: str) -> Any:
        try:
            raw = response.read(MAX_BODY + 1)
        except http.client.IncompleteRead:
            raise ServerGone(self._gone()) from None
        except (ConnectionResetError, http.client.RemoteDisconnected):
            raise ServerGone(self._gone()) from None
        except TimeoutError:
            raise self._too_slow() from None
        if len(raw) > MAX_BODY:
            raise self._garbage(path, "a reply of more than 16 MB")
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise self._garbage(path, repr(raw[:120].decode("utf-8", "replace"))) from None

    def _events(self, response: http.client.HTTPResponse, path: str) -> Iterator[Any]:
        data: list[str] = []
        while True:
            try:
                line = response.readline(MAX_LINE)
            except (http.client.IncompleteRead, ConnectionResetError):
                raise ServerGone(self._gone()) from None
            except TimeoutError:
                raise self._too_slow() from None
            if not line:  # the connection closed without [DONE]
                raise ServerGone(self._gone())
            text = line.decode("utf-8", "replace").rstrip("\r\n")
            if text.startswith("data:"):
                data.append(text[5:].removeprefix(" "))
                continue
            if text or not data:  # a comment, an `event:`/`id:` field, or a blank keep-alive
                continue
            payload = "\n".join(data)
            data = []
            if payload.strip() == "[DONE]":
                return
            try:
                event = json.loads(payload)
            except json.JSONDecodeError:
                raise self._garbage(path, repr(payload[:120])) from None
            if isinstance(event, dict) and "error" in event:
                raise ModelError(f"the model server at {self.url} failed: {_said(event)}")
            yield event

    # --- messages ---------------------------------------------------------------------------------

    def _status_error(self, response: http.client.HTTPResponse, path: str) -> ModelError:
        status = response.status
        if 300 <= status < 400:
            where = response.getheader("Location") or "another address"
            return ModelError(
                f"the server at {self.url} redirects to {where}; interbot talks only to the "
                "address you give: put the final address in --llm-url"
            )
        try:
            raw = response.read(64 * 1024)
        except (OSError, http.client.HTTPException):
            raw = b""
        try:
            said = _said(json.loads(raw.decode("utf-8")))
        except (UnicodeDecodeError, json.JSONDecodeError):  # not JSON: the start of the text
            said = " ".join(raw.decode("utf-8", "replace").split())[:200]
        if status in (401, 403):
            key_hint = (
                f"the key in {API_KEY_ENV} was refused" if api_key() else f"set {API_KEY_ENV}"
            )
            text = f"the server at {self.url} refused the request ({status}): {key_hint}"
        elif status == 404 and path in ("/models", "/chat/completions", "/completions"):
            text = (
                f"the server at {self.url} has no {path} ({said or 'not found'}): is it an "
                "OpenAI-compatible server, and does --llm-url end in /v1?"
            )
        else:
            text = f"the model server at {self.url} answered {status}: {said or response.reason}"
        return ServerError(text, status, said)

    def _unreachable(self, why: str) -> ModelError:
        return ModelUnreachable(
            f"cannot reach the model server at {self.url} ({why}). Is it running? Start one with "
            f"`{START_A_SERVER}`, or fix --llm-url."
        )

    def _too_slow(self) -> ModelError:
        return ModelUnreachable(
            f"the model server at {self.url} sent nothing for {self.config.read_timeout:g} s. "
            "It may be busy or the model too big for it: wait and try again, or allow more time "
            "with --llm-timeout SECONDS (INTERBOT_LLM_TIMEOUT, or llm_timeout in the config file)."
        )

    def _gone(self) -> str:
        return (
            f"the model server at {self.url} closed the connection in the middle of a reply: "
            "check that it is still running (it may have crashed or run out of memory)"
        )

    def _garbage(self, path: str, what: str) -> ModelError:
        return ModelError(
            f"the server at {self.url} answered {path} with {what}, not an OpenAI-compatible "
            "reply: check that --llm-url points at the API (it usually ends in /v1)"
        )


def _said(payload: Any) -> str:
    """The error message in an OpenAI-style error body ({"error": {"message": …}}), one line."""
    error = payload.get("error", payload) if isinstance(payload, dict) else payload
    if isinstance(error, dict):
        error = error.get("message") or error.get("detail") or error
    if isinstance(payload, dict) and "detail" in payload and error is payload:
        error = payload["detail"]
    return " ".join(str(error).split())[:300]
