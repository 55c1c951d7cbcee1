"""Every attempt at one question across sessions, side by side, and what changed since the last.

An attempt is one question of one session: its first answer with any retry or follow-up. Its
result is the report's (core/reporting/report.py): the last graded answer, which holds all that
was said. The
key points that grade names as missing (`matching_key_point`) are missed; the question's other
key points count as covered. Graders name at most three missing points, so on a question with
more, "covered" is an upper bound.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# `_credit` is the "you stated…" form of a rubric point; its wording rules live there only.
from interbot_tui.core.grading.feedback import _credit, advice
from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.turn import Turn, by_question, last_graded
from interbot_tui.core.progress.key_points import missed_key_points
from interbot_tui.core.progress.stored_session import StoredSession
from interbot_tui.core.speech.delivery import summarise
from interbot_tui.core.text import words as words_of


@dataclass(frozen=True)
class AttemptView:
    """One question of one session, as the comparison shows it."""

    session_id: int
    number: int  # the question's number in that session
    at: float  # epoch seconds of its first answer
    question_id: str
    verdict: Verdict | None  # None: no answer could be graded
    score: int | None
    covered: tuple[str, ...]  # key points (rubric text); empty when not graded
    missed: tuple[str, ...]
    words: int  # all answers to the question in that session
    hint_used: bool
    wpm: float | None  # None when typed, or too little speech to say
    fillers_per_min: float | None
    long_pauses: int | None  # None when typed
    answer: str

    @property
    def graded(self) -> bool:
        return self.verdict is not None

    @property
    def spoken(self) -> bool:
        return self.long_pauses is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "number": self.number,
            "at": self.at,
            "date": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(self.at)),
            "question_id": self.question_id,
            "verdict": str(self.verdict) if self.verdict else None,
            "score": self.score,
            "covered": list(self.covered),
            "missed": list(self.missed),
            "words": self.words,
            "hint_used": self.hint_used,
            "wpm": self.wpm,
            "fillers_per_min": self.fillers_per_min,
            "long_pauses": self.long_pauses,
            "answer": self.answer,
        }


def attempt_view(session_id: int, turns: Sequence[Turn], started_at: float = 0.0) -> AttemptView:
    """The turns of one question in one session (in answer order) as one attempt; `started_at`
    dates turns stored without a time."""
    if not turns:
        raise ValueError("an attempt needs at least one turn")
    first = turns[0]
    best = last_graded(turns)  # as the report picks a question's result
    points = first.question.key_points
    covered: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    if best is not None:
        missed = tuple(missed_key_points(best.grade.missing, points))
        # An incorrect answer made none of them, whatever the list of missing points says
        # (graders name at most three).
        if best.grade.verdict is Verdict.INCORRECT:
            missed = tuple(points)
        else:
            covered = tuple(p for p in points if p not in missed)
    spoken = [t.delivery for t in turns if t.delivery is not None]
    summary = summarise(spoken) if spoken else None
    return AttemptView(
        session_id=session_id,
        number=first.number,
        at=first.at or started_at,
        question_id=first.question.id,
        verdict=best.grade.verdict if best else None,
        score=best.grade.score if best else None,
        covered=covered,
        missed=missed,
        words=sum(len(words_of(t.answer)) for t in turns),
        hint_used=any(t.hint_given for t in turns),
        wpm=(summary.wpm or None) if summary else None,  # 0: too little speech to say
        fillers_per_min=(
            round(summary.fillers_per_min, 2) if summary and summary.speaking_s else None
        ),
        long_pauses=summary.long_pauses if summary else None,
        answer="\n\n".join(t.answer for t in turns if t.answer.strip()),
    )


def attempts_of(sessions: Sequence[StoredSession], question_id: str) -> list[AttemptView]:
    """Every attempt at the question in every session, oldest first."""
    found = []
    for session in sessions:
        asked = (t for t in session.turns if t.question.id == question_id)
        found += [attempt_view(session.id, g, session.started_at) for g in by_question(asked)]
    return sorted(found, key=lambda a: (a.at, a.session_id, a.number))


# --- naming key points --------------------------------------------------------------------------


def _has_verb(point: str) -> bool:
    """Whether the rubric point opens with a verb about the candidate ("States a result")."""
    return _credit(point) != advice(point)


def point_name(point: str) -> str:
    """A key point's short name for a table: its topic without the rubric verb."""
    todo = advice(point)
    return todo.partition(" ")[2] if _has_verb(point) else todo


