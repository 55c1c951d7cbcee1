"""Accuracy and mean score per session, side by side, plotted with plotext (textual-plotext).

Two charts rather than one with two y axes: on one, accuracy 67% and a mean score of 6.3 fall in
the same cell at 80×24 and one hides the other. Each series is a fine braille line with a
marker at every session; with NO_COLOR the plots use plotext's colourless theme.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual_plotext import PlotextPlot

from interbot_tui.core.progress import SessionPoint

MAX_TICKS = 4  # date labels under each chart; more overlap at half of 80 columns


@dataclass(frozen=True)
class Series:
    title: str
    top: float  # the y axis runs from 0 to this
    ticks: tuple[tuple[float, str], ...]
    colour: str  # a plotext colour name, used unless NO_COLOR
    value: Callable[[SessionPoint], float | None]


def _accuracy(p: SessionPoint) -> float | None:
    return None if p.overall.accuracy is None else p.overall.accuracy * 100


def _mean_score(p: SessionPoint) -> float | None:
    return p.overall.mean_score


ACCURACY = Series("Accuracy %", 100, ((0, "0"), (50, "50"), (100, "100")), "cyan+", _accuracy)
MEAN_SCORE = Series("Mean score", 10, ((0, "0"), (5, "5"), (10, "10")), "orange+", _mean_score)


def date_ticks(sessions: list[SessionPoint]) -> tuple[list[float], list[str]]:
    """Session numbers 1…n with a month-day label at up to MAX_TICKS of them, evenly spread."""
    n = len(sessions)
    step = max(1, -(-n // MAX_TICKS))  # ceiling division
    where = range(1, n + 1, step)
    return [float(i) for i in where], [
        time.strftime("%m-%d", time.localtime(sessions[i - 1].started_at)) for i in where
    ]


class SeriesChart(PlotextPlot):
    """One figure per session, x = the session's place in time (1…n), labelled by date."""

    def __init__(self, series: Series, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series = series

    def show(self, sessions: list[SessionPoint], mono: bool) -> None:
        s = self.series
        self.theme = "clear" if mono else "auto"
        plt = self.plt
        plt.clear_figure()
        found = [(float(x), v) for x, p in enumerate(sessions, 1) if (v := s.value(p)) is not None]
        colour = "default" if mono else s.colour
        if found:
            xs, ys = [x for x, _ in found], [y for _, y in found]
            if len(found) > 1:
                plt.plot(xs, ys, marker="braille", color=colour)
            plt.scatter(xs, ys, marker="●", color=colour)
        plt.title(s.title)
        plt.ylim(0, s.top)
        plt.yticks([t for t, _ in s.ticks], [label for _, label in s.ticks])
        # A margin either side so the first and last markers are not drawn on the frame.
        n = len(sessions)
        pad = 0.3 if n < 3 else n / 20
        plt.xlim(1 - pad, n + pad)
        plt.xticks(*date_ticks(sessions))
        self.refresh()


class ProgressCharts(Horizontal):
    DEFAULT_CSS = """
    ProgressCharts { height: 11; }
    ProgressCharts SeriesChart { width: 1fr; height: 11; }
    """

    def compose(self) -> ComposeResult:
        yield SeriesChart(ACCURACY, id="accuracy_chart")
        yield SeriesChart(MEAN_SCORE, id="score_chart")

    def show(self, sessions: list[SessionPoint], mono: bool) -> None:
        for chart in self.query(SeriesChart):
            chart.show(sessions, mono)
