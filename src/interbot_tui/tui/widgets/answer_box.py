"""The answer box: Enter sends, Ctrl+J (or Shift+Enter where the terminal supports it) breaks a line."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea


class AnswerBox(TextArea):
    DEFAULT_CSS = """
    AnswerBox { height: 5; border: round $success; }
    AnswerBox:disabled { border: round $panel; }
    """

    class Submitted(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, **kwargs: object) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, **kwargs)  # type: ignore[arg-type]
        self.border_title = "Your answer — Enter sends · Ctrl+J new line"

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            text = self.text.strip()
            if text:
                self.clear()
                self.post_message(self.Submitted(text))
            return
        if event.key in ("ctrl+j", "shift+enter"):
            event.prevent_default()
            event.stop()
            self.insert("\n")
            return
        await super()._on_key(event)
