"""The model server (`--llm-url`): reachable, serving the model, giving log-probabilities, and
how long the first token takes. Only the address the user gave is contacted."""

from __future__ import annotations

import time

from interbot_tui.backends.llm.server import ServerChatModel, ServerConfig
from interbot_tui.core.ports import ModelError
from interbot_tui.doctor.check import Check, one_line

NO_LOGPROBS_FIX = (
    "answers are graded by the less reliable JSON grader; llama-cpp-python's server gives "
    "them with --logits_all true, llama-server and vLLM on /v1/completions"
)


class ServerProbe:
    """Connects once; both checks use that connection's answer."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self._model: ServerChatModel | None = None
        self._error = ""

    def model(self) -> ServerChatModel | None:
        if self._model is None and not self._error:
            try:
                self._model = ServerChatModel(self.config).connect()
            except ModelError as exc:
                self._error = one_line(exc)
        return self._model

    def check_server(self) -> Check:
        name = "model server"
        model = self.model()
        if model is None:
            detail, _, fix = self._error.partition(". ")
            return Check(name, False, detail, fix or "check --llm-url", optional=False)
        start = time.monotonic()
        first: list[float] = []
        try:
            model.chat(
                [{"role": "user", "content": "Say OK."}],
                max_tokens=4,
                temperature=0,
                on_text=lambda piece: first.append(time.monotonic()) if not first else None,
            )
        except ModelError as exc:
            detail, _, fix = one_line(exc).partition(". ")
            return Check(name, False, f"{model.name} is listed, but {detail}", fix, optional=False)
        seconds = (first[0] if first else time.monotonic()) - start
        return Check(
            name,
            True,
            f"{model.name} at {model.url}; first token in {seconds:.2f} s",
            optional=False,
        )

    def check_logprobs(self) -> Check:
        name = "server log-probabilities"
        model = self.model()
        if model is None:
            return Check(name, False, "the server is not reachable", "see the model server above")
        try:
            if model.scores_choices():
                return Check(name, True, "available: answers are graded by the probe grader")
        except ModelError as exc:
            return Check(name, False, one_line(exc), NO_LOGPROBS_FIX)
        return Check(name, False, one_line(model.choices_unsupported), NO_LOGPROBS_FIX)