def _made(point: str) -> str:
    return _credit(point) if _has_verb(point) else f"you covered {advice(point)}"


def _not_made(point: str, still: str = "") -> str:
    todo = advice(point)
    return f"you {still}did not {todo}" if _has_verb(point) else f"you {still}left out {todo}"


# --- the table ----------------------------------------------------------------------------------

LABEL = 12  # the row names' column
GAP = 2
MIN_COLUMN = 16  # a date ("12 Dec 2026 10:04") fits
MAX_COLUMN = 24
NARROW_SHOWN = 3  # attempts shown when not all of them fit the width


def _date(at: float) -> str:
    tm = time.localtime(at)
    return f"{tm.tm_mday} {time.strftime('%b %Y %H:%M', tm)}"


def _result(a: AttemptView, sep: str = " ") -> str:
    if a.verdict is None:
        return "not graded"
    return str(a.verdict) if a.score is None else f"{a.verdict}{sep}{a.score}/10"


SAID_POINT = 70  # a key point named in feedback is cut at a word to about this length


def _cut(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a word when one ends past half of it."""
    if len(text) <= limit:
        return text
    head = text[: max(limit - 1, 1)]
    at_word = head.rsplit(" ", 1)[0]
    return (at_word if len(at_word) > limit // 2 else head).rstrip(" ,;") + "…"


def _names(points: tuple[str, ...], column: int) -> list[str]:
    return [_cut(f"· {point_name(p)}", column) for p in points]


def _cells(a: AttemptView, index: int, column: int) -> list[list[str]]:
    """One attempt's cells, a list of lines each, in row order."""
    points = len(a.covered) + len(a.missed)
    covered = [f"{len(a.covered)} of {points}", *_names(a.covered, column)] if a.graded else ["–"]
    missed = [str(len(a.missed)) if a.missed else "none", *_names(a.missed, column)]
    return [
        [_cut(f"#{index} session {a.session_id} Q{a.number}", column)],
        [_date(a.at)],
        [_result(a)],
        covered,
        missed if a.graded else ["–"],
        [str(a.words)],
        ["yes" if a.hint_used else "no"],
        ["typed" if not a.spoken else "–" if a.wpm is None else f"{a.wpm:.0f} wpm"],
        ["–" if a.fillers_per_min is None else f"{a.fillers_per_min:.1f}"],
        ["–" if a.long_pauses is None else str(a.long_pauses)],
    ]


ROWS = (
    "",
    "date",
    "result",
    "covered",
    "missed",
    "words",
    "hint",
    "pace",
    "fillers/min",
    "long pauses",
)


def shown_attempts(count: int, width: int = 80) -> int:
    """How many of the latest attempts the table shows at `width` columns."""
    fit = max((width - LABEL) // (MIN_COLUMN + GAP), 1)
    return count if count <= fit else min(NARROW_SHOWN, fit)


def compare_rows(
    attempts: Sequence[AttemptView], width: int = 80
) -> tuple[list[AttemptView], list[tuple[str, list[list[str]]]]]:
    """The attempts shown and, per row, its name and each attempt's cell lines (for a table
    widget; `compare_lines` lays them out as text)."""
    shown = list(attempts[len(attempts) - shown_attempts(len(attempts), width) :])
    first = len(attempts) - len(shown) + 1
    column = _column(len(shown), width)
    cells = [_cells(a, first + i, column) for i, a in enumerate(shown)]
    return shown, [(name, [c[row] for c in cells]) for row, name in enumerate(ROWS)]


def _column(shown: int, width: int) -> int:
    return max(min(MAX_COLUMN, (width - LABEL) // max(shown, 1) - GAP), 8)


def compare_lines(attempts: Sequence[AttemptView], width: int = 80) -> list[str]:
    """The attempts side by side, newest last, as plain text lines of at most `width`."""
    if not attempts:
        return []
    shown, rows = compare_rows(attempts, width)
    column = _column(len(shown), width)
    lines = []
    left_out = len(attempts) - len(shown)
    if left_out:
        older = f"{left_out} older attempt{'s' if left_out != 1 else ''}"
        lines.append(f"The latest {len(shown)} of {len(attempts)} attempts ({older} left out).")
    for name, cells in rows:
        for i in range(max(len(c) for c in cells)):
            label = name if i == 0 else ""
            parts = [(c[i] if i < len(c) else "").ljust(column) for c in cells]
            lines.append((label.ljust(LABEL) + "".join(" " * GAP + p for p in parts)).rstrip())
    return lines


# --- what changed -------------------------------------------------------------------------------

MUCH_LONGER = 1.5  # word-count ratio (either way) worth a mention…
MIN_WORDS_CHANGE = 20  # …when at least this many words apart
PACE_CHANGE_WPM = 20.0
FILLERS_CHANGE_PER_MIN = 1.5


def _day(at: float, now: float) -> str:
    tm = time.localtime(at)
    same_year = tm.tm_year == time.localtime(now).tm_year
    return f"{tm.tm_mday} {time.strftime('%b' if same_year else '%b %Y', tm)}"


def _score_clause(previous: AttemptView, current: AttemptView) -> str:
    if previous.score is None or current.score is None:
        if previous.graded and current.graded and previous.verdict != current.verdict:
            return f"this time it was {current.verdict}"
        return ""
    verdict = f" ({current.verdict})" if current.verdict != previous.verdict else ""
    if current.score > previous.score:
        return f"your score went up to {current.score}/10{verdict}"
    if current.score < previous.score:
        return f"your score went down to {current.score}/10{verdict}"
    return f"your score stayed at {current.score}/10"


def _point_clauses(previous: AttemptView, current: AttemptView) -> tuple[list[str], bool]:
    """What the key points say, and whether any of it is a change."""
    if not (previous.graded and current.graded):
        return [], False
    gained = [p for p in current.covered if p not in previous.covered]
    lost = [p for p in current.missed if p in previous.covered]
    still = [p for p in current.missed if p in previous.missed]
    clauses = []
    if len(gained) == 1:
        clauses.append("this time " + _cut(_made(gained[0]), SAID_POINT))
    elif gained:
        clauses.append(
            f"this time you made {len(gained)} more key points, among them "
            + _cut(point_name(gained[0]), SAID_POINT)
        )
    if lost:
        clauses.append(_cut(_not_made(lost[0]), SAID_POINT) + " this time")
    if still:
        clauses.append(_cut(_not_made(still[0], "still "), SAID_POINT))
    return clauses, bool(gained or lost)


def _delivery_clauses(previous: AttemptView, current: AttemptView) -> list[str]:
    clauses = []
    before, now = previous.words, current.words
    if not before:  # nothing was said last time: "longer" says nothing new
        before = now
    if abs(now - before) >= MIN_WORDS_CHANGE and max(now, 1) / max(before, 1) >= MUCH_LONGER:
        clauses.append(f"your answer was much longer ({now} words, {before} before)")
    elif abs(now - before) >= MIN_WORDS_CHANGE and max(before, 1) / max(now, 1) >= MUCH_LONGER:
        clauses.append(f"your answer was much shorter ({now} words, {before} before)")
    before_wpm, now_wpm = previous.wpm, current.wpm
    if (
        before_wpm is not None
        and now_wpm is not None
        and abs(now_wpm - before_wpm) >= PACE_CHANGE_WPM
    ):
        pace = "faster" if now_wpm > before_wpm else "slower"
        clauses.append(f"you spoke {pace} ({now_wpm:.0f} wpm, {before_wpm:.0f} before)")
    if previous.fillers_per_min is not None and current.fillers_per_min is not None:
        change = current.fillers_per_min - previous.fillers_per_min
        if abs(change) >= FILLERS_CHANGE_PER_MIN:
            clauses.append(
                f"you used {'more' if change > 0 else 'fewer'} filler words "
                f"({current.fillers_per_min:.1f} a minute, {previous.fillers_per_min:.1f} before)"
            )
    return clauses


def what_changed(previous: AttemptView, current: AttemptView) -> str:
    """One or two sentences, to "you", on how this attempt differs from the one before; "" when
    nothing notable changed."""
    score = _score_clause(previous, current)
    points, points_changed = _point_clauses(previous, current)
    other = _delivery_clauses(previous, current)
    score_changed = bool(score) and "stayed" not in score
    if not (score_changed or points_changed or other):
        return ""
    head = f"Since your last try on {_day(previous.at, current.at)} ({_result(previous, ', ')})"
    first = [c for c in (score, *points) if c]
    if not first:
        return _end(f"{head}: {'; '.join(other)}")
    text = _end(f"{head}: {'; '.join(first)}")
    if other:
        rest = "; ".join(other)
        text += f" {rest[0].upper()}{rest[1:]}."
    return text


def _end(sentence: str) -> str:
    """A full stop, unless a shortened key point already ends the sentence with "…"."""
    return sentence if sentence.endswith("…") else sentence + "."
