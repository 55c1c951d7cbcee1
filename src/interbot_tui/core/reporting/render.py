"""Reports as Markdown, JSON or HTML (for export), and as plain text (for plain mode)."""

from __future__ import annotations

import html
import json
from typing import Any

from interbot_tui.core.i18n.phrases import Phrases
from interbot_tui.core.progress import Progress
from interbot_tui.core.reporting.progress_html import CHART_STYLE, charts_html
from interbot_tui.core.reporting.report import Report
from interbot_tui.core.vision.expression import ExpressionSummary, describe

FORMATS = ("md", "json", "html")
# English like the lines under it (core.progress.since_last writes English).
SINCE_LAST_HEADING = "Compared with earlier sessions"
COVERAGE_HEADING = "The job's must-haves"
MIN_CHART_SESSIONS = 2  # one session is a dot, not progress


def phrases(report: Report) -> Phrases:
    """The report's wording follows the interview's language."""
    return Phrases(report.profile.language)


def verdict_label(report: Report, verdict: object) -> str:
    p = phrases(report)
    return p[str(verdict)] if verdict else p["ungraded_verdict"]


def accuracy_line(report: Report) -> str:
    p = phrases(report)
    line = p.say(
        "accuracy", correct=report.correct, total=report.total, percent=f"{report.accuracy:.0%}"
    )
    if report.ungraded:
        line += ", " + p.say("n_ungraded", count=report.ungraded)
    if report.json_graded:
        line += " · " + p.say("n_json_graded", count=report.json_graded)
    return line


def sections(report: Report) -> list[tuple[str, list[str]]]:
    """Strengths, weaknesses and improvements under their headings in the report's language."""
    p = phrases(report)
    return [
        (p["strengths"], report.strengths),
        (p["weaknesses"], report.weaknesses),
        (p["improvements"], report.improvements),
    ]


def expression_line(summary: ExpressionSummary) -> str:
    """One answer on camera, e.g. "mostly neutral · face in frame 92%"."""
    lead = f"mostly {describe(summary)}" if summary.dominant else "no face seen"
    return f"{lead} · face in frame {summary.face_share:.0%}"


