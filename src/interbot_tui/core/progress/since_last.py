"""What changed since the previous sessions of the same role, as a few short English lines for
the end-of-interview report: "Accuracy 5/8, up from 3/8 last time (12 Nov)."

Both sides are counted as `interbot progress` counts them (each question's last graded attempt;
ungraded questions left out), so the report never disagrees with progress about a past session.
"Last time" is the latest earlier session of the role with a graded answer; a figure the last
session lacks (no behavioural question, nothing spoken) is compared with the latest session that
has it, and then dated ("on 12 Nov"). Up or down is decided on the numbers as shown, so a line
never says "up from 6.8" about 6.8.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from interbot_tui.core.grading.feedback import advice
from interbot_tui.core.grading.star import Star
from interbot_tui.core.i18n.phrases import ENGLISH
from interbot_tui.core.interview.turn import Turn
from interbot_tui.core.profile import Profile
from interbot_tui.core.progress.key_points import missed_key_points
from interbot_tui.core.progress.outcome import QuestionOutcome
from interbot_tui.core.progress.role_filter import role_matches
from interbot_tui.core.progress.scores import Scores, score
from interbot_tui.core.progress.session_point import SessionPoint, session_point
from interbot_tui.core.progress.stored_session import StoredSession
from interbot_tui.core.questions.question import Kind

MEAN_OVER = 3  # the mean score is compared with (up to) this many latest sessions
MAX_POINT_LINES = 2  # key points missed again on a repeated question
# English month names whatever the locale: the lines are English.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(epoch: float) -> str:
    tm = time.localtime(epoch)
    return f"{tm.tm_mday} {_MONTHS[tm.tm_mon - 1]}"


def _when(point: SessionPoint, last: SessionPoint) -> str:
    return "last time" if point.id == last.id else f"on {_day(point.started_at)}"


def _sign(now: float, was: float) -> int:
    return (now > was) - (now < was)


def _compare(label: str, now: str, was: str, sign: int, when: str, same: str = "") -> str:
    """ "label now, up from was when." — or "the same as" / "level with", when the sign is 0."""
    if sign:
        return f"{label} {now}, {'up' if sign > 0 else 'down'} from {was} {when}."
    if same:
        return f"{label} {now}, the same as {same}."
    return f"{label} {now}, level with {was} {when}."


def _counts(a: Scores, b: Scores) -> bool:
    return (a.correct, a.questions) == (b.correct, b.questions)


def _accuracy(now: Scores, last: SessionPoint) -> str:
    was = last.overall
    sign = _sign(now.correct * was.questions, was.correct * now.questions)  # exact rates
    same = _counts(now, was)
    when = f"last time ({_day(last.started_at)})"
    text, was_text = f"{now.correct}/{now.questions}", f"{was.correct}/{was.questions}"
    return _compare("Accuracy", text, was_text, sign, when, when if same else "")


def _mean(now: Scores, earlier: Sequence[SessionPoint]) -> list[str]:
    recent = earlier[-MEAN_OVER:]
    was = score([o for p in recent for o in p.outcomes]).mean_score
    if now.mean_score is None or was is None:
        return []
    shown_now, shown_was = f"{now.mean_score:.1f}", f"{was:.1f}"
    if len(recent) == 1:
        when = same = f"last time ({_day(recent[0].started_at)})"
    else:
        when, same = f"across your last {len(recent)} sessions", f"your last {len(recent)} sessions"
    sign = _sign(float(shown_now), float(shown_was))
    return [_compare("Mean score", f"{shown_now}/10", shown_was, sign, when, same)]


def _graded(scores: Scores | None) -> bool:
    return scores is not None and scores.questions > 0


def _kinds(current: SessionPoint, earlier: Sequence[SessionPoint]) -> list[str]:
    lines = []
    for kind in Kind:
        now = current.by_kind.get(kind)
        if kind is Kind.WARMUP or now is None or not _graded(now):
            continue
        having = [p for p in earlier if _graded(p.by_kind.get(kind))]
        if not having:
            continue
        then = having[-1]
        was = then.by_kind[kind]
        if then is earlier[-1] and _counts(now, current.overall) and _counts(was, then.overall):
            continue  # the only kind both times: the accuracy line already says it
        sign = _sign(now.correct * was.questions, was.correct * now.questions)
        same = _counts(now, was)
        when = _when(then, earlier[-1])
        lines.append(
            _compare(
                f"{ENGLISH[f'kind_{kind}'].capitalize()} answers:",
                f"{now.correct}/{now.questions} correct",
                f"{was.correct}/{was.questions}",
                sign,
                when,
                when if same else "",
            )
        )
    return lines


def _star_missed(point: SessionPoint) -> set[Star] | None:
    """The STAR parts some behavioural answer missed; None when no answer has a STAR note."""
    notes = [m for o in point.outcomes if (m := o.star_missing) is not None]
    return None if not notes else {part for missing in notes for part in missing}


def _parts(parts: Sequence[Star]) -> str:
    names = [f"the {p.value}" for p in parts]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _star(current: SessionPoint, earlier: Sequence[SessionPoint]) -> list[str]:
    now = _star_missed(current)
    noted = [(p, was) for p in earlier if (was := _star_missed(p)) is not None]
    if now is None or not noted:
        return []
    then, was = noted[-1]
    when = _when(then, earlier[-1])
    still = [p for p in Star if p in now and p in was]
    fixed = [p for p in Star if p in was and p not in now]
    lines = []
    if still:
        tail = "" if when == "last time" else f", as {when}"
        lines.append(f"Behavioural answers still miss {_parts(still)}{tail}.")
    if fixed:
        lines.append(f"Behavioural answers now give {_parts(fixed)}, missed {when}.")
    return lines


def _missed(outcome: QuestionOutcome) -> list[str]:
    last = outcome.last
    return (
        [] if last is None else missed_key_points(last.grade.missing, outcome.question.key_points)
    )


def _points(current: SessionPoint, earlier: Sequence[SessionPoint]) -> list[str]:
    """Key points of a question asked again that were missed both times."""
    lines = []
    for o in current.outcomes:
        before = [
            (p, e)
            for p in earlier
            for e in p.outcomes
            if e.question.id == o.question.id and e.graded
        ]
        if not before or not (now := _missed(o)):
            continue
        then, old = before[-1]
        when = "as last time" if then is earlier[-1] else f"as on {_day(then.started_at)}"
        for point in (kp for kp in now if kp in _missed(old)):
            lines.append(f"Still to work on, {when} — Q{o.first.number}: {advice(point)}.")
    return lines[:MAX_POINT_LINES]


def _delivery(current: SessionPoint, earlier: Sequence[SessionPoint]) -> list[str]:
    now = current.delivery
    spoken = [(p, p.delivery) for p in earlier if p.delivery is not None]
    if now is None or not spoken:
        return []
    then, was = spoken[-1]
    when = _when(then, earlier[-1])
    lines = []
    if now.wpm and was.wpm:  # 0: too little speech to state a pace
        a, b = f"{now.wpm:.0f}", f"{was.wpm:.0f}"
        lines.append(_compare("Pace", f"{a} words/min", b, _sign(int(a), int(b)), when, when))
    a, b = f"{now.fillers_per_min:.1f}", f"{was.fillers_per_min:.1f}"
    lines.append(_compare("Fillers", f"{a}/min", b, _sign(float(a), float(b)), when, when))
    return lines


def since_last(
    profile: Profile, turns: Sequence[Turn], earlier: Sequence[StoredSession]
) -> list[str]:
    """This session against the earlier ones of `profile.role` (`earlier` may hold any role and
    the session itself must not be in it); [] when there is none to compare with."""
    start = min((t.at for t in turns if t.at), default=0.0)
    current = session_point(StoredSession(0, start, profile.role, "finished", tuple(turns)))
    kept = sorted(
        (s for s in earlier if s.turns and role_matches(s.role, profile.role)), key=lambda s: s.id
    )
    points = [p for p in map(session_point, kept) if p.overall.questions]
    if not points or not current.overall.questions:
        return []
    return [
        _accuracy(current.overall, points[-1]),
        *_mean(current.overall, points),
        *_kinds(current, points),
        *_star(current, points),
        *_points(current, points),
        *_delivery(current, points),
    ]
