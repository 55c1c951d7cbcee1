"""The interviewer's voice with a fake synthesiser and a fake device: order, streaming, stop,
mute, errors and timing."""

from __future__ import annotations

import time

import pytest

from interbot_tui.backends.tts.base import Samples
from interbot_tui.backends.tts.speaker import Speaker, SpeakerCallbacks
from tests.fakes.tts import CountingSynth, SlowOutput


def make(
    delay: float = 0.0, step: float = 0.0
) -> tuple[Speaker, CountingSynth, SlowOutput, list[bool], list[str]]:
    states: list[bool] = []
    errors: list[str] = []
    synth, output = CountingSynth(delay), SlowOutput(step)
    speaker = Speaker(synth, output, SpeakerCallbacks(states.append, errors.append))
    return speaker, synth, output, states, errors


def test_lines_are_spoken_sentence_by_sentence_in_order() -> None:
    speaker, synth, output, states, _ = make()
    speaker.say("Hi, I'm your interviewer today. We'll go through two questions.")
    speaker.say("What is a B-tree index?")
    assert speaker.idle()
    assert synth.texts == [
        "Hi, I'm your interviewer today.",
        "We'll go through two questions.",
        "What is a B-tree index?",
    ]
    assert output.played == [len(t) for t in synth.texts]
    assert states[0] is True and states[-1] is False
    speaker.close()


def test_a_streamed_reply_starts_before_it_is_complete() -> None:
    speaker, synth, _, _, _ = make()
    speaker.feed("Good answer: you named the B-tree. ")
    speaker.feed("You missed that wri")
    assert speaker.idle()
    assert synth.texts == ["Good answer: you named the B-tree."]  # spoken while generating
    speaker.feed("tes get slower.")
    speaker.end_reply()
    assert speaker.idle()
    assert synth.texts[-1] == "You missed that writes get slower."
    speaker.close()


def test_stop_cuts_the_current_sentence_and_drops_the_queue() -> None:
    speaker, synth, output, states, _ = make(step=0.01)
    speaker.say("This first sentence takes a while to play out loud. " + "More words here. " * 5)
    time.sleep(0.1)
    speaker.stop()
    assert speaker.idle(timeout=2)
    assert len(output.played) == 1 and output.played[0] < len(synth.texts[0])
    assert states[-1] is False
    speaker.say("After a stop, new lines are spoken again.")
    assert speaker.idle(timeout=5)
    assert synth.texts[-1] == "After a stop, new lines are spoken again."
    speaker.close()


def test_mute_silences_now_and_later_until_unmuted() -> None:
    speaker, synth, output, _, _ = make(step=0.005)
    speaker.say("A long first line that is playing when the user mutes the interviewer.")
    time.sleep(0.05)
    speaker.set_muted(True)
    speaker.say("Nobody hears this.")
    assert speaker.idle(timeout=2)
    assert "Nobody hears this." not in synth.texts
    assert output.played[0] < len(synth.texts[0])
    speaker.set_muted(False)
    speaker.say("Back again.")
    assert speaker.idle(timeout=2)
    assert synth.texts[-1] == "Back again."
    speaker.close()


def test_a_failing_device_turns_speech_off_with_one_error() -> None:
    class BrokenOutput(SlowOutput):
        def play(self, samples: Samples, rate: int) -> bool:
            raise RuntimeError("the audio output failed: device unplugged")

    errors: list[str] = []
    speaker = Speaker(CountingSynth(), BrokenOutput(), SpeakerCallbacks(error=errors.append))
    speaker.say("One. Two words. Three more words.")
    assert speaker.idle()
    assert errors == ["the audio output failed: device unplugged"]
    assert speaker.muted
    speaker.close()


def test_time_to_first_audio_is_measured_from_mark() -> None:
    speaker, _, _, _, _ = make(delay=0.05)
    speaker.mark()
    speaker.say("Hello there, candidate.")
    assert speaker.idle()
    ttfa = speaker.timing.time_to_first_audio
    assert ttfa is not None and ttfa >= 0.05  # it includes the synthesis of the first sentence
    assert speaker.timing.sentences == 1
    speaker.close()


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_nothing_to_say_plays_nothing(text: str) -> None:
    speaker, synth, output, states, _ = make()
    speaker.say(text)
    assert speaker.idle()
    assert synth.texts == [] and output.played == [] and states == []
    speaker.close()


def test_the_language_and_the_name_go_through_the_speaker() -> None:
    speaker, synth, _output, _states, _errors = make()
    speaker.set_language("es")
    assert synth.languages == ["es"]
    assert speaker.name == synth.name == "fake"
    speaker.close()
