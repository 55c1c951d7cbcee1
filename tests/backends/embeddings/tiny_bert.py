"""A tiny random BERT directory (config, safetensors weights, word-level tokenizer) for fast tests
of the numpy encoder: the same file layout as all-MiniLM-L6-v2, a few kilobytes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file
from tokenizers import Tokenizer
from tokenizers.models import WordLevel
from tokenizers.pre_tokenizers import Whitespace
from tokenizers.processors import TemplateProcessing

HIDDEN, HEADS, LAYERS, INTERMEDIATE, POSITIONS = 8, 2, 2, 16, 32
WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]


def tiny_weights(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)

    def r(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.5, shape).astype(np.float32)

    w = {
        "embeddings.word_embeddings.weight": r(len(SPECIAL) + len(WORDS), HIDDEN),
        "embeddings.position_embeddings.weight": r(POSITIONS, HIDDEN),
        "embeddings.token_type_embeddings.weight": r(2, HIDDEN),
        "embeddings.LayerNorm.weight": 1 + r(HIDDEN) / 5,
        "embeddings.LayerNorm.bias": r(HIDDEN) / 5,
    }
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        for name in ("query", "key", "value"):
            w[p + f"attention.self.{name}.weight"] = r(HIDDEN, HIDDEN)
            w[p + f"attention.self.{name}.bias"] = r(HIDDEN)
        w[p + "attention.output.dense.weight"] = r(HIDDEN, HIDDEN)
        w[p + "attention.output.dense.bias"] = r(HIDDEN)
        w[p + "intermediate.dense.weight"] = r(INTERMEDIATE, HIDDEN)
        w[p + "intermediate.dense.bias"] = r(INTERMEDIATE)
        w[p + "output.dense.weight"] = r(HIDDEN, INTERMEDIATE)
        w[p + "output.dense.bias"] = r(HIDDEN)
        for ln in ("attention.output.LayerNorm", "output.LayerNorm"):
            w[p + ln + ".weight"] = 1 + r(HIDDEN) / 5
            w[p + ln + ".bias"] = r(HIDDEN) / 5
    return w


CONFIG = {
    "hidden_act": "gelu",
    "hidden_size": HIDDEN,
    "num_attention_heads": HEADS,
    "num_hidden_layers": LAYERS,
    "intermediate_size": INTERMEDIATE,
    "layer_norm_eps": 1e-12,
    "max_position_embeddings": POSITIONS,
    "position_embedding_type": "absolute",
}


def write_tiny_bert(folder: Path, seed: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(CONFIG))
    save_file(tiny_weights(seed), str(folder / "model.safetensors"))
    vocab = {token: i for i, token in enumerate(SPECIAL + WORDS)}
    tok = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = Whitespace()
    tok.post_processor = TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)]
    )
    tok.enable_padding(length=POSITIONS)  # as in MiniLM's file: the encoder must turn it off
    tok.save(str(folder / "tokenizer.json"))
    return folder
