"""Real models: a plain interview on the default model, and the Gemma and SmolLM2 chat paths.

`make test` installs these models first; a missing one fails here rather than being skipped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from interbot_tui.backends.llm.factory import load_chat_model
from interbot_tui.core.grading.json_grader import GRADE_SCHEMA, parse_grade
from interbot_tui.core.ports import ModelError
from interbot_tui.locations import models_dir

pytestmark = pytest.mark.slow

GOOD_ANSWER = (
    "A database index is a separate structure, usually a B-tree, that maps column values to rows so "
    "lookups avoid a full table scan. It speeds up filters, joins and sorting on those columns, but "
    "every insert, update and delete must also maintain it, so too many indexes slow writes."
)


def test_two_question_plain_interview_on_the_default_model(data_dir: Path) -> None:
    answers = GOOD_ANSWER + "\n" + "I don't know, maybe it is something about colours.\n" * 4
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "interbot_tui",
            "plain",
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
        ],
        input=answers,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "INTERBOT_DATA_DIR": str(data_dir)},
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Question 1/2" in out and "Question 2/2" in out
    verdicts = re.findall(r"^Verdict: (correct|partial|incorrect) \((\d+)/10\)$", out, re.M)
    assert len(verdicts) >= 2, out
    bands = {"correct": (8, 10), "partial": (4, 7), "incorrect": (1, 3)}
    for verdict, score in verdicts:
        low, high = bands[verdict]
        assert low <= int(score) <= high
    # The nonsense answers are never judged correct.
    assert verdicts[-1][0] != "correct", out
    assert re.search(r"^Accuracy: \d/2 \(\d+%\)$", out, re.M), out
    session = re.search(r"^Session: (\d+)$", out, re.M)
    assert session, out
    history = subprocess.run(
        [sys.executable, "-m", "interbot_tui", "report", session.group(1), "--format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "INTERBOT_DATA_DIR": str(data_dir)},
    )
    data = json.loads(history.stdout)
    assert data["total"] == 2 and data["turns"][0]["answer"].startswith("A database index")


@pytest.mark.parametrize("name", ["gemma-3-270m", "smollm2-135m"])
def test_small_models_chat_and_keep_to_the_schema(name: str) -> None:
    model = load_chat_model(name, models_dir())
    pieces: list[str] = []
    raw = model.chat(
        [
            {"role": "system", "content": "You grade interview answers."},
            {"role": "user", "content": "Question: What is 2+2?\n<answer>4</answer>"},
        ],
        schema=GRADE_SCHEMA,
        max_tokens=400,
        temperature=0.0,
        on_text=pieces.append,
    )
    assert "".join(pieces) == raw and len(pieces) > 3  # streamed token by token
    data = json.loads(raw)
    assert data["verdict"] in ("correct", "partial", "incorrect")
    assert parse_grade(raw) is not None


CLOSE_WHILE_WRITING = """
import sys, threading, time
from interbot_tui.backends.llm.factory import load_chat_model
from interbot_tui.core.ports import ModelError
from interbot_tui.locations import models_dir

model = load_chat_model("smollm2-135m", models_dir())
outcome = []

def write():  # as the work ahead does: a long reply on a daemon thread
    try:
        model.chat([{"role": "user", "content": "Write a long story."}], max_tokens=2000)
        outcome.append("finished")
    except ModelError as exc:
        outcome.append(str(exc))

thread = threading.Thread(target=write, daemon=True)
thread.start()
time.sleep(1.0)
start = time.monotonic()
model.close()
print(outcome, round(time.monotonic() - start, 2), flush=True)
"""


def test_closing_the_model_stops_a_reply_in_progress_and_the_process_exits_cleanly() -> None:
    """Exiting while a thread is inside llama.cpp crashed plain mode (exit 139) at its end."""
    out = subprocess.run(
        [sys.executable, "-c", CLOSE_WHILE_WRITING],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "the model was closed" in out.stdout
    model = load_chat_model("smollm2-135m", models_dir())
    model.close()
    with pytest.raises(ModelError, match="closed"):
        model.chat([{"role": "user", "content": "Hi"}], max_tokens=5)


CLOSE_WHILE_READING = """
import threading, time
from interbot_tui.backends.llm.factory import load_chat_model
from interbot_tui.core.ports import ModelError
from interbot_tui.locations import models_dir

model = load_chat_model("smollm2-135m", models_dir())
long = " ".join(f"word{i}" for i in range(800))  # about 3,500 tokens
outcome = []

def score():  # a long prompt evaluation, which has no tokens to stop at
    try:
        model.choice_probabilities([{"role": "user", "content": long}], [" yes", " no"])
        outcome.append("finished")
    except ModelError as exc:
        outcome.append(str(exc))

thread = threading.Thread(target=score, daemon=True)
thread.start()
time.sleep(0.3)
model.close()
thread.join(30)
print(outcome, flush=True)
"""


def test_closing_the_model_stops_a_prompt_evaluation_in_progress() -> None:
    """close() during the evaluation of a long prompt (the grader's work ahead as the interview
    finishes) stops it through llama.cpp's abort callback instead of waiting it out."""
    out = subprocess.run(
        [sys.executable, "-c", CLOSE_WHILE_READING],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "finished" not in out.stdout and "closed" in out.stdout, out.stdout