def to_json(report: Report, meta: dict[str, Any] | None = None) -> str:
    data = report.to_dict()
    if meta:
        data = {**meta, **data}
    return json.dumps(data, indent=2, ensure_ascii=False)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(report: Report, title: str = "") -> str:
    w = phrases(report)
    p = report.profile
    lines = [
        f"# {title or w['report_title']}",
        "",
        f"**{w['role']}:** {p.subject} · **{w['type']}:** {p.interview_type} · "
        f"**{w['mode']}:** {p.mode} · **{w['difficulty']}:** {w[str(p.difficulty)]}",
        "",
        f"**{accuracy_line(report)}**",
        "",
        f"| # | {w['col_question']} | {w['col_verdict']} | {w['col_score']} | {w['col_attempts']} |",
        "|---|----------|---------|-------|----------|",
    ]
    for r in report.results:
        note = f" {w['with_hint']}" if r.hint_used else ""
        lines.append(
            f"| {r.number} | {_md_cell(r.question)} | {verdict_label(report, r.verdict)}{note} | "
            f"{r.score if r.score is not None else '–'} | {r.attempts} |"
        )
    if report.since_last:
        lines += ["", f"## {SINCE_LAST_HEADING}", ""]
        lines += [f"- {line}" for line in report.since_last]
    if report.coverage:
        lines += ["", f"## {COVERAGE_HEADING}", ""]
        lines += [f"- {_md_cell(m.line())}" for m in report.coverage]
    if report.delivery is not None:
        lines += ["", f"## {w['delivery_heading']}", ""]
        lines += [f"- {line}" for line in report.delivery.lines()]
    if report.expression is not None:
        lines += ["", f"## {w['camera_heading']}", ""]
        lines += [f"- {line}" for line in report.expression.lines()]
    for heading, items in sections(report):
        lines += ["", f"## {heading}", ""]
        lines += [f"- {item}" for item in items] or [f"- {w['none_noted']}"]
    lines += ["", f"## {w['answers']}", ""]
    for t in report.turns:
        lines += [
            f"### Q{t.number} ({t.attempt}) — {verdict_label(report, t.grade.verdict)}"
            + (f", {t.grade.score}/10" if t.grade.score is not None else ""),
            "",
            f"> {t.prompt}",
            "",
            t.answer or f"_{w['no_answer']}_",
            "",
        ]
        if t.grade.feedback:
            lines += [f"*{w['feedback']}:* {t.grade.feedback}", ""]
        if t.delivery:
            lines += [f"*{w['delivery']}:* {t.delivery.summary()}", ""]
        if t.expression:
            lines += [f"*{w['camera']}:* {expression_line(t.expression)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def _progress_html(progress: Progress | None) -> str:
    """The role's progress charts, when there are sessions enough to draw a line."""
    if progress is None or len(progress.sessions) < MIN_CHART_SESSIONS:
        return ""
    heading = f"Progress over {len(progress.sessions)} sessions"
    return f"<h2>{html.escape(heading)}</h2>{charts_html(progress)}"


def to_html(report: Report, title: str = "", progress: Progress | None = None) -> str:
    """`progress`: the role's sessions up to this one, drawn as the charts of `interbot progress
    --html` (nothing drawn for fewer than two sessions)."""
    e = html.escape
    w = phrases(report)
    title = title or w["report_title"]
    rows = "".join(
        f"<tr><td>{r.number}</td><td>{e(r.question)}</td><td>{e(verdict_label(report, r.verdict))}"
        f"{' ' + e(w['with_hint']) if r.hint_used else ''}</td>"
        f"<td>{r.score if r.score is not None else '–'}</td><td>{r.attempts}</td></tr>"
        for r in report.results
    )
    none = f"<li>{e(w['none_noted'])}</li>"
    findings = "".join(
        f"<h2>{e(heading)}</h2><ul>{''.join(f'<li>{e(i)}</li>' for i in items) or none}</ul>"
        for heading, items in sections(report)
    )
    delivery = (
        f"<h2>{e(w['delivery_heading'])}</h2><ul>"
        + "".join(f"<li>{e(line)}</li>" for line in report.delivery.lines())
        + "</ul>"
        if report.delivery is not None
        else ""
    )
    since = (
        f"<h2>{e(SINCE_LAST_HEADING)}</h2><ul>"
        + "".join(f"<li>{e(line)}</li>" for line in report.since_last)
        + "</ul>"
        if report.since_last
        else ""
    )
    coverage = (
        f"<h2>{e(COVERAGE_HEADING)}</h2><ul>"
        + "".join(f"<li>{e(m.line())}</li>" for m in report.coverage)
        + "</ul>"
        if report.coverage
        else ""
    )
    charts = _progress_html(progress)
    camera = (
        f"<h2>{e(w['camera_heading'])}</h2><ul>"
        + "".join(f"<li>{e(line)}</li>" for line in report.expression.lines())
        + "</ul>"
        if report.expression is not None
        else ""
    )
    answers = "".join(
        f"<h3>Q{t.number} ({e(str(t.attempt))}) — {e(verdict_label(report, t.grade.verdict))}</h3>"
        f"<blockquote>{e(t.prompt)}</blockquote><p>{e(t.answer)}</p>"
        + (f"<p><em>{e(w['feedback'])}:</em> {e(t.grade.feedback)}</p>" if t.grade.feedback else "")
        + (f"<p><em>{e(w['delivery'])}:</em> {e(t.delivery.summary())}</p>" if t.delivery else "")
        + (
            f"<p><em>{e(w['camera'])}:</em> {e(expression_line(t.expression))}</p>"
            if t.expression
            else ""
        )
        for t in report.turns
    )
    p = report.profile
    heads = "".join(
        f"<th>{e(h)}</th>"
        for h in ("#", w["col_question"], w["col_verdict"], w["col_score"], w["col_attempts"])
    )
    return (
        f'<!doctype html><html lang="{e(w.code)}"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>body{{font-family:sans-serif;max-width:50em;margin:2em auto}}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}"
        f"{CHART_STYLE if charts else ''}</style>"
        f"</head><body><h1>{e(title)}</h1><p><b>{e(w['role'])}:</b> {e(p.subject)} · "
        f"<b>{e(w['type'])}:</b> {e(str(p.interview_type))} · <b>{e(w['mode'])}:</b> "
        f"{e(str(p.mode))}</p><p><b>{e(accuracy_line(report))}</b></p><table><tr>{heads}</tr>"
        f"{rows}</table>{since}{coverage}{charts}{delivery}{camera}{findings}"
        f"<h2>{e(w['answers'])}</h2>{answers}</body></html>\n"
    )


def to_text(report: Report) -> str:
    """A compact plain-text report for plain mode and screen readers."""
    w = phrases(report)
    lines = [w["report_heading"], accuracy_line(report)]
    mean = report.mean_score
    if mean is not None:
        lines.append(w.say("mean_score", score=f"{mean:.1f}"))
    for r in report.results:
        hint = f", {w['hint_used']}" if r.hint_used else ""
        score = f", {w['score']} {r.score}" if r.score is not None else ""
        lines.append(f"Q{r.number}: {verdict_label(report, r.verdict)}{score}{hint} - {r.question}")
    if report.since_last:
        lines.append(f"{SINCE_LAST_HEADING}:")
        lines += [f"  - {line}" for line in report.since_last]
    if report.coverage:
        lines.append(f"{COVERAGE_HEADING}:")
        lines += [f"  - {m.line()}" for m in report.coverage]
    if report.delivery is not None:
        lines.append(f"{w['delivery']}:")
        lines += [f"  - {line}" for line in report.delivery.lines()]
    if report.expression is not None:
        lines.append(f"{w['camera']}:")
        lines += [f"  - {line}" for line in report.expression.lines()]
    for heading, items in sections(report):
        lines.append(f"{heading}:")
        lines += [f"  - {i}" for i in items] or [f"  - {w['none_noted']}"]
    return "\n".join(lines)


def render(
    report: Report,
    fmt: str,
    meta: dict[str, Any] | None = None,
    *,
    progress: Progress | None = None,
) -> str:
    """`progress` is drawn in HTML only (see `to_html`)."""
    if fmt == "md":
        return to_markdown(report)
    if fmt == "json":
        return to_json(report, meta)
    if fmt == "html":
        return to_html(report, progress=progress)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
