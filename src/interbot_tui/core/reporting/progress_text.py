"""Progress as plain text for an 80-column terminal: no colour, no cursor moves, so it reads
the same with NO_COLOR, in a pipe and in a screen reader. `interbot progress` prints it; the
Progress screen shows the same lines under its chart."""

from __future__ import annotations

import textwrap
import time

from interbot_tui.core.grading.feedback import advice
from interbot_tui.core.progress import METRICS, Missed, Progress, Scores, SessionPoint, Trend

WIDTH = 80
MAX_SESSIONS = 12  # rows in the sessions table; earlier ones are counted, not shown
ARROWS = {"up": "↑", "down": "↓", "flat": "→"}
KIND_LABELS = {
    "warmup": "warm-up",
    "technical": "technical",
    "behavioural": "behavioural",
    "system_design": "system design",
}
RATES = ("accuracy", "first_try", "coverage", "star", "face_share")


def _date(epoch: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(epoch))


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _change(t: Trend) -> str:
    """Since a week ago: percentage points for rates, the figure's own unit otherwise."""
    if t.week_change is None:
        return ""
    if t.metric in RATES:
        points = round(t.week_change * 100)
        return "±0" if points == 0 else f"{points:+d}"
    digits = 0 if t.metric == "wpm" else 1
    rounded = round(t.week_change, digits)
    return "±0" if rounded == 0 else f"{rounded:+.{digits}f}"


def _value(t: Trend) -> str:
    if t.metric in RATES:
        return _pct(t.latest)
    return _num(t.latest, 0 if t.metric == "wpm" else 1)


def cell(t: Trend) -> str:
    """Latest value, trend arrow, change since a week ago: "67% ↑ +17"."""
    if t.latest is None:
        return "–"
    return " ".join(p for p in (_value(t), ARROWS.get(t.direction or "", ""), _change(t)) if p)


def _short(text: str, width: int) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder="…")


def session_rows(sessions: list[SessionPoint]) -> list[str]:
    head = f"{'Date':10}  {'Role':24}  {'Qs':>3}  {'Accuracy':>8}  {'Score':>5}  "
    lines = [head + f"{'First try':>9}  {'Key pts':>7}"]
    shown = sessions[-MAX_SESSIONS:]
    if len(sessions) > len(shown):
        lines.append(f"… {len(sessions) - len(shown)} earlier sessions")
    for s in shown:
        o: Scores = s.overall
        role = _short(s.role + (f" ({s.topic})" if s.topic else ""), 24) or "–"
        mark = "*" if s.status != "finished" else " "
        lines.append(
            f"{_date(s.started_at)}{mark} {role:24}  {o.questions:>3}  {_pct(o.accuracy):>8}  "
            f"{_num(o.mean_score):>5}  {_pct(o.first_try):>9}  {_pct(o.coverage):>7}"
        )
    if any(s.status != "finished" for s in shown):
        lines.append("* not finished (interrupted)")
    return lines


def group_rows(title: str, groups: dict[str, tuple[int, dict[str, Trend]]]) -> list[str]:
    head = f"{title:20}{'Qs':>4}  {'Accuracy':12}{'Score':12}{'First try':12}{'Key pts':12}"
    lines = [head.rstrip()]
    for name, (questions, trends) in groups.items():
        cells = "".join(
            f"{cell(trends[m]):12}" for m in ("accuracy", "mean_score", "first_try", "coverage")
        )
        lines.append(f"  {_short(name, 18):18}{questions:>4}  {cells}".rstrip())
    return lines


def delivery_lines(progress: Progress) -> list[str]:
    lines = []
    if progress.delivery:
        spoken = len(progress.delivery["fillers_per_min"].points)
        lines.append(f"Delivery, {spoken} session{'s' if spoken != 1 else ''} with spoken answers:")
        labels = {"wpm": "pace (words a minute)", "fillers_per_min": "fillers a minute"}
        labels["pauses_per_min"] = "long pauses a minute"
        for metric, label in labels.items():
            lines.append(f"  {label:24}{cell(progress.delivery[metric])}")
    if progress.face_share is not None:
        seen = len(progress.face_share.points)
        lines.append(
            f"On camera ({seen} session{'s' if seen != 1 else ''}): face in frame "
            f"{cell(progress.face_share)}"
        )
    return lines


