"""One line about the camera: face in frame or not, and the smoothed expression with a bar.

Hidden while the camera is off. The wording says "reads as": a small model's approximate reading
of how the face comes across on camera, not what anyone feels.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from interbot_tui.core.vision.expression import ADJECTIVE, Reading


def bar(share: float, width: int = 10) -> str:
    filled = round(min(1.0, max(0.0, share)) * width)
    return "█" * filled + "░" * (width - filled)


class CameraPanel(Static):
    DEFAULT_CSS = """
    CameraPanel { height: auto; max-height: 2; padding: 0 1; background: $boost; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.state = "off"
        self.face: bool | None = None
        self.expression: str | None = None
        self.share = 0.0
        self.display = False

    def set_state(self, state: str) -> None:
        """off | loading | on | stopped (it failed mid-use): hidden when off."""
        self.state = state
        self.display = state != "off"
        if state != "on":
            self.face, self.expression = None, None
        self._redraw()

    def set_reading(self, reading: Reading) -> None:
        """A smoothed reading (at most ~5 a second, on the UI thread)."""
        if self.state != "on":
            return
        self.face = reading.face
        self.expression = reading.expression
        probabilities = reading.probabilities or {}
        self.share = probabilities.get(self.expression, 0.0) if self.expression else 0.0
        self._redraw()

    def _redraw(self) -> None:
        line = Text("📷 ", style="bold")
        if self.state == "loading":
            line.append("starting the camera…", style="dim")
        elif self.state == "stopped":
            line.append("camera stopped", style="yellow")
            line.append(" · the interview goes on without expression readings", style="dim")
        elif self.face is None:
            line.append("camera on · waiting for the first frame", style="dim")
        elif not self.face:
            line.append("no face in frame", style="yellow")
            line.append(" · sit facing the camera", style="dim")
        else:
            line.append("face in frame", style="green")
            if self.expression:
                line.append(f" · reads as {ADJECTIVE[self.expression]} ")
                line.append(bar(self.share), style="cyan")
                line.append(f" {self.share:.0%}", style="dim")
        self.update(line)
