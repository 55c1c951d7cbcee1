"""The progress page: inline SVG charts (one point per session), escaped user text, nothing
fetched from elsewhere."""

from __future__ import annotations

import re

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.profile import Difficulty
from interbot_tui.core.progress import StoredSession, build_progress
from interbot_tui.core.questions.question import Kind, Question
from interbot_tui.core.reporting.progress_html import charts, line_chart_svg, progress_html
from tests.core.progress._sessions import T0, backend_sessions, turn

NASTY = Question(
    "x-nasty",
    "Why <script>alert('q')</script> & more?",
    Kind.TECHNICAL,
    Difficulty.MEDIUM,
    ("<img src=x onerror=alert(1)>",),
    "hint",
    "answer",
    domain="web<&>",
)


def test_one_circle_per_session_in_each_chart() -> None:
    progress = build_progress(backend_sessions())
    svg = line_chart_svg("Accuracy (%)", progress.overall["accuracy"])
    assert svg.count("<circle") == 3 and svg.count("<polyline") == 1
    # Session 1 was 2 of 3 right, sessions 2 and 3 half: the circles' tooltips say so.
    assert re.findall(r"session (\d): ([\d.]+)%", svg) == [("1", "66.7"), ("2", "50"), ("3", "50")]
    higher = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert higher[0] < higher[1] == higher[2]  # SVG y grows downwards: 67% is drawn higher
    # Delivery was spoken in two sessions (1 and 3): two points on its charts.
    wpm = line_chart_svg("Pace", progress.delivery["wpm"])
    assert wpm.count("<circle") == 2


def test_one_session_is_a_point_without_a_line() -> None:
    progress = build_progress(backend_sessions()[:1])
    svg = line_chart_svg("Accuracy", progress.overall["accuracy"])
    assert svg.count("<circle") == 1 and "<polyline" not in svg


def test_charts_for_every_figure_some_session_has() -> None:
    titles = [
        re.search(r"<title>(.*?)</title>", c).group(1)
        for c in charts(build_progress(backend_sessions()))
    ]  # type: ignore[union-attr]
    assert titles[:2] == ["Accuracy (%)", "Mean score"]
    assert "Words per minute (wpm)" in titles and "Face in frame (%)" in titles


def test_user_text_is_escaped_and_nothing_is_fetched() -> None:
    nasty = StoredSession(
        9,
        T0,
        "<b>R&D</b>",
        "finished",
        (turn(1, NASTY, Verdict.INCORRECT, 2, NASTY.key_points),),
    )
    page = progress_html(build_progress([nasty]), title="<title>")
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;b&gt;R&amp;D&lt;/b&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<h1>&lt;title&gt;</h1>" in page
    # Self-contained: the only URL is the SVG namespace, no script, link, import or src.
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"] * page.count(
        "<svg"
    )
    assert not re.search(r"<script|<link|@import|url\(|<[a-z]+[^>]*\s(src|href)=", page)


def test_an_empty_page_says_how_to_start() -> None:
    page = progress_html(build_progress([]))
    assert "No answered sessions yet" in page and "<svg" not in page
    assert "role containing \u201cnurse\u201d" in progress_html(build_progress([], "nurse"))
