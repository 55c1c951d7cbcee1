"""The report's "compared with earlier sessions" lines, with figures worked out by hand."""

from __future__ import annotations

import time

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.interview.turn import Turn
from interbot_tui.core.profile import Profile
from interbot_tui.core.progress import StoredSession
from interbot_tui.core.progress.since_last import since_last
from tests.core.progress._sessions import DAY, Q1, Q2, Q4, Q5, Q6, SLOW_UMMY, STEADY, turn

NOV_12 = time.mktime((2026, 11, 12, 12, 0, 0, 0, 0, -1))  # local noon: the same date in any TZ
BACKEND = Profile(role="Backend engineer")


def stored(
    sid: int, turns: list[Turn], role: str = "Backend engineer", day: int = 0
) -> StoredSession:
    return StoredSession(sid, NOV_12 + day * DAY, role, "finished", tuple(turns))


LAST = stored(
    1,
    [
        turn(1, Q1, Verdict.PARTIAL, 5, ("gamma point",)),
        turn(2, Q4, Verdict.CORRECT, 8),
        turn(3, Q2, Verdict.PARTIAL, 5, communication="STAR: missing situation, result"),
    ],
)
NOW = [
    turn(1, Q1, Verdict.PARTIAL, 6, ("gamma point",)),
    turn(2, Q4, Verdict.CORRECT, 9),
    turn(3, Q6, Verdict.CORRECT, 9),
    turn(4, Q2, Verdict.PARTIAL, 6, communication="STAR: missing result"),
]


def test_up_by_kind_and_what_is_still_missed() -> None:
    others = [
        stored(2, [turn(1, Q5, Verdict.CORRECT, 10)], role="Data scientist", day=1),
        stored(3, [], day=2),  # never answered
        stored(4, [turn(1, Q1, None, None)], day=3),  # nothing could be graded
    ]
    assert since_last(BACKEND, NOW, [LAST, *others]) == [
        "Accuracy 2/4, up from 1/3 last time (12 Nov).",
        "Mean score 7.5/10, up from 6.0 last time (12 Nov).",
        "Technical answers: 2/3 correct, up from 1/2 last time.",
        "Behavioural answers: 0/1 correct, the same as last time.",
        "Behavioural answers still miss the result.",
        "Behavioural answers now give the situation, missed last time.",
        "Still to work on, as last time — Q1: gamma point.",
    ]


def test_down_unchanged_and_level() -> None:
    both = stored(1, [turn(1, Q1, Verdict.CORRECT, 8), turn(2, Q4, Verdict.CORRECT, 9)])
    down = since_last(BACKEND, [turn(1, Q1, Verdict.PARTIAL, 5), turn(2, Q4, None, None)], [both])
    assert down == [
        "Accuracy 0/1, down from 2/2 last time (12 Nov).",
        "Mean score 5.0/10, down from 8.5 last time (12 Nov).",
    ]
    same = since_last(BACKEND, list(both.turns), [both])
    assert same == [
        "Accuracy 2/2, the same as last time (12 Nov).",
        "Mean score 8.5/10, the same as last time (12 Nov).",
    ]
    # A technical-only session both times: no "Technical answers" line repeating the accuracy.
    half = [turn(1, Q1, Verdict.CORRECT, 8), turn(2, Q4, Verdict.INCORRECT, 2)]
    level = stored(1, [*half, turn(3, Q6, Verdict.CORRECT, 8), turn(4, Q5, Verdict.PARTIAL, 5)])
    assert (
        since_last(BACKEND, half, [level])[0] == "Accuracy 1/2, level with 2/4 last time (12 Nov)."
    )


def test_mean_score_over_the_last_three_sessions_and_other_roles_ignored() -> None:
    sessions = [
        stored(1, [turn(1, Q1, Verdict.INCORRECT, 1)]),  # the fourth latest: left out of the mean
        stored(2, [turn(1, Q1, Verdict.PARTIAL, 4)], day=1),
        stored(3, [turn(1, Q1, Verdict.PARTIAL, 6), turn(2, Q4, Verdict.CORRECT, 8)], day=2),
        stored(4, [turn(1, Q5, Verdict.CORRECT, 10)], role="Data scientist", day=3),
        stored(5, [turn(1, Q1, Verdict.CORRECT, 8)], day=4),
    ]
    lines = since_last(BACKEND, [turn(1, Q4, Verdict.CORRECT, 9)], sessions)
    assert lines == [
        "Accuracy 1/1, the same as last time (16 Nov).",
        "Mean score 9.0/10, up from 6.5 across your last 3 sessions.",  # (4 + 6 + 8 + 8) / 4
    ]


def test_a_figure_the_last_session_lacks_is_compared_with_an_older_one_and_dated() -> None:
    spoken = stored(
        1,
        [
            turn(1, Q1, Verdict.CORRECT, 8, delivery=SLOW_UMMY),
            turn(2, Q2, Verdict.PARTIAL, 5, communication="STAR: missing result"),
        ],
    )
    typed = stored(2, [turn(1, Q4, Verdict.CORRECT, 8)], day=2)
    now = [
        turn(1, Q6, Verdict.CORRECT, 8, delivery=STEADY),
        turn(2, Q2, Verdict.PARTIAL, 5, communication="STAR: missing result"),
    ]
    assert since_last(BACKEND, now, [spoken, typed])[2:] == [
        "Technical answers: 1/1 correct, the same as last time.",
        "Behavioural answers: 0/1 correct, the same as on 12 Nov.",
        "Behavioural answers still miss the result, as on 12 Nov.",
        "Pace 150 words/min, up from 100 on 12 Nov.",
        "Fillers 1.0/min, down from 3.0 on 12 Nov.",
    ]


def test_delivery_when_both_sessions_were_spoken() -> None:
    last = stored(1, [turn(1, Q1, Verdict.CORRECT, 8, delivery=STEADY)])
    now = [turn(1, Q4, Verdict.CORRECT, 8, delivery=SLOW_UMMY)]
    assert since_last(BACKEND, now, [last])[2:] == [
        "Pace 100 words/min, down from 150 last time.",
        "Fillers 3.0/min, up from 1.0 last time.",
    ]
    typed_now = [turn(1, Q4, Verdict.CORRECT, 8)]
    assert not any("Pace" in line for line in since_last(BACKEND, typed_now, [last]))


def test_nothing_to_compare_with() -> None:
    assert since_last(BACKEND, NOW, []) == []
    other = stored(1, [turn(1, Q5, Verdict.CORRECT, 10)], role="Data scientist")
    assert since_last(BACKEND, NOW, [other]) == []
    assert since_last(BACKEND, [turn(1, Q1, None, None)], [LAST]) == []  # nothing graded now
