"""Progress as one self-contained HTML page: inline SVG line charts of the per-session figures,
then the same text as `interbot progress`. No scripts, no external CSS or fonts, nothing
fetched: it opens the same from a USB stick as from the laptop. All user text is escaped."""

from __future__ import annotations

import html
import time
from dataclasses import dataclass

from interbot_tui.core.progress import METRICS, Progress, Trend
from interbot_tui.core.reporting.progress_text import progress_lines

WIDTH, HEIGHT = 560, 190
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 28, 30  # margins around the plot area
INSET = 16  # the first and last sessions sit this far inside the plot area
MAX_LABELS = 8  # date labels under a chart


@dataclass(frozen=True)
class Axis:
    top: float  # the y axis runs from 0 to at least this
    scale: float  # shown value = stored value × scale (rates as percentages)
    unit: str


PERCENT = Axis(100, 100, "%")
AXES = {
    "accuracy": PERCENT,
    "mean_score": Axis(10, 1, ""),
    "first_try": PERCENT,
    "coverage": PERCENT,
    "star": PERCENT,
    "wpm": Axis(200, 1, " wpm"),
    "fillers_per_min": Axis(5, 1, "/min"),
    "pauses_per_min": Axis(2, 1, "/min"),
    "face_share": PERCENT,
}


def _date(epoch: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(epoch))


def _num(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def line_chart_svg(title: str, trend: Trend) -> str:
    """One figure over sessions: a line through one circle per session, each circle titled
    with its date and value (a tooltip, and what a screen reader reads)."""
    e = html.escape
    axis = AXES.get(trend.metric, Axis(1, 1, ""))
    values = [p.value * axis.scale for p in trend.points]
    top = max([axis.top, *values])
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(values)

    def x(i: int) -> float:
        span = inner_w - 2 * INSET
        return LEFT + INSET + (span / 2 if n == 1 else span * i / (n - 1))

    def y(v: float) -> float:
        return TOP + inner_h * (1 - v / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" class="chart"><title>{e(title)}</title>',
        f'<text x="{LEFT}" y="16" class="title">{e(title)}</text>',
    ]
    for tick in (0, top / 2, top):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'class="grid"/><text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" class="tick" '
            f'text-anchor="end">{e(_num(tick))}</text>'
        )
    xy = [(x(i), y(v)) for i, v in enumerate(values)]
    if n > 1:
        line = " ".join(f"{a:.1f},{b:.1f}" for a, b in xy)
        parts.append(f'<polyline points="{line}" class="line"/>')
    for (cx, cy), p, v in zip(xy, trend.points, values, strict=True):
        label = f"{_date(p.started_at)}, session {p.session}: {_num(round(v, 1))}{axis.unit}"
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" class="point"><title>{e(label)}'
            "</title></circle>"
        )
    step = max(1, -(-n // MAX_LABELS))
    for i in range(0, n, step):
        parts.append(
            f'<text x="{xy[i][0]:.1f}" y="{HEIGHT - 10}" class="tick" text-anchor="middle">'
            f"{e(_date(trend.points[i].started_at)[5:])}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def charts(progress: Progress) -> list[str]:
    """A chart for each figure some session has: scores, then delivery and camera."""
    trends = [*progress.overall.values(), *progress.delivery.values()]
    if progress.face_share is not None:
        trends.append(progress.face_share)

    def title(metric: str) -> str:
        unit = AXES[metric].unit.strip()
        return METRICS[metric].label.capitalize() + (f" ({unit})" if unit else "")

    return [line_chart_svg(title(t.metric), t) for t in trends if t.points]


# What the charts' classes need; a page that embeds `charts_html` puts this in its <style>.
CHART_STYLE = (
    ".charts{display:flex;flex-wrap:wrap;gap:1em}.chart{max-width:100%;height:auto}"
    ".title{font-size:14px;font-weight:bold}.tick{font-size:11px;fill:#555}"
    ".grid{stroke:#ddd}.line{fill:none;stroke:#2563eb;stroke-width:2}"
    ".point{fill:#2563eb}"
)
STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}"
    "pre{font-family:monospace;white-space:pre-wrap}" + CHART_STYLE
)
EMPTY = "No answered sessions yet. Start one with `interbot` or `interbot plain`."


def charts_html(progress: Progress) -> str:
    """The charts as one HTML fragment (styled by CHART_STYLE), for this page and the report."""
    return f'<div class="charts">{"".join(charts(progress))}</div>'


def progress_html(progress: Progress, title: str = "interbot progress") -> str:
    e = html.escape
    if progress.sessions:
        body = charts_html(progress) + f"<pre>{e(chr(10).join(progress_lines(progress)))}</pre>"
    elif progress.role:
        none = f"No answered sessions for a role containing \u201c{progress.role}\u201d."
        body = f"<p>{e(none)}</p>"
    else:
        body = f"<p>{e(EMPTY)}</p>"
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width">'
        f"<title>{e(title)}</title><style>{STYLE}</style></head>"
        f"<body><h1>{e(title)}</h1>{body}</body></html>\n"
    )
