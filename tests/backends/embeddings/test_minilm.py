"""The numpy BERT encoder on a tiny random model: each layer against a naive reference, padding
and truncation, pooling, normalisation, batching. The real model is in tests/slow."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import save_file

from interbot_tui.backends.embeddings.minilm import (
    Bert,
    BertConfig,
    Layer,
    MiniLMEncoder,
    attention,
    erf,
    gelu,
    l2_normalise,
    layer_norm,
    mean_pool,
)
from interbot_tui.core.ports import ModelError
from tests.backends.embeddings.tiny_bert import CONFIG, HEADS, HIDDEN, tiny_weights, write_tiny_bert


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write_tiny_bert(tmp_path / "tiny-bert")


def bert() -> Bert:
    return Bert(tiny_weights(), BertConfig.from_json(CONFIG))


def test_erf_and_gelu_are_exact_enough() -> None:
    xs = np.linspace(-6, 6, 1201, dtype=np.float32)
    expected = np.array([math.erf(float(x)) for x in xs])
    assert np.abs(erf(xs) - expected).max() < 1e-6
    g = gelu(np.array([-10.0, 0.0, 1.0, 10.0], dtype=np.float32))
    assert g[0] == pytest.approx(0, abs=1e-6) and g[1] == 0 and g[3] == pytest.approx(10)
    assert g[2] == pytest.approx(0.5 * (1 + math.erf(1 / math.sqrt(2))), abs=1e-6)


def test_layer_norm_centres_and_scales() -> None:
    x = np.random.default_rng(1).normal(3, 5, (2, 4, HIDDEN)).astype(np.float32)
    y = layer_norm(x, np.ones(HIDDEN, np.float32), np.zeros(HIDDEN, np.float32), 1e-12)
    assert np.allclose(y.mean(-1), 0, atol=1e-5) and np.allclose(y.std(-1), 1, atol=1e-4)


def naive_attention(x: np.ndarray, mask: np.ndarray, w: dict[str, np.ndarray]) -> np.ndarray:
    """Per sequence and per head, straight from the BERT definition, softmax over real keys only."""
    p, d = "encoder.layer.0.attention.", HIDDEN // HEADS
    out = np.zeros_like(x)
    for b in range(x.shape[0]):
        q, k, v = (
            x[b] @ w[p + f"self.{n}.weight"].T + w[p + f"self.{n}.bias"]
            for n in ("query", "key", "value")
        )
        heads = []
        real = mask[b] > 0
        for h in range(HEADS):
            s = slice(h * d, (h + 1) * d)
            scores = q[:, s] @ k[real, s].T / math.sqrt(d)
            probs = np.exp(scores - scores.max(-1, keepdims=True))
            heads.append((probs / probs.sum(-1, keepdims=True)) @ v[real, s])
        out[b] = (
            np.concatenate(heads, -1) @ w[p + "output.dense.weight"].T + w[p + "output.dense.bias"]
        )
    return out


def test_attention_matches_the_naive_definition_and_ignores_padding_keys() -> None:
    w = tiny_weights()
    layer = Layer.from_weights(w, "encoder.layer.0.")
    x = np.random.default_rng(2).normal(0, 1, (2, 5, HIDDEN)).astype(np.float32)
    mask = np.array([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]])
    bias = np.where(mask[:, None, None, :] > 0, 0, -1e9).astype(np.float32)
    got = attention(x, bias, layer, HEADS)
    assert np.allclose(got, naive_attention(x, mask, w), atol=1e-5)
    x2 = x.copy()
    x2[1, 3:] = 100.0  # whatever sits in the padding, the real tokens see the same thing
    assert np.allclose(attention(x2, bias, layer, HEADS)[1, :3], got[1, :3], atol=1e-5)


def test_padding_a_sequence_changes_none_of_its_states() -> None:
    model = bert()
    ids = np.array([[2, 5, 6, 7, 3]])
    alone = model(ids, np.ones_like(ids), np.zeros_like(ids))
    padded = np.array([[2, 5, 6, 7, 3, 0, 0, 0]])
    mask = (np.arange(8) < 5).astype(np.int64)[None]
    with_pads = model(padded, mask, np.zeros_like(padded))
    assert np.allclose(with_pads[:, :5], alone, atol=1e-5)
    assert np.allclose(mean_pool(with_pads, mask), mean_pool(alone, np.ones_like(ids)), atol=1e-5)


def test_mean_pool_averages_only_the_masked_in_tokens() -> None:
    hidden = np.array([[[1.0, 2.0], [3.0, 4.0], [1e6, -1e6]]], dtype=np.float32)
    assert np.allclose(mean_pool(hidden, np.array([[1, 1, 0]])), [[2.0, 3.0]])


def test_l2_normalise_gives_unit_rows_and_leaves_zero_rows_finite() -> None:
    x = np.array([[3.0, 4.0], [0.0, 0.0]], dtype=np.float32)
    y = l2_normalise(x)
    assert np.allclose(y[0], [0.6, 0.8]) and np.all(y[1] == 0)


def test_encoder_rows_are_unit_length_in_order_whatever_the_batching(tiny: Path) -> None:
    texts = [
        "alpha beta gamma delta epsilon",
        "beta",
        "",
        "gamma delta",
        "zeta eta theta iota kappa alpha",
    ]
    enc = MiniLMEncoder(tiny, batch_tokens=16)  # batches of 1 to 3 texts
    out = enc.encode(texts)
    assert out.shape == (5, HIDDEN) and out.dtype == np.float32 and enc.dim == HIDDEN
    assert np.allclose(np.linalg.norm(out, axis=1), 1, atol=1e-5)
    one_by_one = np.stack([enc.encode([t])[0] for t in texts])
    assert np.allclose(out, one_by_one, atol=1e-5)
    assert enc.encode([]).shape == (0, HIDDEN)
    assert enc.name == "tiny-bert"
    assert enc.tokenizer.padding is None  # the file pads to 32: padding per batch is cheaper


def test_long_text_is_cut_at_max_tokens(tiny: Path) -> None:
    enc = MiniLMEncoder(tiny, max_tokens=6)  # [CLS] + 4 words + [SEP]
    cut = enc.encode(["alpha beta gamma delta epsilon zeta eta theta"])
    assert np.allclose(cut, enc.encode(["alpha beta gamma delta"]), atol=1e-6)
    long = MiniLMEncoder(tiny)  # 32 positions: 100 words must not index past them
    assert long.encode([" ".join(["beta"] * 100)]).shape == (1, HIDDEN)


def test_unsupported_or_broken_models_say_why(tiny: Path) -> None:
    with pytest.raises(ModelError, match="GELU"):
        BertConfig.from_json({**CONFIG, "hidden_act": "relu"})
    with pytest.raises(ModelError, match="not a BERT config"):
        BertConfig.from_json({"hidden_act": "gelu"})
    w = tiny_weights()
    del w["encoder.layer.1.output.dense.weight"]
    save_file(w, str(tiny / "model.safetensors"))
    with pytest.raises(ModelError, match=r"no tensor encoder\.layer\.1\.output\.dense\.weight"):
        MiniLMEncoder(tiny)
    (tiny / "model.safetensors").write_bytes(b"not safetensors")
    with pytest.raises(ModelError, match="cannot load the sentence encoder"):
        MiniLMEncoder(tiny)
    (tiny / "config.json").write_text(
        json.dumps({**CONFIG, "position_embedding_type": "relative_key"})
    )
    with pytest.raises(ModelError, match="absolute positions"):
        MiniLMEncoder(tiny)
