"""The persona benchmark's script and summary."""

from __future__ import annotations

from dataclasses import dataclass

from interbot_tui.tools.persona_bench import QUESTIONS, run_persona


@dataclass
class Reply:
    text: str
    source: str
    seconds: float
    context_tokens: int


def test_forty_questions_with_repeats_and_the_summary_counts_each_path() -> None:
    assert len(QUESTIONS) == 40
    assert len(set(QUESTIONS)) < len(QUESTIONS)  # repeats exercise the cache
    seen: set[str] = set()

    def ask(question: str) -> Reply:
        if question in seen:
            return Reply("again", "cache", 0.001, 0)
        seen.add(question)
        if question.startswith("Tell me about yourself"):
            return Reply("prepared", "prepared", 0.002, 0)
        return Reply("model", "model", 2.0 + len(seen) / 100, 300 + len(seen))

    lines: list[str] = []
    summary = run_persona(ask, log=lines.append).summary()
    assert summary["questions"] == 40 == len(lines)
    assert summary["sources"] == {"prepared": 1, "model": 37, "cache": 2}
    assert summary["instant_seconds_max"] == 0.002
    assert summary["context_tokens_max"] == 300 + 38
    assert summary["model_seconds_second_half"] > summary["model_seconds_first_half"]
