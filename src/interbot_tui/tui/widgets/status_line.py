"""The bottom status line: active back-ends, and a spinner while something slow runs."""

from __future__ import annotations

import time

from rich.text import Text
from textual.widgets import Static

_SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, backends: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.backends = backends
        self.busy: str = ""
        self._since = 0.0
        self._frame = 0

    def on_mount(self) -> None:
        self.set_interval(0.2, self._tick)
        if hasattr(self.app, "backends"):  # the app's summary of the model and devices
            self.watch(self.app, "backends", self.set_backends)
        self._redraw()

    def set_busy(self, what: str) -> None:
        """Show `what` with a spinner and elapsed time; '' clears it."""
        self.busy = what
        self._since = time.monotonic()
        self._redraw()

    def set_backends(self, backends: str) -> None:
        self.backends = backends
        self._redraw()

    def _tick(self) -> None:
        if self.busy:
            self._frame = (self._frame + 1) % len(_SPINNER)
            self._redraw()

    def _redraw(self) -> None:
        line = Text(self.backends)
        if self.busy:
            line.append(
                f"   {_SPINNER[self._frame]} {self.busy} {time.monotonic() - self._since:.0f}s",
                style="bold",
            )
        self.update(line)
