"""A persona conversation exported: Markdown, JSON, HTML (escaped)."""

from __future__ import annotations

import json

import pytest

from interbot_tui.core.persona.transcript import (
    PersonaTranscript,
    StoredExchange,
    render_transcript,
)

T = PersonaTranscript(
    session_id=7,
    name="Maya Okafor",
    started_at=1_700_000_000.0,
    ended_at=1_700_000_100.0,
    status="finished",
    model="qwen",
    exchanges=(
        StoredExchange(
            1, "Tell me about yourself", "I'm a data engineer.", "prepared", 0.001, 1.7e9
        ),
        StoredExchange(2, "Kafka <b>?", "I used Kafka Streams.", "model", 3.2, 1.7e9),
    ),
)


def test_markdown() -> None:
    text = render_transcript(T, "md")
    assert text.startswith("# Persona conversation: Maya Okafor\n")
    assert "2 questions (1 prepared answer, 1 model)" in text
    assert "**Q2. Kafka <b>?**\n\nI used Kafka Streams.\n\n*model, 3.20 s*" in text


def test_json() -> None:
    data = json.loads(render_transcript(T, "json"))
    assert data["kind"] == "persona" and data["session"] == 7 and data["name"] == "Maya Okafor"
    assert [e["source"] for e in data["exchanges"]] == ["prepared", "model"]
    assert data["exchanges"][1]["seconds"] == 3.2


def test_html_escapes() -> None:
    text = render_transcript(T, "html")
    assert text.startswith("<!doctype html>") and "Kafka &lt;b&gt;?" in text


def test_empty_and_unknown_format() -> None:
    empty = PersonaTranscript(1, "", 1.7e9, None, "interrupted", "", ())
    assert "No questions were asked." in render_transcript(empty, "md")
    with pytest.raises(ValueError, match="unknown format"):
        render_transcript(empty, "pdf")
