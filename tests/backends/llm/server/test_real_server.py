"""The server back-end against a real OpenAI-compatible server: llama-cpp-python's own
(`python -m llama_cpp.server`) with SmolLM2 on 127.0.0.1, one thread."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from interbot_tui.backends.llm.llama_cpp import LlamaCppChatModel
from interbot_tui.backends.llm.server import ServerChatModel, ServerConfig
from interbot_tui.core.grading.json_grader import GRADE_SCHEMA, parse_grade
from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.grading.probes import CHECK_PREFIX, YES_NO
from interbot_tui.core.ports import ChoicesUnsupported, Message, ModelError
from interbot_tui.core.profile import Difficulty
from interbot_tui.core.questions.question import Kind, Question
from tests.real_server import ALIAS, RealServer, llama_server

pytestmark = pytest.mark.slow

CAPITAL: list[Message] = [
    {"role": "system", "content": "You answer geography questions in one word."},
    {"role": "user", "content": "What is the capital of France?"},
]
CITIES = [" Paris", " London", " Berlin"]
QUESTION = Question(
    id="index-cost",
    text="What is a database index and what does it cost?",
    kind=Kind.TECHNICAL,
    difficulty=Difficulty.MEDIUM,
    key_points=("An index speeds up reads by avoiding a full scan", "It slows down writes"),
    hint="Think about reads and writes.",
    model_answer="A structure such as a B-tree that speeds up lookups but slows down writes.",
)
GOOD = (
    "An index is a separate structure, usually a B-tree, that lets lookups avoid a full table "
    "scan; every insert and update must maintain it too, so writes get slower."
)


def connect(server: RealServer, **kw: object) -> ServerChatModel:
    return ServerChatModel(ServerConfig(server.url, **kw)).connect()  # type: ignore[arg-type]


def test_it_connects_to_the_model_the_server_lists(real_server: RealServer) -> None:
    model = connect(real_server)
    assert (model.name, model.offered, model.chat_format) == (f"server:{ALIAS}", [ALIAS], "chatml")
    with pytest.raises(ModelError, match=f"no model 'qwen'; it offers: {ALIAS}"):
        connect(real_server, model="qwen")


def test_chat_streams_the_reply_in_pieces(real_server: RealServer) -> None:
    seen: list[str] = []
    reply = connect(real_server).chat(CAPITAL, max_tokens=24, temperature=0, on_text=seen.append)
    assert len(seen) > 1 and "".join(seen) == reply
    assert "paris" in reply.lower()


def test_a_schema_gives_json_that_matches_it(real_server: RealServer) -> None:
    """As the in-process test of the small models does, through the server."""
    ask: list[Message] = [
        {"role": "system", "content": "You grade interview answers."},
        {"role": "user", "content": "Question: What is 2+2?\n<answer>4</answer>"},
    ]
    raw = connect(real_server).chat(ask, schema=GRADE_SCHEMA, max_tokens=400, temperature=0)
    data = json.loads(raw)
    assert data["verdict"] in ("correct", "partial", "incorrect")
    assert parse_grade(raw) is not None


def test_choice_probabilities_sum_to_one_and_prefer_the_obvious(real_server: RealServer) -> None:
    shares = connect(real_server).choice_probabilities(
        CAPITAL, CITIES, prefix="The capital of France is"
    )
    assert sum(shares) == pytest.approx(1.0)
    assert shares[0] > 0.9


def test_the_probes_match_the_in_process_model(real_server: RealServer, tmp_path: Path) -> None:
    """Same prompt (the template rendered here), same numbers as llama.cpp in-process."""
    server = connect(real_server)
    local = LlamaCppChatModel(real_server.model_path, n_threads=1)
    try:
        prefix = CHECK_PREFIX.format(point=QUESTION.key_points[1])
        ask: list[Message] = [
            {"role": "system", "content": "You are a strict technical interviewer."},
            {"role": "user", "content": f"Question: {QUESTION.text}\nAnswer: {GOOD}"},
        ]
        here = local.choice_probabilities(ask, list(YES_NO), prefix=prefix)
        there = server.choice_probabilities(ask, list(YES_NO), prefix=prefix)
    finally:
        local.close()
    assert there == pytest.approx(here, abs=0.02)


def test_tokens_are_counted_by_the_servers_tokenizer(real_server: RealServer) -> None:
    """llama-cpp-python's /extras/tokenize/count gives the in-process count; it does not say
    its context, so the small default is assumed unless --llm-context says more."""
    local = LlamaCppChatModel(real_server.model_path, n_threads=1)
    try:
        expected = local.count_tokens(GOOD)
    finally:
        local.close()
    assert connect(real_server).count_tokens(GOOD) == expected
    assert connect(real_server).context_size == 2048
    assert connect(real_server, context=4096).context_size == 4096


def test_the_probe_grader_grades_through_the_server(real_server: RealServer) -> None:
    grader = LLMGrader(connect(real_server))
    grade = grader.grade(QUESTION, GOOD)
    assert grader.last_probe is not None  # the probe path, not the JSON fallback
    assert 1 <= grade.score <= 10 and grade.feedback


def test_without_logprobs_the_grader_falls_back_to_json(tmp_path: Path) -> None:
    with llama_server(tmp_path, logprobs=False) as server:
        model = connect(server)
        with pytest.raises(ChoicesUnsupported, match="no log-probabilities"):
            model.choice_probabilities(CAPITAL, CITIES)
        assert model.scores_choices() is False
        schemas: list[object] = []
        chat = model.chat

        def spy(messages: list[Message], **kw: Any) -> str:
            schemas.append(kw.get("schema"))
            return chat(messages, **kw)

        model.chat = spy  # type: ignore[method-assign]
        grader = LLMGrader(model)
        grade = grader.grade(QUESTION, GOOD)
    assert grader.last_probe is None and schemas[0] == GRADE_SCHEMA  # the JSON grader
    assert grade.verdict is not None or "unusable" in grade.error  # SmolLM2 is tiny


def test_a_server_killed_mid_answer_is_a_clear_error(tmp_path: Path) -> None:
    with llama_server(tmp_path) as server:
        model = connect(server)
        seen: list[str] = []
        first = threading.Event()

        def on_text(piece: str) -> None:
            seen.append(piece)
            if not first.is_set():
                first.set()
                server.kill()

        ask: list[Message] = [{"role": "user", "content": "Write a long story about a dragon."}]
        with pytest.raises(ModelError) as info:
            model.chat(ask, max_tokens=400, temperature=0.7, on_text=on_text)
        assert "in the middle of a reply" in str(info.value) and seen  # what came is kept
        with pytest.raises(ModelError, match="Is it running"):
            connect(server)  # and now nothing listens: how to start one
