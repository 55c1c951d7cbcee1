"""all-MiniLM-L6-v2 (a 6-layer BERT) as a sentence encoder, in plain numpy.

The same steps as sentence-transformers' Transformer → mean Pooling → Normalize modules: BERT
WordPiece tokens (truncated at 256), embeddings, post-LayerNorm encoder layers with exact GELU,
mean over the real tokens, unit length. No torch: the weights are read with safetensors' numpy
API and the tokenizer with `tokenizers`. Texts are batched by length, so padding stays small.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from safetensors import safe_open
from tokenizers import Tokenizer

from interbot_tui.backends.embeddings.base import Embeddings
from interbot_tui.core.ports import ModelError

Array = npt.NDArray[np.float32]
Weights = Mapping[str, npt.NDArray[np.generic]]

MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json); longer text is cut
BATCH_TOKENS = 128  # texts are batched up to this many tokens (padding included): see FF_BLOCK
FF_BLOCK = 128
_MASKED = np.float32(-1e9)  # added to the attention scores of padding keys


@dataclass(frozen=True)
class BertConfig:
    hidden: int
    heads: int
    layers: int
    eps: float
    max_positions: int

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> BertConfig:
        """The fields this forward pass uses; a ModelError for a BERT variant it does not run."""
        positions = raw.get("position_embedding_type", "absolute")
        if raw.get("hidden_act", "gelu") != "gelu" or positions not in ("absolute", None):
            raise ModelError("only BERT models with GELU and absolute positions are supported")
        try:
            return cls(
                hidden=int(str(raw["hidden_size"])),
                heads=int(str(raw["num_attention_heads"])),
                layers=int(str(raw["num_hidden_layers"])),
                eps=float(str(raw.get("layer_norm_eps", 1e-12))),
                max_positions=int(str(raw.get("max_position_embeddings", 512))),
            )
        except (KeyError, ValueError) as exc:
            raise ModelError(f"config.json is not a BERT config: {exc}") from exc


def layer_norm(x: Array, weight: Array, bias: Array, eps: float) -> Array:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    y: Array = (x - mean) / np.sqrt(var + eps) * weight + bias
    return y


def erf(x: Array) -> Array:
    """Abramowitz & Stegun 7.1.26 (error below 1.5e-7): numpy has no erf, BERT's GELU needs it."""
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = (
        (((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592
    ) * t
    y: Array = np.sign(x) * (1.0 - poly * np.exp(-a * a))
    return y


def gelu(x: Array) -> Array:
    """The exact GELU of BERT's "gelu" (not the tanh approximation)."""
    return 0.5 * x * (1.0 + erf(x / np.float32(math.sqrt(2.0))))


@dataclass(frozen=True)
class Layer:
    """One encoder layer; each matrix is a view laid out for `x @ w` (HF stores Linear weights
    [out, in]; BLAS reads the transposed view as it is, no copy)."""

    qkv: Array  # [hidden, 3 * hidden]: query, key and value in one product
    qkv_bias: Array
    out: Array
    out_bias: Array
    ln1: tuple[Array, Array]
    up: Array
    up_bias: Array
    down: Array
    down_bias: Array
    ln2: tuple[Array, Array]

    @classmethod
    def from_weights(cls, w: Weights, prefix: str) -> Layer:
        def get(name: str) -> Array:
            return _tensor(w, prefix + name)

        att = "attention.self."
        return cls(
            qkv=np.concatenate([get(att + f"{p}.weight") for p in ("query", "key", "value")]).T,
            qkv_bias=np.concatenate([get(att + f"{p}.bias") for p in ("query", "key", "value")]),
            out=get("attention.output.dense.weight").T,
            out_bias=get("attention.output.dense.bias"),
            ln1=(get("attention.output.LayerNorm.weight"), get("attention.output.LayerNorm.bias")),
            up=get("intermediate.dense.weight").T,
            up_bias=get("intermediate.dense.bias"),
            down=get("output.dense.weight").T,
            down_bias=get("output.dense.bias"),
            ln2=(get("output.LayerNorm.weight"), get("output.LayerNorm.bias")),
        )


def _tensor(w: Weights, name: str) -> Array:
    if name not in w:
        raise ModelError(f"model.safetensors has no tensor {name}: not a BERT model")
    return np.asarray(w[name], dtype=np.float32)


def attention(x: Array, mask_bias: Array, layer: Layer, heads: int) -> Array:
    """Multi-head self-attention of x [batch, tokens, hidden]; `mask_bias` [batch, 1, 1, tokens]
    is 0 for real tokens and very negative for padding, so no token attends to padding."""
    b, t, h = x.shape
    d = h // heads
    qkv = (x @ layer.qkv + layer.qkv_bias).reshape(b, t, 3, heads, d).transpose(2, 0, 3, 1, 4)
    q, k, v = qkv[0], qkv[1], qkv[2]  # each [batch, heads, tokens, d]
    scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(d)) + mask_bias
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    probs = scores / scores.sum(axis=-1, keepdims=True)
    context = (probs @ v).transpose(0, 2, 1, 3).reshape(b, t, h)
    y: Array = context @ layer.out + layer.out_bias
    return y


def feed_forward(h: Array, layer: Layer) -> Array:
    """down(gelu(up(h))) per token, on blocks of FF_BLOCK tokens: the 4x wider activations of a
    whole batch would not stay in the CPU cache, and GELU is many passes over them."""
    flat = h.reshape(-1, h.shape[-1])
    out = np.empty_like(flat)
    for start in range(0, flat.shape[0], FF_BLOCK):
        block = flat[start : start + FF_BLOCK]
        out[start : start + FF_BLOCK] = (
            gelu(block @ layer.up + layer.up_bias) @ layer.down + layer.down_bias
        )
    return out.reshape(h.shape)


def encoder_layer(x: Array, mask_bias: Array, layer: Layer, cfg: BertConfig) -> Array:
    """Post-LN BERT layer: LN(x + attention(x)), then LN(h + down(gelu(up(h))))."""
    h = layer_norm(x + attention(x, mask_bias, layer, cfg.heads), *layer.ln1, cfg.eps)
    return layer_norm(h + feed_forward(h, layer), *layer.ln2, cfg.eps)


def mean_pool(hidden: Array, mask: npt.NDArray[np.int64]) -> Array:
    """Mean of each row's token vectors where `mask` [batch, tokens] is 1."""
    m = mask[:, :, None].astype(np.float32)
    y: Array = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), np.float32(1e-9))
    return y


