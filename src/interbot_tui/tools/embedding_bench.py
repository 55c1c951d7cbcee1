"""Sentence-encoder bench: load time, memory, and encoding 20 answer-like sentences of about 25
words, as one call (how the grader sends an answer's sentences) and one sentence at a time."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from interbot_tui.tools.bench import ANSWER

Log = Callable[[str], None]
# 20 sentences of about 25 words: neighbouring lines of the bench's spoken answer, joined.
SENTENCES = [f"{ANSWER[i % 12]} {ANSWER[(i + 1) % 12]}" for i in range(20)]


def _rss_mb() -> float | None:
    """Resident memory now (Linux); the peak would hide the encoder behind the LLM's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def run_embedding_bench(
    models_dir: Path, spec: str | None = None, log: Log = print
) -> dict[str, Any]:
    from interbot_tui.backends.embeddings.factory import load_encoder

    before = _rss_mb()
    t0 = time.perf_counter()
    encoder = load_encoder(spec, models_dir)
    load_s = time.perf_counter() - t0
    encoder.encode(SENTENCES[:2])  # warm-up
    t0 = time.perf_counter()
    encoder.encode(SENTENCES)
    batch_ms = (time.perf_counter() - t0) * 1000 / len(SENTENCES)
    t0 = time.perf_counter()
    for sentence in SENTENCES:
        encoder.encode([sentence])
    single_ms = (time.perf_counter() - t0) * 1000 / len(SENTENCES)
    after = _rss_mb()
    rise = round(after - before) if after is not None and before is not None else None
    words = sum(len(s.split()) for s in SENTENCES) / len(SENTENCES)
    log(
        f"sentence encoder {encoder.name}: loaded in {load_s:.2f} s"
        + (f", +{rise} MB resident" if rise is not None else "")
        + f"; {len(SENTENCES)} sentences of ~{words:.0f} words: {batch_ms:.1f} ms each in one "
        f"call, {single_ms:.1f} ms one at a time"
    )
    return {
        "model": encoder.name,
        "load_s": round(load_s, 3),
        "rss_rise_mb": rise,
        "sentences": len(SENTENCES),
        "mean_words": round(words, 1),
        "batch_ms_per_sentence": round(batch_ms, 2),
        "single_ms_per_sentence": round(single_ms, 2),
    }
