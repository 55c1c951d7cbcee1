"""The real speech-to-text back-ends and their fakes provide what `stt/base.py` asks for."""

from __future__ import annotations

import pytest

from interbot_tui.backends.stt.base import AudioSource, SpeechToText, VoiceDetector
from interbot_tui.backends.stt.microphone import Microphone
from interbot_tui.backends.stt.playback_feed import FileMicrophone
from interbot_tui.backends.stt.vad import EnergyVad, SileroVad
from interbot_tui.backends.stt.whisper import WhisperSpeechToText
from tests.fakes.conformance import case_id, missing
from tests.fakes.stt import LoudIsHello, ToneSpeechToText


@pytest.mark.parametrize(
    ("candidate", "protocol"),
    [
        (WhisperSpeechToText, SpeechToText),
        (ToneSpeechToText(), SpeechToText),
        (LoudIsHello(), SpeechToText),
        (SileroVad, VoiceDetector),
        (EnergyVad(), VoiceDetector),
        (Microphone, AudioSource),
        (FileMicrophone, AudioSource),
    ],
    ids=case_id,
)
def test_satisfies_the_protocol(candidate: object, protocol: type) -> None:
    assert missing(candidate, protocol) == []


def test_the_check_notices_a_wrong_transcriber() -> None:
    class NoWords:
        name = "no-words"

        def transcribe(self, samples: object, *, prompt: str = "") -> None: ...

    problems = missing(NoWords(), SpeechToText)
    assert "transcribe(): has no argument 'words'" in problems
    assert missing(object(), VoiceDetector) == [
        "name: missing",
        "__call__(): missing",
        "reset(): missing",
    ]
