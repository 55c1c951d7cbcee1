from __future__ import annotations

import json

import pytest

from interbot_tui.core.speech.delivery import (
    LONG_PAUSE_S,
    Delivery,
    Word,
    analyse,
    count_fillers,
    summarise,
    words_from_text,
)


def _timed(text: str, start: float = 0.0, step: float = 0.5) -> list[Word]:
    """Whisper-style words, each `step` long, back to back."""
    return [
        Word(f" {w}", start + i * step, start + (i + 1) * step) for i, w in enumerate(text.split())
    ]


def _delivery(
    wpm: float, speaking_s: float, fillers: dict[str, int] | None = None, pauses: int = 0
) -> Delivery:
    return Delivery(
        words=round(wpm * speaking_s / 60),
        speaking_s=speaking_s,
        wpm=wpm,
        fillers=fillers or {},
        long_pauses=pauses,
        longest_pause_s=2.5 if pauses else 0.0,
        duration_s=speaking_s + 1,
    )


def test_wpm_over_speaking_time_not_recording() -> None:
    # Ten words from 1.0 s to 5.0 s in a 7 s recording: 150 words per minute.
    words = _timed("so a hash map keeps keys in buckets by hash", start=1.0, step=0.4)
    d = analyse(words, duration_s=7.0)
    assert d.words == 10
    assert d.speaking_s == pytest.approx(4.0)
    assert d.wpm == pytest.approx(150.0)
    assert d.duration_s == 7.0
    assert d.fillers == {} and d.filler_count == 0
    assert d.long_pauses == 0 and d.longest_pause_s == 0.0


def test_words_count_whisper_spacing_and_punctuation_only_tokens() -> None:
    words = [Word(" Well,", 0.0, 0.4), Word(" —", 0.4, 0.5), Word(" it's", 0.6, 0.9)]
    d = analyse(words, duration_s=1.0)
    assert d.words == 2
    assert d.speaking_s == pytest.approx(0.9)


def test_too_little_speech_has_no_rate() -> None:
    d = analyse(_timed("yes", step=0.4), duration_s=1.0)
    assert d.words == 1 and d.wpm == 0.0
    assert "wpm" not in d.summary()


def test_no_words() -> None:
    for words in ([], [Word(" ...", 0.0, 0.2)]):
        d = analyse(words, duration_s=3.0)
        assert (d.words, d.speaking_s, d.wpm, d.fillers, d.long_pauses) == (0, 0.0, 0.0, {}, 0)
        assert d.duration_s == 3.0
        assert d.summary() == "no speech recognised"


def test_long_pauses_only_over_the_threshold() -> None:
    assert LONG_PAUSE_S == 2.0
    words = [
        Word(" one", 0.0, 1.0),
        Word(" two", 3.0, 3.5),  # gap 2.0 s: not over
        Word(" three", 6.0, 6.4),  # gap 2.5 s: long
        Word(" four", 6.5, 6.8),
    ]
    d = analyse(words, duration_s=8.0)
    assert d.long_pauses == 1
    assert d.longest_pause_s == 2.5


def test_a_gap_of_two_seconds_with_float_error_is_not_long() -> None:
    assert 4.4 - 2.4 > 2.0  # the float difference is 2.0000000000000004
    d = analyse([Word(" a", 2.0, 2.4), Word(" b", 4.4, 4.6)], duration_s=5.0)
    assert d.long_pauses == 0
    assert d.longest_pause_s == 2.0


def test_several_long_pauses() -> None:
    words = [Word(" a", 0.0, 0.5), Word(" b", 2.6, 3.0), Word(" c", 6.2, 6.5)]
    d = analyse(words, duration_s=7.0)
    assert d.long_pauses == 2
    assert d.longest_pause_s == 3.2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Um, it's, like, fast.", {"um": 1, "like": 1}),
        ("Umm, uhh, hmmm, erm, err, ahh", {"um": 1, "uh": 1, "hmm": 1, "erm": 1, "er": 1, "ah": 1}),
        ("Uhm so like um yeah", {"um": 2, "like": 1}),
        ("It's basically a hash map, you know?", {"basically": 1, "you know": 1}),
        (
            "You know, it depends. I mean, it's kind of slow.",
            {"you know": 1, "I mean": 1, "kind of": 1},
        ),
        ("It sort of works, sort of.", {"sort of": 2}),
        ("It's, kind of, a queue", {"kind of": 1}),
        # "like" as a verb or a comparison, and the phrases meant literally
        ("I'd like to use a queue, something like that.", {}),
        ("It looks like a queue, like a ring buffer.", {}),
        ("I like, for example, Python.", {}),
        ("What kind of index would you use? A sort of key.", {}),
        ("This kind of lock is the same sort of thing.", {}),
        ("Do you know the key? If you know the answer, say it.", {}),
        ("That is what I mean. I mean the index.", {}),
        ("An ER diagram", {}),
        ("", {}),
    ],
)
def test_fillers(text: str, expected: dict[str, int]) -> None:
    assert count_fillers(text) == expected
    assert analyse(_timed(text), duration_s=30.0).fillers == expected