def l2_normalise(x: Array) -> Array:
    y: Array = x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), np.float32(1e-12))
    return y


class Bert:
    """The BERT encoder's forward pass over token ids; no pooler (sentence models do not use it)."""

    def __init__(self, weights: Weights, cfg: BertConfig) -> None:
        self.cfg = cfg
        self.words = _tensor(weights, "embeddings.word_embeddings.weight")
        self.positions = _tensor(weights, "embeddings.position_embeddings.weight")
        self.types = _tensor(weights, "embeddings.token_type_embeddings.weight")
        self.ln = (
            _tensor(weights, "embeddings.LayerNorm.weight"),
            _tensor(weights, "embeddings.LayerNorm.bias"),
        )
        self.layers = [
            Layer.from_weights(weights, f"encoder.layer.{i}.") for i in range(cfg.layers)
        ]

    def __call__(
        self,
        ids: npt.NDArray[np.int64],
        mask: npt.NDArray[np.int64],
        type_ids: npt.NDArray[np.int64],
    ) -> Array:
        """Hidden states [batch, tokens, hidden] for ids, attention mask and token types."""
        t = ids.shape[1]
        x = self.words[ids] + self.positions[None, :t] + self.types[type_ids]
        x = layer_norm(x, *self.ln, self.cfg.eps)
        mask_bias = np.where(mask[:, None, None, :] > 0, np.float32(0), _MASKED)
        for layer in self.layers:
            x = encoder_layer(x, mask_bias, layer, self.cfg)
        return x


class MiniLMEncoder:
    """A SentenceEncoder over a directory with config.json, model.safetensors, tokenizer.json."""

    def __init__(
        self,
        path: Path,
        *,
        name: str = "",
        max_tokens: int = MAX_TOKENS,
        batch_tokens: int = BATCH_TOKENS,
    ) -> None:
        self.name = name or path.name
        try:
            cfg = BertConfig.from_json(json.loads((path / "config.json").read_text("utf-8")))
            with safe_open(str(path / "model.safetensors"), framework="np") as f:
                # tensor by tensor from a memory map, not the whole file read into bytes first
                weights = {key: f.get_tensor(key) for key in f.keys()}  # noqa: SIM118
            self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        except ModelError:
            raise
        except Exception as exc:  # OSError, JSON or safetensors errors, tokenizer parse errors
            raise ModelError(f"cannot load the sentence encoder in {path}: {exc}") from exc
        self.bert = Bert(weights, cfg)
        self.dim = cfg.hidden
        self.max_tokens = min(max_tokens, cfg.max_positions)
        self.batch_tokens = batch_tokens
        # tokenizer.json pads and cuts everything to 128: we cut at max_tokens and pad per batch.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=self.max_tokens)

    def encode(self, texts: Sequence[str]) -> Embeddings:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        # One by one: encode_batch's thread pool makes the library warn on stderr at every later
        # fork (a subprocess from the TUI), and tokenising is microseconds a sentence anyway.
        encodings = [self.tokenizer.encode(text) for text in texts]
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        while order:  # shortest first, as many texts as fit in batch_tokens (at least one)
            count = 1
            while (
                count < len(order)
                and len(encodings[order[count]].ids) * (count + 1) <= self.batch_tokens
            ):
                count += 1
            rows, order = order[:count], order[count:]
            width = len(encodings[rows[-1]].ids)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            types = np.zeros_like(ids)
            for r, i in enumerate(rows):
                enc = encodings[i]
                n = len(enc.ids)
                ids[r, :n], mask[r, :n], types[r, :n] = enc.ids, enc.attention_mask, enc.type_ids
            out[rows] = mean_pool(self.bert(ids, mask, types), mask)
        return l2_normalise(out)
