"""Messages that carry work done in threads back to the UI thread."""

from __future__ import annotations

from textual.message import Message

from interbot_tui.core.interview.events import Event
from interbot_tui.core.ports import ChatModel


class EngineEvent(Message):
    """An interview engine event, posted from the engine's worker thread."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event


class ModelReady(Message):
    def __init__(self, model: ChatModel, seconds: float) -> None:
        super().__init__()
        self.model = model
        self.seconds = seconds


class ModelFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class Voice(Message):
    """Something from the voice pipeline (audio or speech-recognition thread).

    kind: ready (payload: model name) | failed (reason) | level (dBFS) | started |
    partial (text so far) | final (Transcript) | error (message)
    """

    def __init__(self, kind: str, payload: object = None) -> None:
        super().__init__()
        self.kind = kind
        self.payload = payload


class Speech(Message):
    """Something from the interviewer's voice (speaker thread).

    kind: ready (payload: voice name) | failed (reason) | speaking (bool) | error (message)
    """

    def __init__(self, kind: str, payload: object = None) -> None:
        super().__init__()
        self.kind = kind
        self.payload = payload


class Camera(Message):
    """Something from the camera thread.

    kind: ready (payload: source) | failed (reason) | reading (smoothed Reading) |
    ended (reason, or None at the end of a video file)
    """

    def __init__(self, kind: str, payload: object = None) -> None:
        super().__init__()
        self.kind = kind
        self.payload = payload
