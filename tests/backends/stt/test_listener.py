"""The streaming listener: partial text while speaking, commits at pauses, one final per answer.

No Whisper here: `ToneSpeechToText` (tests/fakes/stt.py) "hears" sine tones, one frequency per
word, so the text returned says exactly which stretch of audio the listener handed over. The loudness
detector (`EnergyVad`) calls a loud tone speech and digital silence silence, deterministically.

The listener's worker thread races the feeding thread, so the tests only assert what the audio
alone decides (commit boundaries, the end of an answer), and wait for callbacks with a timeout.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import numpy as np
import pytest

from interbot_tui.backends.stt.listener import Callbacks, Listener
from interbot_tui.backends.stt.playback_feed import blocks, play
from interbot_tui.backends.stt.vad import FRAME, EnergyVad, level_db
from interbot_tui.core.speech.transcript import SAMPLE_RATE, Transcript
from tests.fakes.stt import (
    AMPLITUDE,
    WAIT_S,
    ToneSpeechToText,
    heard_words,
    silence,
    tone,
)


@dataclass
class Seen:
    """Everything the listener called back, thread-safely appended."""

    levels: list[float] = field(default_factory=list)
    started: int = 0
    partials: list[str] = field(default_factory=list)
    finals: list[Transcript] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def callbacks(self) -> Callbacks:
        def started() -> None:
            self.started += 1

        return Callbacks(
            level=self.levels.append,
            speech_started=started,
            partial=self.partials.append,
            final=self.finals.append,
            error=self.errors.append,
        )


def wait_for(condition: Callable[[], bool], timeout: float = WAIT_S) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.002)
    return condition()


def make(
    stt: ToneSpeechToText | None = None, *, silence_s: float = 1.0, hands_free: bool = True
) -> tuple[Listener, ToneSpeechToText, Seen]:
    stt = stt or ToneSpeechToText()
    seen = Seen()
    listener = Listener(
        stt, EnergyVad(), seen.callbacks(), silence_s=silence_s, hands_free=hands_free
    )
    return listener, stt, seen


@pytest.fixture
def closing() -> Any:
    made: list[Listener] = []
    yield made.append
    for listener in made:
        listener.close()


def feed(listener: Listener, *parts: np.ndarray) -> None:
    play(np.concatenate(parts), listener.feed, realtime=False, trailing_silence_s=0.0)


def test_hands_free_answer_ends_after_silence_with_one_final(closing: Any) -> None:
    listener, stt, seen = make(silence_s=1.0)
    closing(listener)
    listener.arm(terms=["B-tree", "PostgreSQL"])
    feed(
        listener,
        silence(0.5),
        tone("alpha", 0.6),
        silence(0.5),
        tone("bravo", 0.6),
        silence(0.5),
        tone("charlie", 0.6),
        silence(0.8),  # less than silence_s: the answer is not over yet
    )
    assert seen.started == 1
    assert listener.active and not seen.finals
    assert listener.timing.ended_at == 0.0

    feed(listener, silence(0.4))  # 1.2 s of silence in all
    assert wait_for(lambda: bool(seen.finals))
    time.sleep(0.05)  # a second final would come from the worker right after the first
    assert len(seen.finals) == 1
    final = seen.finals[0]
    assert final.text == "alpha bravo charlie"
    assert [w.text for w in final.words] == ["alpha", "bravo", "charlie"]
    starts = [w.start for w in final.words]
    assert starts == sorted(starts) and len(set(starts)) == 3
    assert not listener.active
    assert not seen.errors
    # The answer's audio runs from 0.3 s of pre-roll before the first tone to 0.15 s after the
    # last voiced frame: 0.2 s .. 3.45 s of the fed audio, to within a frame or two.
    assert final.duration_s == pytest.approx(3.25, abs=3 * FRAME / SAMPLE_RATE)
    assert listener.timing.speech_end_s == pytest.approx(final.duration_s)
    # The glossary reaches every Whisper call.
    assert stt.calls and all(c.hotwords == "B-tree PostgreSQL" for c in stt.calls)
    assert all("Glossary: B-tree, PostgreSQL." in c.prompt for c in stt.calls)
    assert all(c.language == "en" for c in stt.calls)

    # More audio after the end changes nothing until the listener is armed again.
    calls = len(stt.calls)
    feed(listener, tone("delta", 0.6), silence(1.5))
    assert len(seen.finals) == 1 and len(stt.calls) == calls


def test_pauses_commit_stretches_with_increasing_offsets(closing: Any) -> None:
    listener, stt, seen = make(silence_s=1.0)
    closing(listener)
    listener.arm()
    feed(
        listener,
        silence(0.5),
        tone("alpha", 0.6),
        silence(0.2),  # shorter than a breath (0.35 s): no commit here
        tone("bravo", 0.6),
        silence(0.5),  # a pause: commit "alpha bravo"
        tone("charlie", 0.6),
        silence(0.6),  # a pause: commit "charlie"
        tone("delta", 0.6),
        silence(2.0),  # the end: commits "delta", then the final
    )
    assert wait_for(lambda: bool(seen.finals))
    commits = stt.commits
    assert [c.text for c in commits] == ["alpha bravo", "charlie", "delta"]
    assert commits[0].offset_s == 0.0
    for before, after in pairwise(commits):
        # Each commit starts exactly where the one before ended: no audio lost or repeated.
        assert after.offset_s == pytest.approx(before.offset_s + before.samples / SAMPLE_RATE)
    assert seen.finals[0].text == "alpha bravo charlie delta"
    assert [w.text for w in seen.finals[0].words] == ["alpha", "bravo", "charlie", "delta"]
    # Partial (word-less) calls, if the worker got to any, never ran past the commits.
    assert all(not c.words for c in stt.calls if c not in commits)


def test_partial_text_grows_while_speaking(closing: Any) -> None:
    listener, stt, seen = make(silence_s=1.0)
    closing(listener)
    listener.arm()
    feed(listener, silence(0.5))
    expected = ["alpha", "alpha bravo", "alpha bravo charlie"]
    for i, word in enumerate(["alpha", "bravo", "charlie"]):
        # Continuous speech: a partial job every second of it, each from the answer's start.
        feed(listener, tone(word, 1.0))
        assert wait_for(lambda n=i + 1: len(seen.partials) >= n), seen.partials
        assert seen.partials[i] == expected[i]
    assert not stt.commits and not seen.finals
    feed(listener, silence(1.5))
    assert wait_for(lambda: bool(seen.finals))
    assert seen.finals[0].text == "alpha bravo charlie"
    assert all(not c.words for c in stt.calls[:3])
    assert all(c.offset_s == 0.0 for c in stt.calls)  # no pause: one stretch from the start
    for shorter, longer in pairwise(seen.partials):
        assert longer.startswith(shorter)


def test_silence_alone_never_ends_a_hands_free_answer(closing: Any) -> None:
    listener, stt, seen = make(silence_s=0.5)
    closing(listener)
    listener.arm()
    click = tone("alpha", 0.1)  # shorter than min_speech_s: a click, not speech
    feed(listener, silence(2.0), click, silence(3.0))
    time.sleep(0.05)
    assert listener.active
    assert seen.started == 0 and not seen.finals and not seen.partials
    assert stt.calls == []


def test_push_to_talk_finish_gives_a_final_without_pauses(closing: Any) -> None:
    listener, stt, seen = make(hands_free=False)
    closing(listener)
    listener.keep_audio = True
    listener.arm(active=True)
    spoken = np.concatenate([tone("alpha", 0.5), tone("bravo", 0.5), tone("charlie", 0.5)])
    spoken = np.concatenate([spoken, np.zeros(100, np.float32)])  # not a whole frame
    feed(listener, spoken)
    assert seen.started == 1  # at once: push-to-talk records from the key press
    assert listener.active and not seen.finals

    listener.finish()
    assert wait_for(lambda: bool(seen.finals))
    assert len(seen.finals) == 1
    assert seen.finals[0].text == "alpha bravo charlie"
    assert len(stt.commits) == 1 and stt.commits[0].offset_s == 0.0  # the whole recording
    whole = len(spoken) - len(spoken) % FRAME  # the listener works in whole frames
    assert stt.commits[0].samples == whole
    assert seen.finals[0].duration_s == pytest.approx(whole / SAMPLE_RATE)
    np.testing.assert_array_equal(listener.last_audio, spoken[:whole])

    listener.finish()  # a second release does nothing
    time.sleep(0.02)
    assert len(seen.finals) == 1


def test_push_to_talk_ignores_silence_and_drops_the_silent_tail(closing: Any) -> None:
    listener, stt, seen = make(hands_free=False, silence_s=0.5)
    closing(listener)
    listener.arm(active=True)
    feed(listener, tone("alpha", 0.6), silence(3.0))
    assert listener.active and not seen.finals  # silence_s applies to hands-free only
    listener.finish()
    assert wait_for(lambda: bool(seen.finals))
    assert seen.finals[0].text == "alpha"
    # The pause committed "alpha" early; the 3 s of silence before the key was never sent to
    # Whisper: the answer ends 0.15 s after the last voiced frame.
    assert [c.text for c in stt.commits] == ["alpha"]
    assert seen.finals[0].duration_s == pytest.approx(0.75, abs=FRAME / SAMPLE_RATE)


def test_push_to_talk_finish_with_nothing_recorded_gives_an_empty_final(closing: Any) -> None:
    listener, stt, seen = make(hands_free=False)
    closing(listener)
    listener.arm(active=True)
    listener.finish()
    assert len(seen.finals) == 1  # at once, on the calling thread
    assert seen.finals[0].text == "" and seen.finals[0].words == ()
    assert not listener.active
    time.sleep(0.02)
    assert stt.calls == []


def test_finish_when_not_armed_does_nothing(closing: Any) -> None:
    listener, stt, seen = make(hands_free=False)
    closing(listener)
    assert not listener.active  # a new listener waits to be armed
    feed(listener, tone("alpha", 0.5))
    listener.finish()
    time.sleep(0.02)
    assert not seen.finals and seen.started == 0 and stt.calls == []


def test_disarm_mid_answer_drops_it(closing: Any) -> None:
    gate = threading.Event()
    listener, stt, seen = make(ToneSpeechToText(gate=gate), silence_s=1.0)
    closing(listener)
    listener.arm()
    feed(listener, silence(0.5), tone("alpha", 0.6), silence(0.5), tone("bravo", 0.6))
    assert stt.entered.wait(WAIT_S)  # the worker is inside Whisper for this answer
    listener.disarm()
    assert not listener.active
    gate.set()
    feed(listener, silence(2.0))  # would have ended the answer
    # A fresh answer afterwards gets its own final, and only its own words.
    listener.arm()
    feed(listener, silence(0.5), tone("delta", 0.6), silence(1.5))
    assert wait_for(lambda: bool(seen.finals))
    time.sleep(0.05)
    assert [f.text for f in seen.finals] == ["delta"]
    assert not any("alpha" in p or "bravo" in p for p in seen.partials)


def test_stt_failure_reports_an_error_and_still_finalises(closing: Any) -> None:
    listener, _stt, seen = make(ToneSpeechToText(fail_on_commit={1}), silence_s=1.0)
    closing(listener)
    listener.arm()
    feed(
        listener,
        silence(0.5),
        tone("alpha", 0.6),
        silence(0.5),
        tone("bravo", 0.6),
        silence(2.0),
    )
    assert wait_for(lambda: bool(seen.finals))
    assert seen.errors == ["speech recognition failed: boom"]
    assert len(seen.finals) == 1
    assert seen.finals[0].text == "bravo"  # the failed stretch is lost, the rest is kept
    assert not listener.active


def test_push_to_talk_tiny_recording_finalises_while_an_old_commit_is_in_flight(
    closing: Any,
) -> None:
    """Re-arming while the previous answer is still being transcribed must not leave the next
    answer waiting forever for a worker that will drop the old result."""
    gate = threading.Event()
    listener, stt, seen = make(ToneSpeechToText(gate=gate), hands_free=False)
    closing(listener)
    listener.arm(active=True)
    feed(listener, tone("alpha", 0.6))
    listener.finish()
    assert stt.entered.wait(WAIT_S)  # the worker is busy with that commit

    listener.arm(active=True)  # talk key pressed again at once, and released at once
    feed(listener, tone("bravo", 0.064))  # two frames: too short for a Whisper call
    listener.finish()
    gate.set()
    assert wait_for(lambda: bool(seen.finals)), "the second answer never finalised"
    time.sleep(0.05)
    assert [f.text for f in seen.finals] == [""]  # the first answer's result was dropped


def test_keep_audio_keeps_the_hands_free_answer(closing: Any) -> None:
    listener, _stt, seen = make(silence_s=0.6)
    closing(listener)
    listener.keep_audio = True
    # Frame-aligned: 32 frames of silence, 25 of tone, then silence.
    audio = np.concatenate([silence(1.024), tone("alpha", 0.8), silence(1.0)])
    feed(listener, audio)
    assert listener.last_audio is None  # not armed yet: nothing heard, nothing kept
    listener.arm()
    feed(listener, audio)
    assert wait_for(lambda: bool(seen.finals))
    kept = listener.last_audio
    # 0.3 s pre-roll + 0.8 s of tone + 0.15 s tail, in whole frames.
    assert abs(len(kept) - round(1.25 * SAMPLE_RATE)) <= FRAME
    assert len(kept) == round(seen.finals[0].duration_s * SAMPLE_RATE)
    assert heard_words(kept) == ["alpha"]
    # It is the fed audio itself, starting somewhere in the leading silence.
    start = int(np.flatnonzero(audio)[0] - np.flatnonzero(kept)[0])
    np.testing.assert_array_equal(kept, audio[start : start + len(kept)])


def test_level_callback_reports_decibels(closing: Any) -> None:
    listener, _stt, seen = make()
    closing(listener)
    listener.feed(tone("alpha", 0.064))  # levels are reported even before arming
    assert seen.levels == [pytest.approx(20 * np.log10(AMPLITUDE / np.sqrt(2)), abs=0.2)]
    time.sleep(0.08)  # levels are rate-limited to ~15 a second
    listener.feed(silence(0.064))
    assert seen.levels[-1] == -100.0
    assert len(seen.levels) == 2


def test_level_db_and_energy_vad() -> None:
    full = np.sin(2 * np.pi * 440 * np.arange(FRAME) / SAMPLE_RATE)
    assert level_db(full) == pytest.approx(-3.01, abs=0.05)
    assert level_db(np.zeros(FRAME)) == -100.0
    assert level_db(np.zeros(0)) == -100.0
    vad = EnergyVad()
    assert vad(np.zeros(FRAME, np.float32)) < 0.01
    assert vad(tone("alpha", FRAME / SAMPLE_RATE)) > 0.99


def test_blocks_pad_with_trailing_silence() -> None:
    parts = blocks(np.ones(2500, np.float32), trailing_silence_s=0.1, block=1000)
    assert [len(p) for p in parts] == [1000, 1000, 1000, 1000, 100]
    joined = np.concatenate(parts)
    assert joined[:2500].all() and not joined[2500:].any()
