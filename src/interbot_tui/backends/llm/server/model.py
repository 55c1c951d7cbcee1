"""The ChatModel port on an OpenAI-compatible server (llama-server, Ollama, vLLM, LM Studio,
llama-cpp-python's server): chat streamed from /chat/completions, choices scored from the
next-token log-probabilities of /completions."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from interbot_tui.backends.llm.server import formats
from interbot_tui.backends.llm.server.config import ServerConfig
from interbot_tui.backends.llm.server.logprobs import choice_shares, first_top_logprobs
from interbot_tui.backends.llm.server.transport import ServerError, ServerGone, Transport
from interbot_tui.core.persona.context import estimate_tokens
from interbot_tui.core.ports import ChoicesUnsupported, Message, ModelError, TextSink

# How many top log-probabilities to ask for, most first: vLLM allows 20 unless told more,
# OpenAI itself 5. The grader's reaction probe has 18 choices, so more is better.
TOP_LOGPROBS = (50, 20, 5)
# The context assumed when neither --llm-context nor the server says: llama-cpp-python's
# server default, the smallest in common use, so a conversation fitted to it never overflows.
UNKNOWN_CONTEXT = 2048
# Token counting, by server, tried in this order from the server's root (not under /v1):
# llama-cpp-python (/extras/tokenize/count -> {"count"}), then llama-server ("content" ->
# {"tokens"}) and vLLM ("prompt" -> {"count"}), which share /tokenize.
TOKENIZE_PATHS = ("/extras/tokenize/count", "/tokenize")
COUNT_CACHE = 512  # texts whose count is remembered (the persona recounts its prompt parts)


class ServerChatModel:
    """A model on a server the user runs. `connect()` checks the server and the model name
    first (the factory calls it), so a wrong URL or name fails at start with what to do."""

    def __init__(self, config: ServerConfig, *, transport: Transport | None = None) -> None:
        self.config = config
        self.http = transport or Transport(config)
        self.model = config.model
        self.name = f"server:{config.model}" if config.model else "server"
        self.offered: list[str] = []  # what /models lists
        self._lock = threading.Lock()  # guards the probed facts below
        self._schema_style = "json_schema"  # falls back to llama-cpp-python's json_object form
        self._top: int | None = None  # top log-probabilities the server accepts; 0: none
        self._no_choices = ""  # why choices cannot be scored, once known
        self._render: Callable[[list[Message]], str] | None = None
        self._context = config.context  # 0 until found out (see context_size)
        self._tokenize: str | None = None  # the path that counts tokens; "" when none does
        self._counts: dict[str, int] = {}

    @property
    def url(self) -> str:
        return self.http.url

    @property
    def chat_format(self) -> str:
        return self.config.chat_format or formats.guess_chat_format(self.model)

    # --- start ----------------------------------------------------------------------------------

    def connect(self) -> ServerChatModel:
        """Ask the server what it serves; check the model is one of them (or take its first)."""
        try:
            listing = self.http.get_json("/models")
        except ServerError as exc:
            if exc.status != 404 or not self.model:
                raise
            listing = {"data": []}  # no model list: trust the name given
        data = listing.get("data") if isinstance(listing, dict) else None
        if not isinstance(data, list):
            raise ModelError(
                f"the server at {self.url} answered /models with no model list: check that "
                "--llm-url points at an OpenAI-compatible API (it usually ends in /v1)"
            )
        self.offered = [str(m["id"]) for m in data if isinstance(m, dict) and "id" in m]
        if not self.model:
            if not self.offered:
                raise ModelError(
                    f"the server at {self.url} lists no model: name one with --llm-model"
                )
            self.model = self.offered[0]
        elif self.offered and not self._listed(self.model):
            raise self._unknown_model()
        self.name = f"server:{self.model}"
        if not self._context:
            self._context = self._listed_context(data)
        if self.config.chat_format and self.config.chat_format not in formats.FORMATS:
            raise ModelError(
                f"--llm-chat-format {self.config.chat_format!r} is not known: use one of "
                f"{', '.join(formats.FORMATS)}"
            )
        return self

    def _listed(self, model: str) -> bool:
        return model in self.offered or f"{model}:latest" in self.offered  # Ollama's tags

    def _unknown_model(self) -> ModelError:
        shown = ", ".join(self.offered[:20]) + (" …" if len(self.offered) > 20 else "")
        return ModelError(
            f"the server at {self.url} has no model {self.model!r}; it offers: {shown}. "
            "Pass one of those with --llm-model (or INTERBOT_LLM_MODEL)."
        )

    # --- tokens ---------------------------------------------------------------------------------

    @property
    def context_size(self) -> int:
        """The model's context in tokens: `--llm-context`, else what the server reports (vLLM's
        model list, llama-server's /props), else UNKNOWN_CONTEXT."""
        if not self._context:
            found = self._props_context()
            with self._lock:
                self._context = found or UNKNOWN_CONTEXT
        return self._context

    def count_tokens(self, text: str) -> int:
        """Tokens in `text` as the server's tokenizer counts them, or an estimate (about 3.5
        characters a token) when it has no tokenize endpoint. Never raises."""
        if not text:
            return 0
        cached = self._counts.get(text)
        if cached is not None:
            return cached
        count = self._server_count(text)
        if count is None:
            return estimate_tokens(text)
        with self._lock:
            if len(self._counts) >= COUNT_CACHE:
                self._counts.clear()
            self._counts[text] = count
        return count

    def _server_count(self, text: str) -> int | None:
        paths = TOKENIZE_PATHS if self._tokenize is None else (self._tokenize,)
        for path in paths:
            if not path:
                return None
            body = {"model": self.model, "input": text, "content": text, "prompt": text}
            try:
                reply = self.http.post_json(path, body, from_root=True)
            except ModelError:
                continue
            count = _token_count(reply)
            if count is not None:
                with self._lock:
                    self._tokenize = path
                return count
        with self._lock:
            self._tokenize = ""
        return None

    def _listed_context(self, data: list[Any]) -> int:
        for entry in data:
            if isinstance(entry, dict) and entry.get("id") == self.model:
                size = entry.get("max_model_len")  # vLLM
                if isinstance(size, int) and size > 0:
                    return size
        return 0

    def _props_context(self) -> int:
        try:
            props = self.http.get_json("/props", from_root=True)  # llama-server
        except ModelError:
            return 0
        if not isinstance(props, dict):
            return 0
        settings = props.get("default_generation_settings")
        for where in (settings, props):
            size = where.get("n_ctx") if isinstance(where, dict) else None
            if isinstance(size, int) and size > 0:
                return size
        return 0

    # --- chat -----------------------------------------------------------------------------------

    def chat(
        self,
        messages: list[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 256,
        temperature: float = 0.2,
        on_text: TextSink | None = None,
    ) -> str:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": formats.prepare(messages, self.chat_format),
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": True,
        }
        parts: list[str] = []
        attempt = 1
        while True:
            if schema is not None:
                body["response_format"] = self._response_format(schema)
            try:
                self._stream(body, parts, on_text)
                return "".join(parts)
            except ServerGone:
                if parts or attempt >= self.config.attempts:  # what was shown cannot be unsaid
                    raise
                self.http.sleep(self.config.backoff * 2 ** (attempt - 1))
                attempt += 1
            except ServerError as exc:
                if not self._schema_rejected(exc, body):
                    raise self._explained(exc) from None

    def _stream(self, body: dict[str, Any], parts: list[str], on_text: TextSink | None) -> None:
        for event in self.http.post_events("/chat/completions", body):
            choices = event.get("choices") if isinstance(event, dict) else None
            if not isinstance(choices, list):
                raise ModelError(
                    f"the server at {self.url} sent a chat reply without choices "
                    f"({str(event)[:120]!r}): is it an OpenAI-compatible server?"
                )
            if not choices:  # a usage-only chunk
                continue
            choice = choices[0] if isinstance(choices[0], dict) else {}
            piece = (choice.get("delta") or choice.get("message") or {}).get("content")
            if isinstance(piece, str) and piece:
                parts.append(piece)
                if on_text:
                    on_text(piece)

    def _response_format(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self._schema_style == "json_object":  # llama-cpp-python's server
            return {"type": "json_object", "schema": schema}
        return {"type": "json_schema", "json_schema": {"name": "reply", "schema": schema}}

    def _schema_rejected(self, exc: ServerError, body: dict[str, Any]) -> bool:
        """The OpenAI json_schema form refused as malformed (llama-cpp-python's server wants
        {"type": "json_object", "schema": …}): use that form from now on, and say to retry."""
        sent = body.get("response_format") or {}
        if sent.get("type") != "json_schema":
            return False
        said = exc.message.lower()
        about_it = "json_schema" in said or "response_format" in said
        if not (exc.status == 422 or (exc.status in (400, 500) and about_it)):
            return False
        with self._lock:
            self._schema_style = "json_object"
        return True

    def _explained(self, exc: ServerError) -> ModelError:
        """A server error, with the model list when it is about the model's name."""
        said = exc.message.lower()
        if (
            exc.status in (400, 404)
            and "model" in said
            and ("not found" in said or "exist" in said)
        ):
            return self._unknown_model() if self.offered else exc
        return exc

    # --- scoring choices ------------------------------------------------------------------------

    def choice_probabilities(
        self, messages: list[Message], choices: Sequence[str], *, prefix: str = ""
    ) -> list[float]:
        """Each choice's first-token probability after `prefix`, normalised over the choices.

        The prompt is rendered here with the model's chat template and sent to /completions
        for one token with its top log-probabilities. Whether the server gives them is found
        out on the first call and remembered: without them this raises ChoicesUnsupported.
        """
        if self._no_choices:
            raise ChoicesUnsupported(self._no_choices)
        if len(set(choices)) < len(choices):
            raise ModelError(f"choices {list(choices)} repeat")
        try:
            if self._render is None:
                self._render = formats.renderer(self.chat_format, self.model)
        except ChoicesUnsupported as exc:
            self._no_choices = str(exc)
            raise
        prompt = self._render(messages) + prefix
        for top in self._top_counts():
            body = {
                "model": self.model,
                "prompt": prompt,
                "max_tokens": 1,
                "temperature": 0,
                "logprobs": top,
            }
            try:
                reply = self.http.post_json("/completions", body)
            except ServerError as exc:
                if self._top is None and "logprob" in exc.message.lower():
                    continue  # too many asked for, or none at all: try fewer
                raise self._explained(exc) from None
            found = first_top_logprobs(reply)
            if found is None:
                if not isinstance(reply, dict) or not isinstance(reply.get("choices"), list):
                    raise ModelError(
                        f"the server at {self.url} answered /completions with "
                        f"{str(reply)[:120]!r}, not a completion: is it OpenAI-compatible?"
                    )
                break
            with self._lock:
                self._top = top
            return choice_shares(found, choices)
        with self._lock:
            self._top = 0
            self._no_choices = (
                f"the server at {self.url} gives no log-probabilities for {self.model}, so "
                "the JSON grader is used"
            )
        raise ChoicesUnsupported(self._no_choices)

    def _top_counts(self) -> tuple[int, ...]:
        return TOP_LOGPROBS if self._top is None else (self._top,)

    def scores_choices(self) -> bool:
        """Whether choices can be scored (asks the server once; for `doctor` and the status)."""
        try:
            self.choice_probabilities(
                [{"role": "user", "content": "Is water wet? Answer yes or no."}],
                [" yes", " no"],
                prefix="Answer:",
            )
        except ChoicesUnsupported:
            return False
        return True

    @property
    def choices_unsupported(self) -> str:
        """Why choices cannot be scored, once a call found out ("" while they can, or unknown)."""
        return self._no_choices

    def close(self) -> None:
        """Nothing to release: each request has its own connection."""


def _token_count(reply: Any) -> int | None:
    """The count in a tokenize reply: {"count": n} or {"tokens": [...]}; None for others."""
    if not isinstance(reply, dict):
        return None
    count = reply.get("count")
    if isinstance(count, int) and count >= 0:
        return count
    tokens = reply.get("tokens")
    return len(tokens) if isinstance(tokens, list) else None
