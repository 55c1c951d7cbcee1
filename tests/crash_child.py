"""A child process for the crash fuzz test: scripted interviews, one after another, until killed.

`python -m tests.crash_child DATA_DIR SEED` resumes the interrupted interview in DATA_DIR if
there is one, else starts a new one, answers it to the end through InterviewSession (as plain
mode does), and starts the next. A fake model grades and writes questions with small random
delays, so a kill lands mid-turn. It prints, flushed, one line per step:

  READY                           the store and banks are open
  SESSION <sid> <new|resume>      the session is open in the store
  PHASE <grading|writing|recording|asking>   work started (`writing`: a question)
  END <phase>                     that work ended
  QUESTION <sid> <number>         a question was committed
  TURN <sid> <number> <attempt> <token>      a turn was committed (its answer holds the token)
  FINISHED <sid>                  the session's end was committed
  ERROR <text>                    the session reported a failure
"""

from __future__ import annotations

import json
import random
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from interbot_tui.core.i18n.phrases import Phrases
from interbot_tui.core.interview.events import Event, InterviewerSaid
from interbot_tui.core.interview.turn import Turn
from interbot_tui.core.ports import Message, TextSink
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank, load_banks
from interbot_tui.core.questions.question import Question
from interbot_tui.core.reporting.report import Report
from interbot_tui.locations import banks_dir
from interbot_tui.session.interview_session import InterviewSession, SessionOptions
from interbot_tui.session.launch import NEW_INTERVIEW, Launch
from interbot_tui.session.launches import resume_launch
from interbot_tui.store.sessions import SessionRecorder, Store, StoreError
from tests.fakes.llm import FakeChatModel, grade

Say = Callable[[str], None]
TOPICS = ["caching", "queues", "indexes", "retries", "locks", "sharding", "logging", "tracing"]
SAVE_FAILED = Phrases("en")["save_failed"].split("{")[0]
FILLER = "it explains the idea, why it matters in production and a concrete example " * 2


def quiet(line: str) -> None:
    return None


