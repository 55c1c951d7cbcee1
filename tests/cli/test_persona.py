"""`interbot persona --plain | --json`: answers as the candidate, one line each, the model loaded
only when a question needs it; bad files exit 2 with one message; the conversation is in the
history and exports as Markdown or JSON."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path
from typing import Any

import pytest

import interbot_tui.backends.llm.factory
from interbot_tui.cli import main
from interbot_tui.store.sessions import Store
from tests.conftest import REPO
from tests.fakes.persona_llm import CountingChatModel

RESUME = str(REPO / "examples" / "resume.md")
QA = str(REPO / "examples" / "qa.csv")


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[CountingChatModel]:
    """The models `load_chat_model` handed out (the fake, never a real one)."""
    loaded: list[CountingChatModel] = []

    def load(spec: str | None, models_dir: Path, **_: object) -> CountingChatModel:
        loaded.append(CountingChatModel())
        return loaded[-1]

    monkeypatch.setattr(interbot_tui.backends.llm.factory, "load_chat_model", load)
    return loaded


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_plain_prepared_questions_never_load_the_model(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], loads: list[object]
) -> None:
    stdin(monkeypatch, "Tell me about yourself\n\n  what's your greatest strength  \n")
    assert main(["persona", "--resume", RESUME, "--qa", QA, "--plain"]) == 0
    out, err = capsys.readouterr()
    blocks = out.split("\n\n")
    assert blocks[0].startswith("Candidate: I'm a data engineer with eight years")
    assert blocks[1].startswith("Candidate: Turning slow, fragile jobs")
    assert out.endswith("\n\n") and len(out.strip().split("\n\n")) == 2
    assert all("\n" not in block for block in blocks)  # each answer on one line
    assert loads == [] and "Loading the model" not in err


def test_json_says_where_each_answer_came_from(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], loads: list[object]
) -> None:
    stdin(
        monkeypatch,
        "Tell me about yourself\nHow did you use Kafka Streams?\nhow did you use kafka streams\n",
    )
    assert main(["persona", "--resume", RESUME, "--qa", QA, "--json"]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in records] == ["prepared", "model", "cache"]
    assert set(records[0]) == {"question", "answer", "source", "seconds", "context_tokens"}
    assert records[1]["question"] == "How did you use Kafka Streams?"
    assert records[1]["answer"] == records[2]["answer"] and records[1]["context_tokens"] > 0
    assert records[0]["context_tokens"] == 0 and records[0]["seconds"] < 1
    assert len(loads) == 1 and err.count("Loading the model…") == 1


def test_the_conversation_is_in_the_history_and_exports(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    loads: list[object],
    data_dir: Path,
    tmp_path: Path,
) -> None:
    stdin(monkeypatch, "Tell me about yourself\nHave you used Terraform?\n")
    assert main(["persona", "--resume", RESUME, "--qa", QA, "--plain", "--name", "Maya"]) == 0
    capsys.readouterr()
    assert main(["history"]) == 0
    table = capsys.readouterr().out
    assert "Persona" in table and "finished · persona" in table
    assert main(["history", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert (entry["kind"], entry["questions"], entry["accuracy"]) == ("persona", 2, None)
    assert main(["report", "1"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Persona conversation: Maya")
    assert "**Q1. Tell me about yourself**" in text and "*prepared answer," in text
    assert main(["report", "1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e["source"] for e in data["exchanges"]] == ["prepared", "model"]
    out = tmp_path / "talk.md"
    assert main(["report", "1", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and "Persona conversation" in out.read_text()
    assert Store(data_dir).sessions()[0].status == "finished"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--resume", "missing.md"], "missing.md does not exist"),
        (["--resume", RESUME, "--qa", "BAD_CSV"], "line 3 has no answer"),
        (["--resume", RESUME, "--system-prompt", "EMPTY"], "is empty: write the instructions"),
        (["--resume", RESUME, "--system-prompt", "missing.txt"], "--system-prompt missing.txt"),
    ],
)
def test_bad_input_is_one_message_and_exit_2(
    flags: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    loads: list[object],
) -> None:
    bad = tmp_path / "qa.csv"
    bad.write_text("question,answer\nWhy?,Because\nHow?\n")
    empty = tmp_path / "prompt.txt"
    empty.write_text("  \n")
    flags = [str(bad) if f == "BAD_CSV" else str(empty) if f == "EMPTY" else f for f in flags]
    monkeypatch.chdir(tmp_path)
    stdin(monkeypatch, "Tell me about yourself\n")
    assert main(["persona", *flags, "--plain"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("interbot: ") and message in err
    assert len(err.strip().splitlines()) == 1 and loads == []


def test_resume_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["persona", "--plain"])
    assert exited.value.code == 2 and "--resume" in capsys.readouterr().err


def test_without_plain_it_opens_the_persona_screen(
    data_dir: Path, app_kwargs: dict[str, Any]
) -> None:
    seen = app_kwargs

    def run(kwargs: dict[str, Any]) -> None:
        chat = kwargs["persona"](CountingChatModel)
        kwargs["answer"] = chat.ask("Tell me about yourself")
        chat.close()

    seen["on_run"] = run
    assert main(["persona", "--resume", RESUME, "--qa", QA, "--text"]) == 0
    assert seen["text_only"] is True and seen["documents"] is None
    assert seen["answer"].source == "prepared"
    assert [s.kind for s in Store(data_dir).sessions()] == ["persona"]


def test_notes_on_what_was_cut_go_to_stderr(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    loads: list[object],
) -> None:
    qa = tmp_path / "qa.csv"
    qa.write_text("question,answer\nWhy data?," + "word " * 1000 + "\n")
    stdin(monkeypatch, "Why data?\n")
    assert main(["persona", "--resume", RESUME, "--qa", str(qa), "--plain"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Candidate: word word") and "the answer was cut at 4000" in err
