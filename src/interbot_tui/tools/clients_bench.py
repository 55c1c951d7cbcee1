"""`interbot bench --clients N,...`: many candidates on one model server.

For each N, N scripted interviews run at once, one thread each, every one with its own chat
model (its own connection, as separate candidates would have), its own throwaway data dir and
store, and the same session and engine a plain-mode interview uses (strict mode: plain
verdicts, no hints or retries). Each client answers a few questions with scripted answers and
times each answer from submit to its verdict. Per N: the time to verdict (median, p95, max),
verdicts per minute over the wall time of the round, how many answers were graded, and errors.
Scripted answers come at once unless `think_s` is given, so the grader's work ahead on a
question (done while a real candidate speaks) falls inside the time to verdict: a worst case.
With `think_s`, each candidate waits that long after each question, as a person speaking would.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from interbot_tui.core.interview.events import AnswerGraded, Event
from interbot_tui.core.ports import ChatModel, Closable
from interbot_tui.core.profile import Mode, Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.question import Question
from interbot_tui.session.interview_session import InterviewSession, SessionOptions
from interbot_tui.session.launch import Launch
from interbot_tui.store.sessions import Store
from interbot_tui.tools.labelled_answers import LabelledAnswer

DEFAULT_CLIENTS = (1, 2, 4, 8)
MAX_CLIENTS = 64
QUESTIONS_PER_CLIENT = 3
# What a scripted candidate says when the interviewer asks them to say more about a short answer.
FOLLOW_UP_ANSWER = "That is all I would add; the main point is the one I gave."


@dataclass(frozen=True)
class Scripted:
    """One question and the answer a scripted candidate gives to it."""

    question: Question
    answer: str


def labelled_script(items: Sequence[LabelledAnswer]) -> list[Scripted]:
    """Labelled answers (grading_dev.jsonl) as a script: correct, partial and wrong answers."""
    return [Scripted(item.to_question(), item.answer) for item in items]


def bank_script(banks: Sequence[Bank]) -> list[Scripted]:
    """The bank questions that have a model answer, each answered with it."""
    return [
        Scripted(question, question.model_answer)
        for bank in banks
        for question in bank.questions
        if question.model_answer.strip()
    ]


@dataclass
class ClientRun:
    """What one scripted candidate did."""

    client: int
    answers: int = 0  # answers submitted (follow-up answers included)
    latencies_s: list[float] = field(default_factory=list)  # submit -> verdict, graded ones
    ungraded: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Level:
    """The figures for one number of concurrent clients."""

    clients: int
    answers: int
    graded: int
    ungraded: int
    median_s: float | None  # time to verdict
    p95_s: float | None
    max_s: float | None
    wall_s: float  # from the moment every client was connected to the last one's end
    verdicts_per_minute: float
    errors: list[str]


@dataclass(frozen=True)
class ClientsBench:
    model: str
    questions_per_client: int
    levels: list[Level]
    think_s: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def render(self) -> str:
        """A table, one row per N, then the errors."""
        head = (
            f"{'clients':>7} {'answers':>7} {'graded':>6} {'median s':>8} {'p95 s':>7} "
            f"{'max s':>7} {'verdicts/min':>12} {'errors':>6}"
        )
        thinking = f", {self.think_s:g} s to answer" if self.think_s else ", answered at once"
        lines = [
            f"Concurrent interviews on {self.model} ({self.questions_per_client} questions each"
            f"{thinking})",
            head,
        ]
        for level in self.levels:
            lines.append(
                f"{level.clients:>7} {level.answers:>7} {level.graded:>6} "
                f"{_seconds(level.median_s):>8} {_seconds(level.p95_s):>7} "
                f"{_seconds(level.max_s):>7} {level.verdicts_per_minute:>12.1f} "
                f"{len(level.errors):>6}"
            )
        for level in self.levels:
            lines += [f"{level.clients} clients: {error}" for error in level.errors]
        return "\n".join(lines)


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), interpolated linearly between the closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(clients: int, runs: Sequence[ClientRun], wall_s: float) -> Level:
    """One level's figures from its clients' runs and its wall time."""
    latencies = [s for run in runs for s in run.latencies_s]
    graded = len(latencies)
    return Level(
        clients=clients,
        answers=sum(run.answers for run in runs),
        graded=graded,
        ungraded=sum(run.ungraded for run in runs),
        median_s=round(statistics.median(latencies), 3) if latencies else None,
        p95_s=round(percentile(latencies, 95), 3) if latencies else None,
        max_s=round(max(latencies), 3) if latencies else None,
        wall_s=round(wall_s, 3),
        verdicts_per_minute=round(graded * 60 / wall_s, 2) if wall_s > 0 else 0.0,
        errors=[f"client {run.client}: {error}" for run in runs for error in run.errors],
    )


def parse_clients(text: str) -> list[int]:
    """The counts in "1,2,4,8", in order; ValueError says what is wrong."""
    try:
        values = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValueError(f"--clients {text!r}: give whole numbers separated by commas") from None
    if not values:
        raise ValueError("--clients: give at least one number of clients")
    for value in values:
        if not 1 <= value <= MAX_CLIENTS:
            raise ValueError(f"--clients: {value} is not between 1 and {MAX_CLIENTS}")
    return values


def run_clients(
    make_model: Callable[[], ChatModel],
    clients: Sequence[int],
    script: Sequence[Scripted],
    *,
    questions: int = QUESTIONS_PER_CLIENT,
    clock: Callable[[], float] = time.perf_counter,
    log: Callable[[str], object] = lambda line: None,
    think_s: float = 0.0,
    sleep: Callable[[float], None] = time.sleep,
) -> ClientsBench:
    """Run each number of concurrent clients in turn; `make_model` is called once per client
    (from that client's thread) and must give it a model of its own."""
    if not script:
        raise ValueError("no scripted answers to give")
    names: list[str] = []
    levels = []
    for n in clients:
        pause = _Pause(think_s, sleep)
        level = _run_level(make_model, n, script, questions, clock, names, pause)
        log(
            f"{n} clients: {level.graded}/{level.answers} graded in {level.wall_s:.1f} s, "
            f"median {_seconds(level.median_s)} s, {len(level.errors)} errors"
        )
        levels.append(level)
    return ClientsBench(names[0] if names else "unknown", questions, levels, think_s)


@dataclass(frozen=True)
class _Pause:
    """The scripted candidate's time to answer, after each question."""

    seconds: float
    sleep: Callable[[float], None]

    def __call__(self) -> None:
        if self.seconds > 0:
            self.sleep(self.seconds)


def _run_level(
    make_model: Callable[[], ChatModel],
    n: int,
    script: Sequence[Scripted],
    questions: int,
    clock: Callable[[], float],
    names: list[str],
    pause: _Pause,
) -> Level:
    started: list[float] = []
    barrier = threading.Barrier(n, action=lambda: started.append(clock()))
    runs = [ClientRun(client=i + 1) for i in range(n)]
    plans = [
        [script[(i * questions + k) % len(script)] for k in range(min(questions, len(script)))]
        for i in range(n)
    ]
    threads = [
        threading.Thread(
            target=_client,
            args=(runs[i], plans[i], make_model, barrier, clock, names, pause),
            name=f"bench-client-{i + 1}",
            daemon=True,
        )
        for i in range(n)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = clock() - started[0] if started else 0.0
    return summarise(n, runs, wall)


def _client(
    run: ClientRun,
    plan: list[Scripted],
    make_model: Callable[[], ChatModel],
    barrier: threading.Barrier,
    clock: Callable[[], float],
    names: list[str],
    pause: _Pause,
) -> None:
    """One scripted candidate: connect, wait for the others, interview, never raise."""
    model: ChatModel | None = None
    try:
        model = make_model()
        names.append(model.name)
    except Exception as exc:  # this client is out; the others go on
        run.errors.append(f"no model: {exc}")
    try:
        barrier.wait()
    except threading.BrokenBarrierError:  # pragma: no cover - only if a thread died unseen
        run.errors.append("the other clients did not start")
        return
    if model is None:
        return
    try:
        with tempfile.TemporaryDirectory(prefix="interbot-bench-") as tmp:
            _interview(run, plan, model, Path(tmp), clock, pause)
    except Exception as exc:
        run.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        if isinstance(model, Closable):
            model.close()


def _interview(
    run: ClientRun,
    plan: list[Scripted],
    model: ChatModel,
    data_dir: Path,
    clock: Callable[[], float],
    pause: _Pause,
) -> None:
    """The plain-mode path without a terminal: open the session, answer, finish."""
    answers = {item.question.id: item.answer for item in plan}
    verdicts: list[tuple[float, bool]] = []  # when each verdict came, and whether graded

    def emit(event: Event) -> None:
        if isinstance(event, AnswerGraded):
            grade = event.turn.grade
            verdicts.append((clock(), grade.available))
            if not grade.available:
                run.ungraded += 1
                run.errors.append(f"ungraded: {grade.error}")

    store = Store(data_dir)
    try:
        session = InterviewSession.open(
            Profile(questions=len(plan), mode=Mode.STRICT),
            model,
            [],
            store,
            SessionOptions(data_dir=data_dir),
            emit=emit,
            on_error=lambda exc: run.errors.append(f"{type(exc).__name__}: {exc}"),
            launch=Launch(plan=tuple(item.question for item in plan)),
        )
        try:
            _answer_all(run, session, answers, verdicts, clock, pause, limit=2 * len(plan) + 1)
        finally:
            session.close()
    finally:
        store.close()


def _answer_all(
    run: ClientRun,
    session: InterviewSession,
    answers: dict[str, str],
    verdicts: list[tuple[float, bool]],
    clock: Callable[[], float],
    pause: Callable[[], None],
    *,
    limit: int,
) -> None:
    """Answer each question with its scripted answer (a follow-up with FOLLOW_UP_ANSWER) and
    time each submit to its verdict."""
    session.start()
    session.wait()
    answered: set[str] = set()
    while not session.finished and run.answers < limit:
        question = session.current
        if question is None:
            break
        answer = FOLLOW_UP_ANSWER if question.id in answered else answers[question.id]
        answered.add(question.id)
        pause()
        before = len(verdicts)
        sent = clock()
        run.answers += 1
        session.submit(answer)
        session.wait()
        if len(verdicts) > before and verdicts[before][1]:
            run.latencies_s.append(verdicts[before][0] - sent)
    if not session.finished:
        session.finish()
        session.wait()
