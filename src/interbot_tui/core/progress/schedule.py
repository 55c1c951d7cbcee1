"""Which past questions are due for practice again: a small Leitner scheduler over history.

Each session counts once per question: its final grade there, chosen as `outcome.outcomes`
chooses it (the last graded attempt: a retry is graded with the first answer, a follow-up keeps
the better grade), plus whether a hint or the model answer was given on the way. Classified:

- good: correct, with no hint and nothing revealed;
- shaky: partial (nothing revealed), or correct only after a hint;
- missed: incorrect, or the model answer was revealed.

An answer no grade could be made for (the grader failed) is not an attempt: it says nothing
about the candidate, and counting it would reset a streak they earned. A question whose every
answer is ungraded is therefore never scheduled.

The latest attempt sets the interval (missed: minutes, shaky: a day, good: 3 days doubling per
consecutive good answer). Due questions are ranked by their misses, recent ones weighing more,
then by the key points missed most often, then by how overdue they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.turn import Turn, by_question
from interbot_tui.core.progress.key_points import missed_key_points
from interbot_tui.core.progress.outcome import outcomes
from interbot_tui.core.progress.role_filter import role_matches
from interbot_tui.core.progress.session_point import iso
from interbot_tui.core.progress.stored_session import StoredSession
from interbot_tui.core.questions.question import Kind, Question, Source

MINUTE = 60.0
DAY = 24 * 3600.0

# Short enough that the next practice brings a miss back, long enough not to ask it twice in a row.
MISSED_INTERVAL = 10 * MINUTE
# Half known: one more go tomorrow, before it fades.
SHAKY_INTERVAL = 1 * DAY
# Known today: check after a few days that it held; each further good answer doubles this.
GOOD_INTERVAL = 3 * DAY
# The doubling stops at two months, so nothing learned drops out of practice for good.
MAX_INTERVAL = 60 * DAY
# Each later attempt halves the weight of an earlier one: what was missed lately counts most.
RECENCY_DECAY = 0.5
# How much a shaky answer counts toward urgency, against 1 for a miss.
SHAKY_WEIGHT = 0.5
# At most 2/3 of a practice session is review, so fresh questions of the same domains fill a third.
REVIEW_SHARE = (2, 3)

GOOD = "good"
SHAKY = "shaky"
MISSED = "missed"
_MISS_VALUE = {GOOD: 0.0, SHAKY: SHAKY_WEIGHT, MISSED: 1.0}


@dataclass(frozen=True)
class DueQuestion:
    """A past question due for practice, with why."""

    question: Question  # the latest stored version
    due_at: float  # epoch seconds
    last_at: float  # when it was last answered
    attempts: int  # graded sessions it was answered in
    misses: int  # of those, missed
    last_outcome: str  # good | shaky | missed
    missed_points: tuple[str, ...]  # key points missed last time, most often missed first
    reason: str  # e.g. "missed 2 of 3 times; last time incorrect"

    def to_dict(self) -> dict[str, Any]:
        return {
            "question_id": self.question.id,
            "question": self.question.text,
            "domain": self.question.domain,
            "due_at": iso(self.due_at),
            "last_at": iso(self.last_at),
            "attempts": self.attempts,
            "misses": self.misses,
            "last_outcome": self.last_outcome,
            "missed_points": list(self.missed_points),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class _Attempt:
    at: float
    session_id: int
    outcome: str
    detail: str  # "incorrect after a hint, answer revealed"
    missed_points: tuple[str, ...]


@dataclass(frozen=True)
class _Scheduled:
    due: DueQuestion
    urgency: float  # recency-weighted misses
    point_urgency: float  # recency-weighted misses of its most-missed key point
    order: int  # when it was first asked, for stable ties


def classify(group: Sequence[Turn], last: Turn) -> str:
    """good | shaky | missed for one question in one session: `group` is all its turns there,
    `last` the graded turn that decides (see the module docstring)."""
    hint = any(t.hint_given for t in group)
    revealed = any(t.revealed for t in group)
    if last.grade.verdict is Verdict.INCORRECT or revealed:
        return MISSED
    if last.grade.verdict is Verdict.PARTIAL or hint:
        return SHAKY
    return GOOD


def _detail(group: Sequence[Turn], last: Turn) -> str:
    text = str(last.grade.verdict)
    if any(t.hint_given for t in group):
        text += " after a hint"
    if any(t.revealed for t in group):
        text += ", answer revealed"
    return text


def _history(
    sessions: Sequence[StoredSession], role: str | None
) -> tuple[dict[str, list[_Attempt]], dict[str, Question]]:
    """Graded attempts per question id in time order (ids in first-asked order), and the
    latest stored version of each question."""
    history: dict[str, list[_Attempt]] = {}
    latest: dict[str, tuple[tuple[float, int], Question]] = {}
    for session in sorted(sessions, key=lambda s: (s.started_at, s.id)):
        if not role_matches(session.role, role):
            continue
        by_number = {group[0].number: group for group in by_question(session.turns)}
        in_session: dict[str, _Attempt] = {}  # one outcome per session: its last asking
        for o in outcomes(session.turns, session.started_at):
            q = o.question
            if q.id not in latest or (o.at, session.id) >= latest[q.id][0]:
                latest[q.id] = ((o.at, session.id), q)
            if o.last is None:
                continue
            group = by_number[o.first.number]
            missed = missed_key_points(o.last.grade.missing, q.key_points)
            in_session[q.id] = _Attempt(
                o.at, session.id, classify(group, o.last), _detail(group, o.last), tuple(missed)
            )
        for qid, attempt in in_session.items():
            history.setdefault(qid, []).append(attempt)
    for attempts in history.values():
        attempts.sort(key=lambda a: (a.at, a.session_id))
    return history, {qid: q for qid, (_, q) in latest.items()}


def _schedulable(question: Question) -> bool:
    """Warm-ups are small talk; a generated question without key points has nothing to check."""
    if question.kind is Kind.WARMUP:
        return False
    return not (question.source is Source.GENERATED and not question.key_points)


def _interval(outcome: str, streak: int) -> float:
    if outcome == MISSED:
        return MISSED_INTERVAL
    if outcome == SHAKY:
        return SHAKY_INTERVAL
    return float(min(GOOD_INTERVAL * 2 ** (streak - 1), MAX_INTERVAL))


def _times(n: int) -> str:
    return f"{n} time" if n == 1 else f"{n} times"


def _reason(attempts: Sequence[_Attempt], misses: int, streak: int) -> str:
    last = attempts[-1]
    if misses:
        return f"missed {misses} of {_times(len(attempts))}; last time {last.detail}"
    if last.outcome == GOOD:
        return f"correct {_times(streak)} in a row; due for a review"
    return f"last time {last.detail}"


def _schedule(question: Question, attempts: Sequence[_Attempt], order: int) -> _Scheduled:
    last = attempts[-1]
    streak = 0
    for attempt in reversed(attempts):
        if attempt.outcome != GOOD:
            break
        streak += 1
    n = len(attempts)
    weights = [RECENCY_DECAY ** (n - 1 - i) for i in range(n)]
    urgency = sum(w * _MISS_VALUE[a.outcome] for w, a in zip(weights, attempts, strict=True))
    point_misses: defaultdict[str, float] = defaultdict(float)
    for w, a in zip(weights, attempts, strict=True):
        for point in a.missed_points:
            point_misses[point] += w
    misses = sum(a.outcome == MISSED for a in attempts)
    # sorted() is stable: equally missed points keep the grader's order.
    points = tuple(sorted(last.missed_points, key=lambda p: -point_misses[p]))
    due = DueQuestion(
        question=question,
        due_at=last.at + _interval(last.outcome, streak),
        last_at=last.at,
        attempts=n,
        misses=misses,
        last_outcome=last.outcome,
        missed_points=points,
        reason=_reason(attempts, misses, streak),
    )
    return _Scheduled(due, urgency, max(point_misses.values(), default=0.0), order)


def _scheduled(sessions: Sequence[StoredSession], role: str | None) -> list[_Scheduled]:
    history, latest = _history(sessions, role)
    return [
        _schedule(latest[qid], attempts, order)
        for order, (qid, attempts) in enumerate(history.items())
        if _schedulable(latest[qid])
    ]


def due_questions(
    sessions: Sequence[StoredSession], now: float, *, role: str | None = None
) -> list[DueQuestion]:
    """Questions due at `now` (due_at <= now), most urgent first: recency-weighted misses, then
    the recency-weighted misses of the question's most-missed key point, then the most overdue,
    then the first asked. `role` keeps the sessions `role_matches` keeps."""
    due = [s for s in _scheduled(sessions, role) if s.due.due_at <= now]
    due.sort(key=lambda s: (-s.urgency, -s.point_urgency, s.due.due_at, s.order))
    return [s.due for s in due]


def next_due(
    sessions: Sequence[StoredSession], now: float, role: str | None = None
) -> float | None:
    """When the next question becomes due after `now` (for "nothing is due until …"); None
    when no question is scheduled after `now`."""
    later = [s.due.due_at for s in _scheduled(sessions, role) if s.due.due_at > now]
    return min(later, default=None)


def review_slots(count: int) -> int:
    """How many of `count` questions a practice session gives to review: ceil(2/3 × count)."""
    share, whole = REVIEW_SHARE
    return max(-(-share * count // whole), 0)


def practice_plan(
    sessions: Sequence[StoredSession],
    now: float,
    count: int,
    *,
    role: str | None = None,
    mix_fresh: bool = True,
) -> list[Question]:
    """The due questions for a practice session of `count` questions, most urgent first.

    Contract: with `mix_fresh` (the default) at most `review_slots(count)` = ceil(2/3 × count)
    come back, and fewer when fewer are due; the caller fills the remaining slots with fresh
    questions of the same domains (and all of them when this is empty, or says nothing is due,
    see `next_due`). Without `mix_fresh`, up to `count` due questions."""
    limit = review_slots(count) if mix_fresh else max(count, 0)
    return [d.question for d in due_questions(sessions, now, role=role)[:limit]]


def practising_ids(plan: Iterable[Question | DueQuestion]) -> set[str]:
    """The question ids a plan practises: a normal interview avoids recent questions except these."""
    return {(item.question if isinstance(item, DueQuestion) else item).id for item in plan}
