"""Reports as Markdown, JSON or HTML (for export), and as plain text (for plain mode)."""

from __future__ import annotations

import html
import json
from typing import Any

from interbot_tui.core.report import Report

FORMATS = ("md", "json", "html")


def _verdict(v: object) -> str:
    return str(v) if v else "ungraded"


def accuracy_line(report: Report) -> str:
    line = f"Accuracy: {report.correct}/{report.total} ({report.accuracy:.0%})"
    if report.ungraded:
        line += f", {report.ungraded} ungraded"
    return line


def to_json(report: Report, meta: dict[str, Any] | None = None) -> str:
    data = report.to_dict()
    if meta:
        data = {**meta, **data}
    return json.dumps(data, indent=2, ensure_ascii=False)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(report: Report, title: str = "Interview report") -> str:
    p = report.profile
    lines = [
        f"# {title}",
        "",
        f"**Role:** {p.subject} · **Type:** {p.interview_type} · **Mode:** {p.mode} · "
        f"**Difficulty:** {p.difficulty}",
        "",
        f"**{accuracy_line(report)}**",
        "",
        "| # | Question | Verdict | Score | Attempts |",
        "|---|----------|---------|-------|----------|",
    ]
    for r in report.results:
        note = " (hint)" if r.hint_used else ""
        lines.append(
            f"| {r.number} | {_md_cell(r.question)} | {_verdict(r.verdict)}{note} | "
            f"{r.score if r.score is not None else '–'} | {r.attempts} |"
        )
    if report.delivery is not None:
        lines += ["", "## Delivery (spoken answers)", ""]
        lines += [f"- {line}" for line in report.delivery.lines()]
    for heading, items in (
        ("Strengths", report.strengths),
        ("Weaknesses", report.weaknesses),
        ("Improvements", report.improvements),
    ):
        lines += ["", f"## {heading}", ""]
        lines += [f"- {item}" for item in items] or ["- (none noted)"]
    lines += ["", "## Answers", ""]
    for t in report.turns:
        lines += [
            f"### Q{t.number} ({t.attempt}) — {_verdict(t.grade.verdict)}"
            + (f", {t.grade.score}/10" if t.grade.score is not None else ""),
            "",
            f"> {t.prompt}",
            "",
            t.answer or "_(no answer)_",
            "",
        ]
        if t.grade.feedback:
            lines += [f"*Feedback:* {t.grade.feedback}", ""]
        if t.delivery:
            lines += [f"*Delivery:* {t.delivery.summary()}", ""]
    return "\n".join(lines).rstrip() + "\n"


def to_html(report: Report, title: str = "Interview report") -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{r.number}</td><td>{e(r.question)}</td><td>{e(_verdict(r.verdict))}"
        f"{' (hint)' if r.hint_used else ''}</td><td>{r.score if r.score is not None else '–'}</td>"
        f"<td>{r.attempts}</td></tr>"
        for r in report.results
    )
    sections = "".join(
        f"<h2>{heading}</h2><ul>{''.join(f'<li>{e(i)}</li>' for i in items) or '<li>(none noted)</li>'}</ul>"
        for heading, items in (
            ("Strengths", report.strengths),
            ("Weaknesses", report.weaknesses),
            ("Improvements", report.improvements),
        )
    )
    delivery = (
        "<h2>Delivery (spoken answers)</h2><ul>"
        + "".join(f"<li>{e(line)}</li>" for line in report.delivery.lines())
        + "</ul>"
        if report.delivery is not None
        else ""
    )
    answers = "".join(
        f"<h3>Q{t.number} ({e(str(t.attempt))}) — {e(_verdict(t.grade.verdict))}</h3>"
        f"<blockquote>{e(t.prompt)}</blockquote><p>{e(t.answer)}</p>"
        + (f"<p><em>Feedback:</em> {e(t.grade.feedback)}</p>" if t.grade.feedback else "")
        + (f"<p><em>Delivery:</em> {e(t.delivery.summary())}</p>" if t.delivery else "")
        for t in report.turns
    )
    p = report.profile
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>body{{font-family:sans-serif;max-width:50em;margin:2em auto}}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em}</style>"
        f"</head><body><h1>{e(title)}</h1><p><b>Role:</b> {e(p.subject)} · <b>Type:</b> "
        f"{e(str(p.interview_type))} · <b>Mode:</b> {e(str(p.mode))}</p>"
        f"<p><b>{e(accuracy_line(report))}</b></p><table><tr><th>#</th><th>Question</th>"
        f"<th>Verdict</th><th>Score</th><th>Attempts</th></tr>{rows}</table>{delivery}{sections}"
        f"<h2>Answers</h2>{answers}</body></html>\n"
    )


def to_text(report: Report) -> str:
    """A compact plain-text report for plain mode and screen readers."""
    lines = ["REPORT", accuracy_line(report)]
    mean = report.mean_score
    if mean is not None:
        lines.append(f"Mean score: {mean:.1f}/10")
    for r in report.results:
        hint = ", hint used" if r.hint_used else ""
        score = f", score {r.score}" if r.score is not None else ""
        lines.append(f"Q{r.number}: {_verdict(r.verdict)}{score}{hint} - {r.question}")
    if report.delivery is not None:
        lines.append("Delivery:")
        lines += [f"  - {line}" for line in report.delivery.lines()]
    for heading, items in (
        ("Strengths", report.strengths),
        ("Weaknesses", report.weaknesses),
        ("Improvements", report.improvements),
    ):
        lines.append(f"{heading}:")
        lines += [f"  - {i}" for i in items] or ["  - (none noted)"]
    return "\n".join(lines)


def render(report: Report, fmt: str, meta: dict[str, Any] | None = None) -> str:
    if fmt == "md":
        return to_markdown(report)
    if fmt == "json":
        return to_json(report, meta)
    if fmt == "html":
        return to_html(report)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
