"""Whole commands against the real server: a plain interview and eval-grader, with --llm-url."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.real_server import ALIAS, RealServer

pytestmark = pytest.mark.slow

GOOD = (
    "A database index is a separate structure, usually a B-tree, that maps column values to rows "
    "so lookups avoid a full table scan; every insert and update must maintain it, so writes slow."
)


def interbot(*argv: str, data_dir: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interbot_tui", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
        env={**os.environ, "INTERBOT_DATA_DIR": str(data_dir)},
    )


def test_a_plain_interview_of_two_questions_through_the_server(
    real_server: RealServer, data_dir: Path
) -> None:
    answers = GOOD + "\n" + "I don't know, maybe it is something about colours.\n" * 4
    result = interbot(
        "plain",
        "--llm-url",
        real_server.url,
        "--role",
        "Backend engineer",
        "--topic",
        "PostgreSQL",
        "--questions",
        "2",
        "--type",
        "technical",
        "--seed",
        "4",
        data_dir=data_dir,
        stdin=answers,
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
    assert "JSON grader" not in result.stderr  # the probe grader, on the server's logprobs
    assert "Question 1/2" in out and "Question 2/2" in out
    verdicts = re.findall(r"^Verdict: (correct|partial|incorrect) \((\d+)/10\)$", out, re.M)
    assert len(verdicts) >= 2, out
    assert re.search(r"^Accuracy: \d/2 \(\d+%\)$", out, re.M), out
    session = re.search(r"^Session: (\d+)$", out, re.M)
    assert session, out
    report = interbot("report", session.group(1), "--format", "json", data_dir=data_dir)
    data = json.loads(report.stdout)
    assert data["total"] == 2 and data["turns"][0]["answer"].startswith("A database index")
    assert "POST /v1/completions" in real_server.log.read_text(errors="replace")


def test_eval_grader_through_the_server_uses_its_own_model_name(
    real_server: RealServer, data_dir: Path
) -> None:
    items = REPO / "eval" / "grading_extra.jsonl"
    result = interbot(
        "eval-grader", str(items), "--limit", "2", "--json", "--llm-url", real_server.url,
        data_dir=data_dir,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["model"] == f"server:{ALIAS}"
    assert len(report["per_item"]) == 2
    assert all(item["verdict"] for item in report["per_item"]), report["per_item"]


def test_doctor_reports_the_real_server(real_server: RealServer, data_dir: Path) -> None:
    result = interbot("doctor", "--json", "--llm-url", real_server.url, data_dir=data_dir)
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["model server"]["ok"], checks["model server"]
    assert f"server:{ALIAS}" in checks["model server"]["detail"]
    assert "first token in" in checks["model server"]["detail"]
    assert checks["server log-probabilities"]["ok"], checks["server log-probabilities"]


def test_a_persona_answer_through_the_server(real_server: RealServer, data_dir: Path) -> None:
    result = interbot(
        "persona", "--resume", str(REPO / "examples" / "resume.md"), "--json",
        "--llm-url", real_server.url,
        data_dir=data_dir, stdin="What was the hardest bug you have fixed?\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    answer = json.loads(result.stdout.splitlines()[0])
    assert answer["source"] == "model" and answer["answer"].strip()


def test_a_server_killed_mid_interview_loses_no_answer_and_resume_asks_again(
    tmp_path: Path, data_dir: Path
) -> None:
    """Plain mode on a server of its own: question 1 graded; the server is killed; the answer
    to question 2 is kept ungraded and the question stays open; interbot is stopped; a new
    server comes up and `interbot resume --plain` asks question 2 again and grades it."""
    import queue
    import threading

    from tests.real_server import llama_server

    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    with llama_server(tmp_path / "first") as server:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "interbot_tui",
                "plain",
                "--llm-url",
                server.url,
                "--role",
                "Backend engineer",
                "--topic",
                "PostgreSQL",
                "--questions",
                "2",
                "--type",
                "technical",
                "--mode",
                "strict",
                "--seed",
                "4",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=REPO,
            env={**os.environ, "INTERBOT_DATA_DIR": str(data_dir)},
        )
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(
            target=lambda: [lines.put(line) for line in process.stdout or ()], daemon=True
        ).start()

        def until(text: str) -> list[str]:
            seen: list[str] = []
            while not any(text in line for line in seen):
                seen.append(lines.get(timeout=300))
            return seen

        assert process.stdin is not None
        until("Question 1/2")
        process.stdin.write(GOOD + "\n")
        process.stdin.flush()
        until("Question 2/2")
        server.kill()
        process.stdin.write(GOOD + " Second answer.\n")
        process.stdin.flush()
        notice = "".join(until("stopped answering"))
        assert "Cannot reach the model server" in notice
        process.kill()  # the candidate gives up for now: the session stays interrupted
        process.wait(30)
    with llama_server(tmp_path / "second") as again:
        resumed = interbot(
            "resume",
            "--plain",
            "--llm-url",
            again.url,
            data_dir=data_dir,
            stdin=GOOD + " Third try.\n",
        )
    out = resumed.stdout
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "stopped at question 2 of 2, with 1 answered" in resumed.stderr
    assert "Question 2/2" in out and "Question 1/2" not in out
    session = re.search(r"^Session: (\d+)$", out, re.M)
    assert session, out
    data = json.loads(
        interbot("report", session.group(1), "--format", "json", data_dir=data_dir).stdout
    )
    answers = [t["answer"] for t in data["turns"]]
    assert answers == [GOOD, GOOD + " Second answer.", GOOD + " Third try."]
    assert data["total"] == 2 and data["ungraded"] == 0
    assert data["turns"][1]["verdict"] is None and data["turns"][2]["verdict"] is not None
