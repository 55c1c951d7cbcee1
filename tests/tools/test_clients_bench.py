"""`interbot bench --clients`: scripted interviews at once, the figures per N, errors kept to
their client, the refusal without a server, and the JSON."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from interbot_tui.cli import main
from interbot_tui.core.ports import Message, ModelError, TextSink
from interbot_tui.core.profile import Difficulty
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.question import Kind, Question
from interbot_tui.tools.clients_bench import (
    ClientRun,
    Scripted,
    bank_script,
    parse_clients,
    percentile,
    run_clients,
    summarise,
)
from tests.fakes.llm import grade
from tests.fakes.openai_server import FakeOpenAIServer, completion, models, send_events

# Long enough (25 words or more) that a right answer earns no follow-up question.
LONG = (
    "An index is a separate sorted structure, usually a B-tree, that maps column values to "
    "rows so that lookups avoid a full table scan, but every write must update it as well."
)


def script(n: int = 6) -> list[Scripted]:
    return [
        Scripted(
            Question(
                id=f"q{i}",
                text=f"Question {i}: what is a database index, and when does it hurt?",
                kind=Kind.TECHNICAL,
                difficulty=Difficulty.MEDIUM,
                key_points=("A B-tree mapping values to rows.", "Writes get slower."),
                hint="",
                model_answer="",
            ),
            LONG,
        )
        for i in range(n)
    ]


class GradingModel:
    """A chat model that grades every answer correct (JSON grading: no log-probabilities),
    after `before_grade` has run."""

    def __init__(self, before_grade: Callable[[], None] = lambda: None) -> None:
        self.name = "fake-server"
        self.before_grade = before_grade
        self.grades = 0

    def chat(
        self,
        messages: list[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 256,
        temperature: float = 0.2,
        on_text: TextSink | None = None,
    ) -> str:
        if schema is None or "verdict" not in schema.get("properties", {}):
            return "Thanks."
        self.before_grade()
        self.grades += 1
        return json.dumps(grade("correct", 9, "Good answer."))


def test_the_clients_really_run_at_once_each_with_its_own_model() -> None:
    lock = threading.Lock()
    in_flight, most = [0], [0]
    both = threading.Event()
    made: list[GradingModel] = []

    def meet() -> None:
        """Block until two grading calls are in flight at the same time (once)."""
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
            if in_flight[0] >= 2:
                both.set()
        try:
            if not both.wait(timeout=5):
                raise ModelError("only one call in flight: the clients ran one after another")
        finally:
            with lock:
                in_flight[0] -= 1

    def make() -> GradingModel:
        model = GradingModel(meet)
        made.append(model)
        return model

    result = run_clients(make, [2], script(), questions=3)
    level = result.levels[0]
    assert most[0] == 2
    assert level.errors == []
    assert (level.clients, level.answers, level.graded, level.ungraded) == (2, 6, 6, 0)
    assert len(made) == 2 and len({id(m) for m in made}) == 2
    assert [m.grades for m in made] == [3, 3]
    assert result.model == "fake-server" and result.questions_per_client == 3


def test_each_n_in_turn_with_its_own_count_of_clients() -> None:
    made: list[GradingModel] = []

    def make() -> GradingModel:
        made.append(GradingModel())
        return made[-1]

    result = run_clients(make, [1, 3], script(), questions=2)
    assert [level.clients for level in result.levels] == [1, 3]
    assert [level.graded for level in result.levels] == [2, 6]
    assert len(made) == 4


def test_time_to_verdict_is_submit_to_verdict_on_the_clock() -> None:
    """One client; each grade takes 1, 2 then 3 seconds on a scripted clock."""
    now = [100.0]
    delays = iter([1.0, 2.0, 3.0])

    def slow_grade() -> None:
        now[0] += next(delays)

    result = run_clients(lambda: GradingModel(slow_grade), [1], script(), clock=lambda: now[0])
    level = result.levels[0]
    assert (level.graded, level.median_s, level.max_s) == (3, 2.0, 3.0)
    assert level.p95_s == pytest.approx(2.9)
    assert level.wall_s == pytest.approx(6.0)
    assert level.verdicts_per_minute == pytest.approx(30.0)


def test_thinking_time_comes_before_each_answer_and_outside_the_time_to_verdict() -> None:
    """Each candidate waits `think_s` after a question (the scripted clock moves by it); the
    time to verdict starts at the submit, so it stays the grade's own 1 second."""
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    def grade_in_a_second() -> None:
        now[0] += 1.0

    result = run_clients(
        lambda: GradingModel(grade_in_a_second),
        [1],
        script(),
        clock=lambda: now[0],
        think_s=20.0,
        sleep=sleep,
    )
    level = result.levels[0]
    assert waits == [20.0, 20.0, 20.0] and result.think_s == 20.0
    assert (level.graded, level.median_s, level.max_s) == (3, 1.0, 1.0)
    assert level.wall_s == pytest.approx(63.0)
    assert "20 s to answer" in result.render()


def test_figures_from_known_delays() -> None:
    runs = [
        ClientRun(client=1, answers=10, latencies_s=[float(s) for s in range(1, 11)]),
        ClientRun(client=2, answers=11, latencies_s=[float(s) for s in range(11, 21)], ungraded=1),
    ]
    level = summarise(2, runs, wall_s=40.0)
    assert (level.answers, level.graded, level.ungraded) == (21, 20, 1)
    assert level.median_s == 10.5
    assert level.p95_s == pytest.approx(19.05)
    assert level.max_s == 20.0
    assert level.verdicts_per_minute == 30.0
    assert percentile([5.0], 95) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    empty = summarise(1, [ClientRun(client=1, errors=["no model: refused"])], wall_s=1.0)
    assert (empty.graded, empty.median_s, empty.p95_s, empty.max_s) == (0, None, None, None)
    assert empty.errors == ["client 1: no model: refused"]


