"""The Textual app: loads the model in a worker at start, then setup → interview → report."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from interbot_tui.core.banks import Bank, load_banks
from interbot_tui.core.ports import ChatModel, ModelError
from interbot_tui.store.sessions import Store
from interbot_tui.tui.messages import ModelFailed, ModelReady
from interbot_tui.tui.screens.setup import SetupScreen

ModelFactory = Callable[[], ChatModel]


class InterbotApp(App[None]):
    TITLE = "interbot"
    SUB_TITLE = "private interview coach"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(
        self,
        *,
        store: Store,
        banks_dir: Path,
        models_dir: Path | None = None,
        model_spec: str | None = None,
        model_factory: ModelFactory | None = None,
        text_only: bool = False,
        seed: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.banks_dir = banks_dir
        self.models_dir = models_dir
        self.model_spec = model_spec
        self.model_factory = model_factory
        self.text_only = text_only
        self.seed = seed
        self.banks: list[Bank] = []
        self.model: ChatModel | None = None
        self.model_error = ""
        self.model_loading = True

    async def action_quit(self) -> None:
        """The quit key ends a running interview with its report first; elsewhere it quits."""
        finish = getattr(self.screen, "finish_interview", None)
        if finish is not None and finish():
            return
        self.exit()

    def on_mount(self) -> None:
        self.banks, errors = load_banks(self.banks_dir)
        for error in errors:
            self.notify(str(error), title="Question bank problem", severity="warning", timeout=10)
        self.push_screen(SetupScreen())
        self.load_model()

    @work(thread=True, exclusive=True, group="model", exit_on_error=False)
    def load_model(self) -> None:
        """Load the model while the user fills in the setup form."""
        start = time.monotonic()
        if self.model_factory is not None:
            model = self.model_factory()
        else:
            from interbot_tui.backends.llm_factory import load_chat_model

            model = load_chat_model(self.model_spec, self.models_dir or Path("models"))
        self.post_message(ModelReady(model, time.monotonic() - start))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "model" and event.state is WorkerState.ERROR:
            error = event.worker.error
            message = (
                str(error) if isinstance(error, ModelError) else f"{type(error).__name__}: {error}"
            )
            self.post_message(ModelFailed(message))

    def on_model_ready(self, message: ModelReady) -> None:
        self.model, self.model_loading = message.model, False
        self.refresh(repaint=True, layout=True)
        self._tell_screens()

    def on_model_failed(self, message: ModelFailed) -> None:
        self.model_error, self.model_loading = message.error, False
        self.notify(message.error, title="Model not available", severity="error", timeout=30)
        self._tell_screens()

    def _tell_screens(self) -> None:
        for screen in self.screen_stack:
            handler = getattr(screen, "model_changed", None)
            if handler:
                handler()

    @property
    def model_name(self) -> str:
        return getattr(self.model, "name", "") or (self.model_spec or "default model")

    def backends_summary(self) -> str:
        if self.model is not None:
            llm = f"LLM {self.model_name}"
        elif self.model_loading:
            llm = "LLM loading"
        else:
            llm = "LLM unavailable"
        senses = "text only (--text)" if self.text_only else "keyboard · speech off · camera off"
        return f"{llm} · {senses}"