def test_fillers_across_whisper_words_and_most_frequent_first() -> None:
    words = _timed("Well, um, you know, it's, um, like, um, fast, you know.")
    d = analyse(words, duration_s=10.0)
    assert list(d.fillers.items()) == [("um", 3), ("you know", 2), ("like", 1)]
    assert d.filler_count == 6


def test_round_trip_through_json() -> None:
    words = [Word(" Um,", 0.0, 0.3), Word(" it", 0.4, 0.6), *_timed("is a queue", 3.0)]
    d = analyse(words, duration_s=5.0)
    back = Delivery.from_dict(json.loads(json.dumps(d.to_dict())))
    assert back == d
    assert back.fillers == {"um": 1} and back.long_pauses == 1


def test_from_dict_tolerates_missing_keys() -> None:
    d = Delivery.from_dict({"words": 3, "fillers": {"um": "2"}})
    assert d.words == 3 and d.fillers == {"um": 2} and d.wpm == 0.0 and d.long_pauses == 0


def test_summary_line() -> None:
    d = Delivery(
        words=90,
        speaking_s=38.2,
        wpm=141.8,
        fillers={"um": 2, "you know": 1},
        long_pauses=1,
        longest_pause_s=2.8,
        duration_s=41.0,
    )
    assert d.summary() == (
        "142 wpm · 3 fillers (um ×2, you know ×1) · 1 long pause (2.8 s) · 38 s speaking"
    )
    calm = Delivery(50, 20.0, 150.0, {}, 2, 3.14, 21.0)
    assert calm.summary() == "150 wpm · no fillers · 2 long pauses (longest 3.1 s) · 20 s speaking"


def test_words_from_text_spreads_evenly() -> None:
    words = words_from_text("Well, um, a  queue.", duration_s=4.0)
    assert [w.text for w in words] == ["Well,", "um,", "a", "queue."]
    assert [(w.start, w.end) for w in words] == [(0.0, 1.0), (1.0, 2.0), (2.0, 3.0), (3.0, 4.0)]
    d = analyse(words, duration_s=4.0)
    assert d.wpm == pytest.approx(60.0)
    assert d.fillers == {"um": 1}
    assert d.long_pauses == 0 and "pause" not in d.summary()
    assert words_from_text("   ", 3.0) == []


def test_summarise_weights_wpm_by_speaking_time() -> None:
    s = summarise(
        [
            _delivery(120.0, 60.0, {"um": 2, "like": 1}),
            _delivery(180.0, 30.0, {"um": 1, "you know": 3}, pauses=1),
            Delivery(0, 0.0, 0.0, {}, 0, 0.0, 2.0),  # silence: not an answer
        ]
    )
    assert s.answers == 2
    assert s.wpm == pytest.approx(140.0)
    assert s.speaking_s == pytest.approx(90.0)
    assert s.words == 210
    assert list(s.fillers.items()) == [("um", 3), ("you know", 3), ("like", 1)]
    assert s.filler_count == 7
    assert s.long_pauses == 1 and s.longest_pause_s == 2.5
    assert s.to_dict()["fillers"] == {"um": 3, "you know": 3, "like": 1}


def test_summarise_skips_unrated_answers_in_the_mean() -> None:
    s = summarise([_delivery(100.0, 30.0), Delivery(1, 0.5, 0.0, {}, 0, 0.0, 1.0)])
    assert s.answers == 2 and s.wpm == pytest.approx(100.0)


def test_summary_lines_and_advice() -> None:
    lines = summarise([_delivery(185.0, 120.0, {"um": 6, "like": 3, "you know": 1})]).lines()
    assert lines[0] == "Delivery: 1 spoken answer · 185 wpm average · 2 min 0 s speaking"
    assert lines[1] == "Fillers: 10 (um ×6, like ×3, you know ×1), 5.0 per minute"
    assert lines[2].startswith("Fast pace") and "Many fillers" in lines[2]
    assert len(lines) == 3

    slow = summarise([_delivery(95.0, 60.0, pauses=2)])
    assert slow.advice() == [
        "Slow pace (under 110 wpm): keep a steadier rhythm.",
        "Many long pauses: say “let me think”, then outline before detail.",
    ]
    assert slow.lines()[1] == "Fillers: none · 2 long pauses (longest 2.5 s)"

    fine = summarise([_delivery(140.0, 60.0, {"um": 2})])
    assert fine.advice() == []
    assert fine.lines()[-1] == "Pace and fillers look fine."


def test_no_advice_on_too_little_speech() -> None:
    s = summarise([_delivery(200.0, 10.0, {"um": 5})])
    assert s.advice() == []
    assert len(s.lines()) == 2


def test_no_lines_without_spoken_answers() -> None:
    assert summarise([]).lines() == []
    assert summarise([]).wpm == 0.0
