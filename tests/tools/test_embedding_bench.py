"""The sentence-encoder bench on a tiny random BERT: figures of the right shape."""

from __future__ import annotations

from pathlib import Path

from interbot_tui.tools.embedding_bench import SENTENCES, run_embedding_bench
from tests.backends.embeddings.tiny_bert import write_tiny_bert


def test_bench_times_loading_and_encoding(tmp_path: Path) -> None:
    folder = write_tiny_bert(tmp_path / "tiny-bert")
    lines: list[str] = []
    result = run_embedding_bench(tmp_path / "models", str(folder), log=lines.append)
    assert result["model"] == "tiny-bert" and result["sentences"] == len(SENTENCES) == 20
    assert 20 <= result["mean_words"] <= 30
    assert result["load_s"] >= 0 and result["batch_ms_per_sentence"] > 0
    assert result["single_ms_per_sentence"] > 0
    assert len(lines) == 1 and "ms each in one call" in lines[0]