def test_one_client_failing_leaves_the_others_running() -> None:
    calls = [0]
    lock = threading.Lock()

    def failing_grade() -> None:
        raise ModelError("the server closed the connection")

    def make() -> GradingModel:
        with lock:
            calls[0] += 1
            n = calls[0]
        if n == 2:
            raise ModelError("cannot reach the server")
        if n == 3:
            return GradingModel(failing_grade)
        return GradingModel()

    level = run_clients(make, [4], script(12), questions=3).levels[0]
    assert level.clients == 4
    assert level.graded == 6  # two healthy clients, three answers each
    assert level.ungraded == 3
    assert level.answers == 9
    assert "no model: cannot reach the server" in " ".join(level.errors)
    ungraded = [e for e in level.errors if "the server closed the connection" in e]
    assert len(ungraded) == 3
    assert len({e.split(":")[0] for e in level.errors}) == 2  # two clients, named


def test_parse_clients() -> None:
    assert parse_clients("1,2,4,8") == [1, 2, 4, 8]
    assert parse_clients("3") == [3]
    for bad in ("0", "a,b", "", "65"):
        with pytest.raises(ValueError):
            parse_clients(bad)


def test_bank_script_answers_with_the_model_answers(banks: list[Bank]) -> None:
    scripted = bank_script(banks)
    assert scripted and all(s.answer == s.question.model_answer != "" for s in scripted)


# --- the command --------------------------------------------------------------------------


def test_clients_without_a_server_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--clients", "1,2"]) == 2
    err = capsys.readouterr().err
    assert "--clients needs --llm-url" in err and "in process there is one model" in err


def test_bad_client_counts_and_persona_together_are_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "http://127.0.0.1:9/v1"
    assert main(["bench", "--llm-url", url, "--clients", "0"]) == 2
    assert "not between 1 and 64" in capsys.readouterr().err
    assert main(["bench", "--llm-url", url, "--clients", "2", "--persona"]) == 2
    assert "separate benchmarks" in capsys.readouterr().err


def _grading_server(h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
    """A grade as JSON when a schema is asked for, else a line of text."""
    text = json.dumps(grade("correct", 9, "Good.")) if "response_format" in body else "Thanks."
    send_events(h, [{"choices": [{"delta": {"content": text}}]}])


@pytest.fixture
def answers_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small grading_dev.jsonl as the shared data the command reads."""
    shared = tmp_path / "shared"
    shared.mkdir()
    lines = [
        {
            "id": f"dev-{i}",
            "kind": "technical",
            "role": "Backend Engineer",
            "difficulty": "medium",
            "question": f"Question {i}: what is a database index?",
            "key_points": ["A B-tree mapping values to rows.", "Writes get slower."],
            "answer": LONG,
            "label": "correct",
            "score": 9,
        }
        for i in range(4)
    ]
    path = shared / "grading_dev.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    monkeypatch.setenv("INTERBOT_SHARED_DATA", str(shared))
    return path


@pytest.fixture
def fake() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer().running() as server:
        yield server


def test_the_command_runs_against_a_server_and_prints_json(
    fake: FakeOpenAIServer, answers_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.routes["/v1/models"] = models("qwen2.5:7b")
    fake.routes["/v1/completions"] = completion(None)
    fake.routes["/v1/chat/completions"] = _grading_server
    code = main(["bench", "--llm-url", fake.url, "--clients", "1,2", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"model", "questions_per_client", "levels", "think_s"}
    assert data["model"] == "server:qwen2.5:7b" and data["questions_per_client"] == 3
    assert [level["clients"] for level in data["levels"]] == [1, 2]
    keys = {
        "clients",
        "answers",
        "graded",
        "ungraded",
        "median_s",
        "p95_s",
        "max_s",
        "wall_s",
        "verdicts_per_minute",
        "errors",
    }
    for level in data["levels"]:
        assert set(level) == keys
        assert level["graded"] == level["answers"] == 3 * level["clients"]
        assert level["errors"] == []
        assert 0 <= level["median_s"] <= level["p95_s"] <= level["max_s"]
        assert level["verdicts_per_minute"] > 0
    assert fake.paths().count("/v1/models") == 1 + 1 + 2  # the check, then one per client
    assert "2 clients: 6/6 graded" in err


def test_the_command_prints_a_table_without_json(
    fake: FakeOpenAIServer, answers_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.routes["/v1/completions"] = completion(None)
    fake.routes["/v1/chat/completions"] = _grading_server
    assert main(["bench", "--llm-url", fake.url, "--clients"]) == 0  # 1,2,4,8
    out = capsys.readouterr().out.splitlines()
    lines = out[
        out.index(
            "Concurrent interviews on server:fake-model (3 questions each, answered at once)"
        ) :
    ]
    assert (
        lines[0]
        == "Concurrent interviews on server:fake-model (3 questions each, answered at once)"
    )
    assert lines[1].split() == [
        "clients",
        "answers",
        "graded",
        "median",
        "s",
        "p95",
        "s",
        "max",
        "s",
        "verdicts/min",
        "errors",
    ]
    rows = [line.split() for line in lines[2:]]
    assert [(r[0], r[1], r[2], r[-1]) for r in rows] == [
        ("1", "3", "3", "0"),
        ("2", "6", "6", "0"),
        ("4", "12", "12", "0"),
        ("8", "24", "24", "0"),
    ]
