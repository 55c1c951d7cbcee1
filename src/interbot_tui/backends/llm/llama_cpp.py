"""The ChatModel port on llama-cpp-python: a local GGUF model, streamed, schema-constrained."""

from __future__ import annotations

import contextlib
import ctypes
import io
import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from interbot_tui.backends.llm.model_file import ModelFile
from interbot_tui.core.ports import ChoicesUnsupported, Message, ModelError, TextSink

log = logging.getLogger("interbot.llama")

# Chat formats whose templates drop system messages; their system prompt is folded into the
# first user turn so the rules (and the fence around the candidate's answer) are never lost.
NO_SYSTEM_ROLE = frozenset({"gemma"})


def fold_system(messages: list[Message]) -> list[Message]:
    """Merge system messages into the first user message."""
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if system and rest and rest[0]["role"] == "user":
        rest[0]["content"] = f"{system}\n\n{rest[0]['content']}"
    elif system:
        rest.insert(0, {"role": "user", "content": system})
    return rest


_log_callback: Any = None


def _quiet_llama_logs() -> None:
    """Route llama.cpp's C-level log lines to Python logging instead of the terminal.

    llama-cpp-python's own quiet mode (verbose=False) dup2()s /dev/null over fds 1 and 2 for the
    whole process while a model loads, which blanks a running TUI. We keep verbose=True (no fd
    games), replace its log callback, and swap only Python's sys.stderr around calls.
    """
    global _log_callback
    if _log_callback is not None:
        return
    import llama_cpp

    @llama_cpp.llama_log_callback  # type: ignore[untyped-decorator]
    def callback(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        if level == 3:  # GGML_LOG_LEVEL_ERROR
            log.error(text.decode("utf-8", "replace").rstrip())

    _log_callback = callback  # keep a reference: C holds only a pointer
    llama_cpp.llama_log_set(callback, ctypes.c_void_p(0))


class LlamaCppChatModel:
    """One loaded GGUF. Calls are serialised: llama.cpp contexts are not thread-safe.

    The system prompt always comes first, so llama.cpp re-uses the evaluated prefix between
    calls (measured: time to first token 2.7 s -> 0.27 s on the default model).
    """

    def __init__(
        self,
        path: Path,
        *,
        name: str = "",
        chat_format: str = "",
        n_ctx: int = 4096,
        n_threads: int | None = None,
    ) -> None:
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # pragma: no cover - llama-cpp-python is a core dependency
            raise ModelError(
                "llama-cpp-python is not installed: run `make run` (or pip install llama-cpp-python)"
            ) from exc
        self.name = name or path.stem
        self.path = path
        self.fold_system = chat_format in NO_SYSTEM_ROLE
        self._lock = threading.Lock()
        self._closed = False  # set by close(): calls in progress stop at their next token
        _quiet_llama_logs()
        self._file = ModelFile(path)  # as it is before loading: a change while loading counts
        start = time.monotonic()
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                self._llm = Llama(
                    model_path=str(path),
                    n_ctx=n_ctx,
                    n_threads=n_threads or os.cpu_count() or 2,
                    chat_format=chat_format or None,
                    verbose=True,  # see _quiet_llama_logs
                    # Weights copied into memory, not mapped from the file: a model file
                    # overwritten or truncated in place while we run would otherwise change the
                    # weights under us or crash the process (SIGBUS). See model_file.py.
                    use_mmap=False,
                )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ModelError(
                f"could not load the model file {path}: {exc}. It may be truncated or not a GGUF "
                f"file: run `interbot models verify`, then `interbot models install NAME --force`."
            ) from exc
        self.load_seconds = time.monotonic() - start
        self.context_size = int(self._llm.n_ctx())  # TokenCounter: the n_ctx it was opened with
        self._abort: Any = None  # the abort callback, installed by close() (see _stop_decoding)
        self._formatter: Callable[[list[Message]], str] | None = None

    def file_change(self) -> str | None:
        """FileBacked: whether the model file was removed or replaced since it was loaded."""
        return self._file.change()

    def count_tokens(self, text: str) -> int:
        """How many tokens `text` is for this model (TokenCounter). Takes the model's lock: do
        not call it from an `on_text` callback of `chat`, which holds it."""
        with self._lock:
            self._check_open()
            return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def chat(
        self,
        messages: list[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 256,
        temperature: float = 0.2,
        on_text: TextSink | None = None,
    ) -> str:
        kwargs: dict[str, Any] = {
            "messages": fold_system(messages) if self.fold_system else messages,
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": True,
        }
        if schema is not None:
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        parts: list[str] = []
        with self._lock, contextlib.redirect_stderr(io.StringIO()):
            self._check_open()
            try:
                chunks: Any = self._llm.create_chat_completion(**kwargs)
                for chunk in chunks:
                    self._check_open()
                    delta = chunk["choices"][0]["delta"].get("content")
                    if isinstance(delta, str) and delta:
                        parts.append(delta)
                        if on_text:
                            on_text(delta)
            except ModelError:
                raise
            except (ValueError, RuntimeError) as exc:
                self._check_open()  # stopped by close() (llama_decode aborted)
                raise ModelError(f"the model failed while generating: {exc}") from exc
        return "".join(parts)

    def choice_probabilities(
        self, messages: list[Message], choices: Sequence[str], *, prefix: str = ""
    ) -> list[float]:
        """How likely the reply (after `prefix`) starts with each choice, normalised over them.

        Only each choice's first token counts. The prompt is evaluated incrementally: the
        longest prefix already in llama.cpp's cache is kept, so several calls that share a long
        start (the rubric, the question and the answer, then one short probe each) cost only
        their own few tokens.
        """
        import numpy as np

        llm = self._llm
        prompt = self._format_prompt(fold_system(messages) if self.fold_system else messages)
        prompt += prefix
        with self._lock, contextlib.redirect_stderr(io.StringIO()):
            self._check_open()
            try:
                ids = [self._first_token(choice) for choice in choices]
                if len(set(ids)) < len(ids):
                    raise ModelError(f"choices {list(choices)} share a first token")
                tokens = llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)
                if len(tokens) >= llm.n_ctx():
                    raise ModelError(
                        f"the prompt is {len(tokens)} tokens, more than the model's context "
                        f"of {llm.n_ctx()}"
                    )
                cached = 0
                limit = min(llm.n_tokens, len(tokens) - 1)  # re-evaluate at least one token
                while cached < limit and llm.input_ids[cached] == tokens[cached]:
                    cached += 1
                llm.n_tokens = cached
                llm.eval(tokens[cached:])
                ctx: Any = llm._ctx
                logits = np.ctypeslib.as_array(ctx.get_logits(), shape=(llm.n_vocab(),))
                picked = logits[ids].astype("float64")
            except ModelError:
                raise
            except (ValueError, RuntimeError) as exc:
                self._check_open()  # stopped by close() (llama_decode aborted)
                raise ModelError(f"the model failed while scoring choices: {exc}") from exc
        picked -= picked.max()
        weights = np.exp(picked)
        return [float(w) for w in weights / weights.sum()]

    def close(self, timeout: float = 10.0) -> None:
        """Stop using the model: new calls fail, a call in progress stops at its next token (a
        prompt evaluation after its current batch). Waits (up to `timeout`) for that call to
        end, so the process can exit while no thread is inside llama.cpp (exiting during a call
        crashes the interpreter)."""
        self._closed = True
        if self._lock.acquire(blocking=False):  # nothing in progress
            self._lock.release()
            return
        if self._abort is None:
            self._abort = _stop_decoding(self._llm)
        if self._lock.acquire(timeout=timeout):
            self._lock.release()

    def _check_open(self) -> None:
        if self._closed:
            raise ModelError("the model was closed")

    def _first_token(self, choice: str) -> int:
        ids = self._llm.tokenize(choice.encode("utf-8"), add_bos=False, special=False)
        if not ids:
            raise ModelError(f"choice {choice!r} has no tokens")
        return int(ids[0])

    def _format_prompt(self, messages: list[Message]) -> str:
        """The prompt text the chat template makes of `messages`, ending where the reply starts."""
        if self._formatter is None:
            self._formatter = _prompt_formatter(self._llm)
        return self._formatter(messages)


def _stop_decoding(llm: Any) -> Any:
    """Make llama.cpp abort its next decode step: a long prompt (2,000 tokens take about 20 s
    to read on 2 cores, more than close() waits) then stops after the batch of up to 512
    tokens in progress, and no thread is left inside llama.cpp when the process exits.

    Installed only when closing: a callback into Python on every step of every decode would
    take the GIL each time, measured 40 % slower decoding beside a busy Python thread. Returns
    the callback, which must be kept alive (ctypes does not keep it)."""
    from llama_cpp import llama_cpp

    context = getattr(getattr(llm, "_ctx", None), "ctx", None)
    if context is None:
        return None
    callback = llama_cpp.ggml_abort_callback(lambda _data: True)
    llama_cpp.llama_set_abort_callback(context, callback, None)
    return callback


def _prompt_formatter(llm: Any) -> Callable[[list[Message]], str]:
    """The same chat template `create_chat_completion` uses, as messages -> prompt text."""
    from llama_cpp import llama_chat_format

    name = llm.chat_format or ""
    key = "tokenizer.chat_template" + ("" if name == "chat_template.default" else f".{name}")
    template = llm.metadata.get(key)
    formatter: Any
    if template:
        model = llm._model
        eos_id, bos_id = llm.token_eos(), llm.token_bos()
        formatter = llama_chat_format.Jinja2ChatFormatter(
            template=template,
            eos_token=model.token_get_text(eos_id) if eos_id != -1 else "",
            bos_token=model.token_get_text(bos_id) if bos_id != -1 else "",
        )
    else:
        formatter = _named_formats().get(name)
        if formatter is None:
            raise ChoicesUnsupported(f"scoring choices is not supported for chat format {name!r}")

    def render(messages: list[Message]) -> str:
        return str(formatter(messages=messages).prompt)

    return render


def _named_formats() -> dict[str, Any]:
    from llama_cpp import llama_chat_format as f

    return {"gemma": f.format_gemma, "chatml": f.format_chatml, "qwen": f.format_qwen}
