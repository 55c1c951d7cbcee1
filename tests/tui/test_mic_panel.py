"""The mic panel's level meter: a row of rising bars from a dBFS level."""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from interbot_tui.tui.widgets.mic_panel import meter

BARS = " ▁▂▃▄▅▆▇█"


def fullness(row: str) -> int:
    return sum(BARS.index(c) for c in row)


def test_silence_is_blank_and_a_loud_voice_is_full() -> None:
    assert meter(-100) == " " * 8
    assert meter(-60) == " " * 8  # the quiet-room end of the scale
    assert meter(-10) == "█" * 8
    assert meter(0) == "█" * 8  # louder than the scale: still full, never longer
    assert meter(-10, width=3) == "███"


def test_meter_rises_monotonically_with_the_level() -> None:
    levels = np.linspace(-70, 0, 141)
    rows = [meter(float(db)) for db in levels]
    assert all(len(row) == 8 and set(row) <= set(BARS) for row in rows)
    filled = [fullness(row) for row in rows]
    assert all(a <= b for a, b in pairwise(filled))
    assert filled[0] == 0 and filled[-1] == 8 * 8
    assert len(set(filled)) > 30  # it moves in fine steps, not just off/on
    # Bars fill from the left: no empty cell before a filled one.
    for row in rows:
        stripped = row.rstrip(" ")
        assert " " not in stripped


def test_half_scale_fills_half_the_row() -> None:
    assert meter(-35) == "████    "