class JitteryModel(FakeChatModel):
    """Grades at random (correct, partial or incorrect) and writes fresh questions, each call
    after a 5-50 ms pause (none when `delays` is False)."""

    def __init__(self, rng: random.Random, say: Say = quiet, *, delays: bool = True) -> None:
        super().__init__(default_grade=self._grade)
        self.rng, self.say, self.delays = rng, say, delays
        self._lock = threading.Lock()

    def _grade(self, messages: list[Message]) -> dict[str, Any]:
        verdict = self.rng.choice(["correct", "correct", "partial", "incorrect"])
        return grade(verdict, {"correct": 9, "partial": 5, "incorrect": 2}[verdict])

    def chat(
        self,
        messages: list[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 256,
        temperature: float = 0.2,
        on_text: TextSink | None = None,
    ) -> str:
        grading = "verdict" in (schema or {}).get("properties", {})
        phase = "grading" if grading else "writing"
        self.say(f"PHASE {phase}")
        if self.delays:  # writing a question takes the model longest
            time.sleep(self.rng.uniform(0.005, 0.05) * (1 if grading else 3))
        if not grading and schema is not None:
            with self._lock:  # a fresh model question for the writer
                topic = f"{self.rng.choice(TOPICS)} {self.rng.randrange(10**6)}"
                self.questions.append(
                    {
                        "question": f"How would you use {topic} in a busy web service?",
                        "key_points": ["when it helps", "what it costs"],
                        "hint": "Think about load.",
                        "model_answer": "It spreads work and keeps latency low under load.",
                        "terms": [topic.split()[0]],
                    }
                )
        try:
            return super().chat(
                messages,
                schema=schema,
                max_tokens=max_tokens,
                temperature=temperature,
                on_text=on_text,
            )
        finally:
            self.say(f"END {phase}")


def answer(rng: random.Random, token: str) -> str:
    """An answer carrying `token`: long (no follow-up) or short (a follow-up may come)."""
    body = FILLER if rng.random() < 0.6 else "a short answer"
    return f"[{token}] {body}".strip()


def open_session(
    store: Store, banks: list[Bank], model: FakeChatModel, data_dir: Path, seed: int, **kw: Any
) -> tuple[InterviewSession, str]:
    """The interrupted session resumed, or a new one (5 questions): the session and which."""
    try:
        prepared = resume_launch(store)
        profile, launch, how = prepared.profile, prepared.launch, "resume"
    except StoreError:
        profile, launch, how = Profile(role="Backend engineer", questions=5), NEW_INTERVIEW, "new"
    return _open(store, banks, model, data_dir, seed, profile, launch, **kw), how


def _open(
    store: Store,
    banks: list[Bank],
    model: FakeChatModel,
    data_dir: Path,
    seed: int,
    profile: Profile,
    launch: Launch,
    **kw: Any,
) -> InterviewSession:
    return InterviewSession.open(
        profile,
        model,
        banks,
        store,
        SessionOptions(data_dir=data_dir, seed=seed),
        launch=launch,
        **kw,
    )


WRITING = threading.Event()  # a recorder write is under way: its statements go slowly


def slow_writes(store: Store, rng: random.Random) -> None:
    """While a recorder writes, each statement pauses every 50 SQLite steps (1-3 ms), so a
    kill can land inside the write."""

    def pause() -> int:
        if WRITING.is_set():
            time.sleep(rng.uniform(0.001, 0.003))
        return 0

    store.db.set_progress_handler(pause, 50)


def report_commits(say: Say) -> None:
    """Make every SessionRecorder say what it committed, right after the commit."""
    record_question, record_turn = SessionRecorder.record_question, SessionRecorder.record_turn
    record_finish = SessionRecorder.record_finish

    def question(self: SessionRecorder, number: int, asked: Question) -> None:
        say("PHASE asking")
        WRITING.set()
        try:
            record_question(self, number, asked)
        finally:
            WRITING.clear()
        say(f"QUESTION {self.session_id} {number}")
        say("END asking")

    def turn(self: SessionRecorder, done: Turn) -> None:
        say("PHASE recording")
        WRITING.set()
        try:
            record_turn(self, done)
        finally:
            WRITING.clear()
        token = done.answer.split("]", 1)[0].lstrip("[")
        say(f"TURN {self.session_id} {done.number} {done.attempt} {token}")
        say("END recording")

    def finish(self: SessionRecorder, report: Report) -> None:
        record_finish(self, report)
        say(f"FINISHED {self.session_id}")

    for name, wrapped in (
        ("record_question", question),
        ("record_turn", turn),
        ("record_finish", finish),
    ):
        setattr(SessionRecorder, name, wrapped)


def _tell_save_failures(event: Event, say: Say) -> None:
    if isinstance(event, InterviewerSaid) and SAVE_FAILED in event.text:
        say(f"ERROR said: {json.dumps(event.text)}")


def main(data_dir: Path, seed: int) -> None:
    lock = threading.Lock()

    def say(line: str) -> None:
        with lock:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    rng = random.Random(seed)
    report_commits(say)
    banks, errors = load_banks(banks_dir())
    if errors:
        raise SystemExit(f"unusable banks: {errors}")
    store = Store(data_dir)
    slow_writes(store, random.Random(seed + 1))
    model = JitteryModel(rng, say)
    say("READY")
    k = 0
    while True:
        session, how = open_session(
            store,
            banks,
            model,
            data_dir,
            rng.randrange(10**6),
            emit=lambda event: _tell_save_failures(event, say),
            on_error=lambda exc: say(f"ERROR {exc!r}"),
            on_notice=lambda text: say(f"ERROR notice: {json.dumps(text)}"),
        )
        say(f"SESSION {session.session_id} {how}")
        session.start()
        session.wait()
        while not session.finished:
            k += 1
            session.submit(answer(rng, f"c{seed}-{k}"))
            session.wait()
        session.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
