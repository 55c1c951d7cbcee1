"""One line about voice input: state, a level meter, and the words heard so far."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

_BARS = " ▁▂▃▄▅▆▇█"


def meter(db: float, width: int = 8) -> str:
    """-60 dBFS (quiet room) … -10 dBFS (loud voice) as a row of rising bars."""
    level = min(1.0, max(0.0, (db + 60) / 50))
    filled = level * width
    return "".join(
        _BARS[min(8, max(0, round((filled - i) * 8)))] if filled > i else _BARS[0]
        for i in range(width)
    )


class MicPanel(Static):
    DEFAULT_CSS = """
    MicPanel { height: auto; max-height: 4; padding: 0 1; background: $boost; }
    MicPanel.-off { color: $text-muted; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.state = "off"
        self.detail = ""
        self.db = -100.0
        self.heard = ""

    def set_state(self, state: str, detail: str = "") -> None:
        """off | loading | waiting | listening | hearing | transcribing | recording."""
        self.state, self.detail = state, detail
        if state in ("off", "loading", "waiting", "listening"):
            self.heard = ""
        self.set_class(state == "off", "-off")
        self._redraw()

    def set_level(self, db: float) -> None:
        self.db = db
        if self.state in ("listening", "hearing", "recording"):
            self._redraw()

    def set_heard(self, text: str) -> None:
        self.heard = text
        self._redraw()

    def _redraw(self) -> None:
        line = Text()
        if self.state in ("listening", "hearing", "recording"):
            line.append("🎤 ", style="bold")
            line.append(meter(self.db), style="green" if self.db > -45 else "dim green")
            line.append(" ")
        label = {
            "off": "voice off",
            "loading": "loading speech recognition…",
            "waiting": "voice ready",
            "listening": "listening — speak your answer",
            "hearing": "hearing you",
            "transcribing": "finishing the transcript…",
            "recording": "recording — F4 to stop",
        }.get(self.state, self.state)
        line.append(label, style="bold" if self.state in ("hearing", "recording") else "")
        if self.detail:
            line.append(f" · {self.detail}", style="dim")
        if self.heard:
            line.append("\n")
            line.append(self.heard, style="italic")
        self.update(line)
