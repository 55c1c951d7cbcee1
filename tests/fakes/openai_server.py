"""A scripted OpenAI-compatible server on 127.0.0.1 (standard library `http.server`), for the
failure paths a real server shows only by accident: garbage, slowness, a socket closed
mid-answer, no log-probabilities, a model it does not have, a key it refuses.

Each route is a `Behaviour`: it gets the request handler and the JSON body and writes the
reply with the helpers below. Every request is recorded (path, body, headers).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Behaviour = Callable[[BaseHTTPRequestHandler, dict[str, Any]], None]


@dataclass
class Request:
    method: str
    path: str
    body: dict[str, Any]
    headers: dict[str, str]


def send_json(handler: BaseHTTPRequestHandler, payload: object, status: int = 200) -> None:
    data = json.dumps(payload).encode()
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def send_text(
    handler: BaseHTTPRequestHandler, text: str, status: int = 200, kind: str = "text/html"
) -> None:
    data = text.encode()
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def send_events(
    handler: BaseHTTPRequestHandler, events: Sequence[object], *, done: bool = True
) -> None:
    """Server-sent events, then `[DONE]` (or, with done=False, the socket just closes)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.end_headers()
    for event in events:
        text = event if isinstance(event, str) else json.dumps(event)
        handler.wfile.write(f"data: {text}\n\n".encode())
        handler.wfile.flush()
    if done:
        handler.wfile.write(b"data: [DONE]\n\n")
    handler.close_connection = True


def delta(text: str) -> dict[str, Any]:
    return {"choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}]}


def stream(pieces: Sequence[str], *, done: bool = True) -> Behaviour:
    """A chat reply streamed in these pieces."""
    return lambda h, body: send_events(h, [delta(p) for p in pieces], done=done)


def completion(top: dict[str, float] | None) -> Behaviour:
    """A one-token completion with these top log-probabilities (None: the server gives none)."""

    def reply(h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        logprobs = None if top is None else {"tokens": [next(iter(top))], "top_logprobs": [top]}
        text = next(iter(top)) if top else "x"
        send_json(
            h, {"object": "text_completion", "choices": [{"text": text, "logprobs": logprobs}]}
        )

    return reply


def slow(seconds: float, then: Behaviour) -> Behaviour:
    def reply(h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        time.sleep(seconds)
        then(h, body)

    return reply


def in_turn(*behaviours: Behaviour) -> Behaviour:
    """Each call the next behaviour; the last one from then on."""
    queue = list(behaviours)

    def reply(h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        (queue.pop(0) if len(queue) > 1 else queue[0])(h, body)

    return reply


def status(code: int, message: str) -> Behaviour:
    return lambda h, body: send_json(h, {"error": {"message": message}}, code)


def models(*ids: str) -> Behaviour:
    return lambda h, body: send_json(h, {"object": "list", "data": [{"id": i} for i in ids]})


@dataclass
class FakeOpenAIServer:
    """Routes by path ("/v1/models", "/v1/chat/completions", "/v1/completions")."""

    routes: dict[str, Behaviour] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    @contextmanager
    def running(self) -> Iterator[FakeOpenAIServer]:
        owner = self
        self.routes.setdefault("/v1/models", models("fake-model"))

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else {}
                owner.requests.append(Request(self.command, self.path, body, dict(self.headers)))
                behaviour = owner.routes.get(self.path)
                if behaviour is None:
                    send_json(self, {"error": {"message": "not found"}}, 404)
                else:
                    behaviour(self, body)

            do_GET = do_POST = _handle

        # Port 0 picks a free one; running again on the port it had is a restart.
        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        self.port = server.server_address[1]
        thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
