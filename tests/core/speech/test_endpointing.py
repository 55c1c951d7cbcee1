"""The end-pointer on synthetic speech-probability sequences (32 ms frames)."""

from __future__ import annotations

from interbot_tui.core.speech.endpointing import Boundary, EndPointer, Mark

F = 0.032


def run(ep: EndPointer, pattern: list[tuple[float, float]]) -> list[Boundary]:
    """Feed (probability, seconds) runs; return every boundary crossed."""
    out: list[Boundary] = []
    for prob, seconds in pattern:
        for _ in range(round(seconds / F)):
            out += ep.feed(prob)
    return out


def marks(boundaries: list[Boundary]) -> list[Mark]:
    return [b.mark for b in boundaries]


def test_speech_then_silence_ends_the_answer_after_the_silence_setting() -> None:
    ep = EndPointer(frame_s=F, silence_s=1.0)
    got = run(ep, [(0.0, 0.5), (0.9, 2.0), (0.0, 0.9)])
    assert marks(got) == [Mark.STARTED, Mark.PAUSED]  # 0.9 s of silence: not over yet
    assert abs(got[0].at - 0.512) < 0.04
    got = run(ep, [(0.0, 0.2)])
    assert marks(got) == [Mark.ENDED]
    assert abs(got[0].at - 2.5) < 0.05  # when speech stopped, not when the silence ran out
    assert not ep.speaking


def test_a_breath_is_a_pause_not_the_end() -> None:
    ep = EndPointer(frame_s=F, silence_s=1.2, pause_s=0.35)
    got = run(ep, [(0.9, 1.0), (0.1, 0.5), (0.9, 1.0), (0.1, 1.3)])
    assert marks(got) == [Mark.STARTED, Mark.PAUSED, Mark.RESUMED, Mark.PAUSED, Mark.ENDED]


def test_a_click_is_not_speech_and_hysteresis_keeps_a_soft_syllable() -> None:
    ep = EndPointer(frame_s=F, min_speech_s=0.25)
    assert run(ep, [(0.9, 0.1), (0.0, 2.0)]) == []  # 100 ms burst
    ep.reset()
    # 0.4 is below `on` but above `off`: inside speech it still counts as voiced
    got = run(ep, [(0.9, 0.5), (0.4, 1.5), (0.0, 0.2)])
    assert marks(got) == [Mark.STARTED]


def test_infinite_silence_setting_never_ends_push_to_talk() -> None:
    ep = EndPointer(frame_s=F, silence_s=float("inf"))
    got = run(ep, [(0.9, 1.0), (0.0, 30.0)])
    assert marks(got) == [Mark.STARTED, Mark.PAUSED] and ep.speaking
