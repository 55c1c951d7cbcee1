"""The report compared with earlier sessions, and the role's charts in its HTML export."""

from __future__ import annotations

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.profile import Profile
from interbot_tui.core.progress import StoredSession, build_progress
from interbot_tui.core.reporting.render import (
    SINCE_LAST_HEADING,
    render,
    to_html,
    to_markdown,
    to_text,
)
from interbot_tui.core.reporting.report import build_report
from tests.core.progress._sessions import Q1, Q4, T0, backend_sessions, turn

PROFILE = Profile(role="Backend engineer")
NOW = [turn(1, Q1, Verdict.CORRECT, 9), turn(2, Q4, Verdict.CORRECT, 8)]
EARLIER = [
    StoredSession(1, T0, "Backend engineer", "finished", (turn(1, Q1, Verdict.PARTIAL, 5),)),
    StoredSession(2, T0, "Data scientist", "finished", (turn(1, Q1, Verdict.CORRECT, 10),)),
]


def test_build_report_compares_with_earlier_sessions_of_the_role() -> None:
    report = build_report(PROFILE, NOW, earlier=EARLIER)
    assert report.since_last[0].startswith("Accuracy 2/2, up from 0/1 last time (")
    assert report.to_dict()["since_last"] == list(report.since_last)
    alone = build_report(PROFILE, NOW)
    assert alone.since_last == () and alone.to_dict()["since_last"] == []


def test_the_section_is_rendered_only_when_there_is_something_to_say() -> None:
    report = build_report(PROFILE, NOW, earlier=EARLIER)
    first = report.since_last[0]
    md, page, text = to_markdown(report), to_html(report), to_text(report)
    assert f"## {SINCE_LAST_HEADING}\n\n- {first}" in md
    assert f"<h2>{SINCE_LAST_HEADING}</h2><ul><li>{first}</li>" in page
    assert f"{SINCE_LAST_HEADING}:\n  - {first}" in text
    # In Markdown it comes right after the table, before the findings.
    assert md.index(SINCE_LAST_HEADING) < md.index("## Strengths")
    alone = build_report(PROFILE, NOW)
    for rendered in (to_markdown(alone), to_html(alone), to_text(alone)):
        assert SINCE_LAST_HEADING not in rendered


def test_html_draws_the_role_charts_from_two_sessions() -> None:
    report = build_report(PROFILE, NOW)
    sessions = backend_sessions()
    page = render(report, "html", progress=build_progress(sessions, "backend"))
    assert page.count("<svg") >= 2 and "Progress over 3 sessions" in page
    assert ".chart{" in page and page.index(".chart{") < page.index("</head>")
    for one in (build_progress(sessions[:1]), None):
        page = to_html(report, progress=one)
        assert "<svg" not in page and ".chart{" not in page and "Progress over" not in page
    # Markdown and JSON have no charts to draw.
    assert "<svg" not in render(report, "md", progress=build_progress(sessions))
    assert "<svg" not in render(report, "json", progress=build_progress(sessions))
