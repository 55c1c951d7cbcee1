"""Messages: work done in threads back to the UI thread, and screens asking the app to navigate.

Each outcome has its own class. Device messages are posted to the app from the device's thread;
the app updates its state and passes the same message on to the screen on top, which handles
the ones it shows (they never bubble back). Navigation messages bubble from a screen to the app,
which owns the screens, so no screen imports another.
"""

from __future__ import annotations

from textual.message import Message

from interbot_tui.core.interview.events import Event
from interbot_tui.core.ports import ChatModel
from interbot_tui.core.profile import Profile
from interbot_tui.core.reporting.report import Report
from interbot_tui.core.speech.transcript import Transcript
from interbot_tui.core.vision.expression import Reading
from interbot_tui.session.launch import NEW_INTERVIEW, Launch

# --- the interview session (its thread) ---------------------------------------------------------


class EngineEvent(Message):
    """An interview engine event, posted from the session's thread."""

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event


class SessionFailed(Message):
    """An engine action raised; the interview can go on."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


class SessionNotice(Message):
    """Something the candidate should know (no history, a recording not kept…)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


# --- devices: posted to the app, passed on to the screen on top ----------------------------------


class DeviceMessage(Message, bubble=False):
    """From the model, microphone, speaker or camera thread."""


class ModelReady(DeviceMessage, bubble=False):
    def __init__(self, model: ChatModel, seconds: float, json_grading: str = "") -> None:
        super().__init__()
        self.model = model
        self.seconds = seconds
        self.json_grading = json_grading  # why the JSON grader is used; "" for the probes


class ModelFailed(DeviceMessage, bubble=False):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class VoiceReady(DeviceMessage, bubble=False):
    def __init__(self, stt_name: str) -> None:
        super().__init__()
        self.stt_name = stt_name


class VoiceFailed(DeviceMessage, bubble=False):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class VoiceLevel(DeviceMessage, bubble=False):
    def __init__(self, dbfs: float) -> None:
        super().__init__()
        self.dbfs = dbfs


class VoiceStarted(DeviceMessage, bubble=False):
    """The microphone heard the candidate start talking."""


class VoicePartial(DeviceMessage, bubble=False):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class VoiceFinal(DeviceMessage, bubble=False):
    def __init__(self, transcript: Transcript) -> None:
        super().__init__()
        self.transcript = transcript


class VoiceWarning(DeviceMessage, bubble=False):
    """A recoverable problem with one answer (the device stays on)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class VoiceLost(DeviceMessage, bubble=False):
    """The microphone stopped mid-use: voice input is off; `heard` is the answer said so far."""

    def __init__(self, reason: str, heard: str) -> None:
        super().__init__()
        self.reason = reason
        self.heard = heard


class SpeechReady(DeviceMessage, bubble=False):
    def __init__(self, voice: str) -> None:
        super().__init__()
        self.voice = voice


class SpeechFailed(DeviceMessage, bubble=False):
    """The interviewer's voice could not start, or its device failed: text only from now."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class Speaking(DeviceMessage, bubble=False):
    def __init__(self, on: bool) -> None:
        super().__init__()
        self.on = on


class CameraReady(DeviceMessage, bubble=False):
    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source


class CameraFailed(DeviceMessage, bubble=False):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class CameraReading(DeviceMessage, bubble=False):
    def __init__(self, reading: Reading) -> None:
        super().__init__()
        self.reading = reading


class CameraEnded(DeviceMessage, bubble=False):
    """The camera stopped: `reason` says why, None at the end of a video file."""

    def __init__(self, reason: str | None) -> None:
        super().__init__()
        self.reason = reason


# --- navigation: screens ask, the app moves --------------------------------------------------


class StartInterview(Message):
    """Start an interview; `launch` makes it a retry, a practice or a resumed session."""

    def __init__(self, profile: Profile, launch: Launch = NEW_INTERVIEW) -> None:
        super().__init__()
        self.profile = profile
        self.launch = launch


class RetryQuestion(Message):
    """Answer question `number` of a past session again."""

    def __init__(self, session_id: int, number: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.number = number


class ShowReport(Message):
    def __init__(self, report: Report, session_id: int | None) -> None:
        super().__init__()
        self.report = report
        self.session_id = session_id


class OpenHistory(Message):
    pass


class OpenProgress(Message):
    """Scores over time, trends and weak areas, from setup or history."""


class OpenSession(Message):
    """Show a past session's report, rebuilt from history."""

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self.session_id = session_id


class OpenCompare(Message):
    """Compare every attempt at question `number` of session `session_id`, side by side."""

    def __init__(self, session_id: int, number: int) -> None:
        super().__init__()
        self.session_id = session_id
        self.number = number


class NewInterview(Message):
    pass


class GoBack(Message):
    pass
