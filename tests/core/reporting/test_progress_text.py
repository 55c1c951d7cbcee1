"""The per-figure summary lines the Progress screen shows above the tables."""

from __future__ import annotations

from interbot_tui.core.progress import build_progress
from interbot_tui.core.reporting.progress_text import kind_rows, summary_lines
from tests.core.progress._sessions import backend_sessions


def test_summary_lines_in_words_and_arrows() -> None:
    lines = summary_lines(build_progress(backend_sessions()))
    assert lines[0] == "  accuracy              50%  ↓ worse   ±0 points since a week ago"
    assert lines[1] == "  mean score            6.0  → steady  -1.5 since a week ago"
    assert all(len(line) <= 76 for line in lines)


def test_one_session_has_no_trend_yet_and_no_week_change() -> None:
    lines = summary_lines(build_progress(backend_sessions()[:1]))
    assert lines[0] == "  accuracy              67%  (one session: no trend yet)"
    assert not any("week ago" in line for line in lines)


def test_kind_rows_without_the_overall_row() -> None:
    progress = build_progress(backend_sessions())
    assert kind_rows(progress)[1].startswith("  all questions")
    assert not any("all questions" in row for row in kind_rows(progress, overall=False))