def _missed(m: Missed) -> str:
    return f"missed {m.missed} of {m.asked}, last {_date(m.last_missed)}"


def practise_lines(
    progress: Progress, points: int = 5, questions: int = 3, width: int = WIDTH
) -> list[str]:
    weak = progress.weak
    if not (weak.key_points or weak.questions or weak.star_parts):
        return ["Practise next: nothing missed so far. Try a harder difficulty."]
    lines = ["Practise next:"]
    for m in weak.key_points[:points]:
        todo = advice(m.name)  # "describe a specific process", not the rubric's third person
        lines.append(f"  - {_short(todo[:1].upper() + todo[1:], 44)} ({_missed(m)})")
        lines.append(f"      in: {_short(m.question, width - 10)}")
    for m in weak.questions[:questions]:
        again = "; right last time" if m.right_since else ""
        kind = f"{m.domain}, " if m.domain else ""
        lines.append(f"  - Q: {_short(m.name, width - 6)}")
        lines.append(f"      {kind}{_missed(m)}{again}")
    if weak.star_parts:
        parts = ", ".join(f"{m.name} {m.missed} of {m.asked}" for m in weak.star_parts)
        lines.append(f"  - STAR parts missed in behavioural answers: {parts}")
    if weak.domains:
        worst = ", ".join(f"{m.name} ({m.missed} of {m.asked})" for m in weak.domains[:3])
        lines.append("  - " + _short(f"Domains with most misses: {worst}", width - 4))
    return lines


_WORDS = {True: "better", False: "worse"}


def summary_lines(progress: Progress) -> list[str]:
    """One line per overall figure, in words as well as arrows (for NO_COLOR and screen
    readers): "  accuracy             50%  ↑ better  +17 points since a week ago"."""
    lines = []
    for metric, t in progress.overall.items():
        if t.latest is None:
            continue
        if t.direction is None:
            how = "  (one session: no trend yet)"
        else:
            word = _WORDS.get(t.improving) if t.improving is not None else None
            how = f"  {ARROWS[t.direction]} {word or ('steady' if t.direction == 'flat' else t.direction)}"
        change = _change(t)
        if change:
            unit = " points" if metric in RATES else ""
            change = f"  {change}{unit} since a week ago"
        lines.append(f"  {METRICS[metric].label:20}{_value(t):>5}{how:10}{change}".rstrip())
    return lines


def kind_rows(progress: Progress, overall: bool = True) -> list[str]:
    """By question kind, after an "all questions" row unless `overall` is False."""
    s = progress.sessions
    rows = {"all questions": (sum(p.overall.questions for p in s), progress.overall)}
    kinds = {KIND_LABELS.get(k, k): (g.questions, g.trends) for k, g in progress.by_kind.items()}
    return group_rows("By question kind", (rows if overall else {}) | kinds)


def domain_rows(progress: Progress) -> list[str]:
    return group_rows(
        "By domain", {k: (g.questions, g.trends) for k, g in progress.by_domain.items()}
    )


KEY = [
    "Each figure: the latest session's value, the trend over sessions (↑ ↓ →: a",
    "least-squares slope per session) and the change since a week ago (percentage",
    "points for rates; blank with no session a week older).",
]


def headline(progress: Progress) -> str:
    s = progress.sessions
    span = _date(s[0].started_at) + (f" to {_date(s[-1].started_at)}" if len(s) > 1 else "")
    role = f', roles containing "{progress.role}"' if progress.role else ""
    return f"Progress: {len(s)} session{'s' if len(s) != 1 else ''}, {span}{role}"


def progress_lines(progress: Progress) -> list[str]:
    lines = [headline(progress), "", *session_rows(progress.sessions), ""]
    lines += kind_rows(progress)
    lines.append("")
    lines += domain_rows(progress)
    star = progress.overall["star"]
    if star.latest is not None:
        lines += ["", f"STAR parts present in behavioural answers: {cell(star)}"]
    extra = delivery_lines(progress)
    if extra:
        lines += ["", *extra]
    lines += ["", *KEY, "", *practise_lines(progress)]
    return lines
