"""A one-line input that also takes a pasted multi-line text (a job ad) whole.

Textual's Input keeps only the first line of a paste. This one keeps all of it in `text` and
shows a short stand-in ("pasted: 42 lines, 2,310 characters"); typing over the stand-in goes
back to a plain one-line value, such as a file path.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class PastedInput(Input):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pasted = ""
        self._stand_in = ""

    @property
    def text(self) -> str:
        """The pasted text while its stand-in is shown, else the typed value."""
        return self._pasted if self._pasted and self.value == self._stand_in else self.value

    def set_text(self, text: str) -> None:
        """Show `text`: as is when it is one line, as a stand-in when it has several."""
        if "\n" in text.strip():
            self._pasted = text
            lines = len(text.strip().splitlines())
            self._stand_in = f"(pasted: {lines} lines, {len(text):,} characters)"
            self.value = self._stand_in
        else:
            self._pasted = self._stand_in = ""
            self.value = text

    def _on_paste(self, event: events.Paste) -> None:
        if "\n" in event.text.strip():
            event.prevent_default()  # Input's own handler would add the first line again
            event.stop()
            self.set_text(event.text)
            self.cursor_position = len(self.value)
