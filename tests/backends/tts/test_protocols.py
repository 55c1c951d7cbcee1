"""The real text-to-speech back-ends and their fakes provide what `tts/base.py` asks for."""

from __future__ import annotations

import pytest

from interbot_tui.backends.tts.base import SoundOutput, Synthesizer
from interbot_tui.backends.tts.espeak import Pyttsx3Synthesizer
from interbot_tui.backends.tts.sound_output import SoundDeviceOutput
from tests.fakes.conformance import case_id, missing
from tests.fakes.tts import CountingSynth, SlowOutput


@pytest.mark.parametrize(
    ("candidate", "protocol"),
    [
        (Pyttsx3Synthesizer, Synthesizer),
        (CountingSynth(), Synthesizer),
        (SoundDeviceOutput, SoundOutput),
        (SlowOutput(), SoundOutput),
    ],
    ids=case_id,
)
def test_satisfies_the_protocol(candidate: object, protocol: type) -> None:
    assert missing(candidate, protocol) == []


def test_a_synthesizer_without_languages_does_not() -> None:
    class EnglishOnly:
        name = "en"
        sample_rate = 16000

        def synthesize(self, text: str) -> object: ...

    assert missing(EnglishOnly(), Synthesizer) == ["set_language(): missing"]
