"""The launches that come from history: answer one past question again, practise what you
missed, continue an interrupted interview. Shared by the commands and the full-screen app;
each raises StoreError with a message that says what to do."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace

from interbot_tui.core.interview.plan import SessionKind, Slot
from interbot_tui.core.profile import MAX_QUESTIONS, Profile
from interbot_tui.core.questions.question import Kind, Question
from interbot_tui.session.launch import Launch
from interbot_tui.store.sessions import Store, StoreError

DEFAULT_PRACTICE = 5  # questions in a practice session unless asked otherwise


@dataclass(frozen=True)
class Prepared:
    """A launch with the profile it runs under and a line telling the user what it is."""

    profile: Profile
    launch: Launch
    summary: str


def session_profile(store: Store, session_id: int) -> Profile:
    row = store.db.execute("SELECT profile FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        raise StoreError(f"no session {session_id}; `interbot history` lists them")
    return Profile.from_dict(json.loads(row[0]))


def asked_question(store: Store, session_id: int, number: int) -> Question:
    """Question `number` of a session, as it was asked."""
    row = store.db.execute(
        "SELECT data FROM questions WHERE session_id = ? AND number = ?", (session_id, number)
    ).fetchone()
    if row is not None:
        return Question.from_dict(json.loads(row[0]))
    for turn in store.turns(session_id):  # sessions stored before questions were kept
        if turn.number == number:
            return turn.question
    numbers = sorted({t.number for t in store.turns(session_id)})
    session_profile(store, session_id)  # no such session: says so
    have = f"questions {numbers[0]}-{numbers[-1]}" if numbers else "no answered questions"
    raise StoreError(f"session {session_id} has {have}; `interbot report {session_id}` lists them")


def retry_launch(store: Store, session_id: int, number: int) -> Prepared:
    question = asked_question(store, session_id, number)
    profile = replace(session_profile(store, session_id), questions=1)
    return Prepared(
        profile,
        Launch(kind=SessionKind.RETRY, plan=(question,)),
        f"Answering again question {number} of session {session_id}: {question.text}",
    )


def practice_launch(
    store: Store,
    profile: Profile,
    count: int = DEFAULT_PRACTICE,
    *,
    role: str | None = None,
    now: float | None = None,
) -> Prepared:
    """The questions you missed most that are due again, mixed with fresh questions of the
    same kinds (the interview draws them for the profile's role and stack)."""
    from interbot_tui.store.practice import weak_plan

    count = max(1, min(count, MAX_QUESTIONS))
    due, next_at = weak_plan(store, count, role=role, now=now)
    if not due:
        if next_at is None:
            raise StoreError(
                "nothing to practise yet: no missed questions in your history"
                + (f" for the role {role!r}" if role else "")
                + ". Do an interview first (`interbot` or `interbot plain`)."
            )
        when = time.strftime("%d %b %H:%M", time.localtime(next_at))
        raise StoreError(
            f"nothing is due yet: your missed questions come back from {when}. "
            "Start a normal interview meanwhile."
        )
    plan = _mixed(due, count)
    fresh = sum(not isinstance(slot, Question) for slot in plan)
    summary = f"Practising {len(due)} question{'s' * (len(due) != 1)} you missed"
    summary += f", with {fresh} fresh one{'s' * (fresh != 1)}." if fresh else "."
    return Prepared(
        replace(profile, questions=len(plan)),
        Launch(kind=SessionKind.PRACTICE, plan=tuple(plan)),
        summary,
    )


def _mixed(due: list[Question], count: int) -> list[Slot]:
    """The due questions, most urgent first, with fresh slots of their kinds spread among them
    (a fresh question after every second practised one)."""
    kinds = [q.kind for q in due if q.kind is not Kind.WARMUP] or [Kind.TECHNICAL]
    fresh_left = count - len(due)
    plan: list[Slot] = []
    for index, question in enumerate(due, start=1):
        plan.append(question)
        if fresh_left and index % 2 == 0:
            plan.append(kinds[fresh_left % len(kinds)])
            fresh_left -= 1
    for n in range(fresh_left):
        plan.append(kinds[n % len(kinds)])
    return plan


def resume_launch(store: Store, session_id: int | None = None) -> Prepared:
    interrupted = store.interrupted(session_id)
    total = len(interrupted.plan) or interrupted.profile.questions
    stopped = max(len(interrupted.asked), 1)
    return Prepared(
        interrupted.profile,
        Launch.resuming(interrupted),
        f"Session {interrupted.session_id} ({interrupted.profile.subject}) stopped at question "
        f"{stopped} of {total}, with {interrupted.answered} answered.",
    )


def profile_for_role(store: Store, role: str | None) -> Profile | None:
    """The profile of the latest session for `role` (matched as progress matches it)."""
    from interbot_tui.core.progress import role_matches

    if not role:
        return None
    rows = store.db.execute("SELECT profile FROM sessions ORDER BY id DESC").fetchall()
    for (data,) in rows:
        try:
            profile = Profile.from_dict(json.loads(data))
        except (ValueError, TypeError):
            continue
        if role_matches(profile.role, role):
            return profile
    return None
