"""Keras 2 HDF5 models written with h5py, and a plain numpy forward pass of the Keras layers.

The forward pass follows Keras/TensorFlow semantics directly (NHWC, TF "same" padding with the odd
pixel at the end, max-pool padding that never wins), independently of the converter's ONNX graph,
so comparing the two checks the conversion.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import h5py
import numpy as np

from interbot_tui.models.convert_fer import Layer, read_keras

# --- writing ------------------------------------------------------------------------------------


def layer(kind: str, name: str, inputs: list[str], **config: Any) -> dict[str, Any]:
    return {
        "class_name": kind,
        "name": name,
        "config": {"name": name, **config},
        "inbound_nodes": [[[i, 0, 0, {}] for i in inputs]] if inputs else [],
    }


def write_keras(
    path: Path, layers: list[dict[str, Any]], weights: dict[str, dict[str, np.ndarray]]
) -> Path:
    """A file laid out as Keras 2.0 saves a functional model (`model.save`)."""
    config = {
        "class_name": "Model",
        "config": {
            "name": "model_1",
            "layers": layers,
            "input_layers": [[layers[0]["name"], 0, 0]],
            "output_layers": [[layers[-1]["name"], 0, 0]],
        },
    }
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = b"2.0.5"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(config).encode()
        root = f.create_group("model_weights")
        root.attrs["layer_names"] = [item["name"].encode() for item in layers]
        for item in layers:
            group = root.create_group(item["name"])
            names = []
            for short, value in weights.get(item["name"], {}).items():
                full = f"{item['name']}_1/{short}:0"
                group.create_dataset(full, data=value.astype(np.float32))
                names.append(full.encode())
            group.attrs["weight_names"] = names
    return path


def small_xception(path: Path, seed: int = 0, *, softmax: bool = True) -> Path:
    """Every layer type of mini-XCEPTION on odd and even sizes, with random weights. Without
    `softmax` the model ends in the pooled logits, which show differences softmax would flatten."""
    rng = np.random.default_rng(seed)

    def w(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.5, shape).astype(np.float32)

    def bn(channels: int) -> dict[str, np.ndarray]:
        return {
            "gamma": rng.uniform(0.5, 1.5, channels).astype(np.float32),
            "beta": w(channels),
            "moving_mean": w(channels),
            "moving_variance": rng.uniform(0.5, 2.0, channels).astype(np.float32),
        }

    conv = {"padding": "same", "strides": [1, 1], "use_bias": False, "activation": "linear"}
    layers = [
        layer("InputLayer", "input_1", [], batch_input_shape=[None, 15, 14, 1]),
        layer(
            "Conv2D",
            "conv_a",
            ["input_1"],
            **{**conv, "padding": "valid", "use_bias": True, "activation": "relu"},
        ),
        layer("BatchNormalization", "bn_a", ["conv_a"], epsilon=1e-3, axis=-1),
        layer("SeparableConv2D", "sep_a", ["bn_a"], **conv, depth_multiplier=2),
        layer("Activation", "relu_a", ["sep_a"], activation="relu"),
        layer(
            "MaxPooling2D", "pool_a", ["relu_a"], pool_size=[3, 3], strides=[2, 2], padding="same"
        ),
        layer("Conv2D", "skip_a", ["bn_a"], **{**conv, "strides": [2, 2]}),
        layer("Add", "add_a", ["pool_a", "skip_a"]),
        layer(
            "SeparableConv2D",
            "sep_b",
            ["add_a"],
            **{**conv, "strides": [2, 2], "use_bias": True},
            depth_multiplier=1,
        ),
        layer("Conv2D", "head", ["sep_b"], **{**conv, "use_bias": True}),
        layer("GlobalAveragePooling2D", "gap", ["head"]),
        layer("Activation", "predictions", ["gap"], activation="softmax"),
    ]
    if not softmax:
        layers.pop()
    weights = {
        "conv_a": {"kernel": w(3, 3, 1, 4), "bias": w(4)},
        "bn_a": bn(4),
        "sep_a": {"depthwise_kernel": w(3, 3, 4, 2), "pointwise_kernel": w(1, 1, 8, 6)},
        "skip_a": {"kernel": w(1, 1, 4, 6)},
        "sep_b": {
            "depthwise_kernel": w(3, 3, 6, 1),
            "pointwise_kernel": w(1, 1, 6, 5),
            "bias": w(5),
        },
        "head": {"kernel": w(3, 3, 5, 7), "bias": w(7)},
    }
    return write_keras(path, layers, weights)


# --- the numpy forward pass ---------------------------------------------------------------------


def _tf_pad(
    x: np.ndarray, kernel: tuple[int, int], strides: tuple[int, int], padding: str, value: float
) -> np.ndarray:
    if padding == "valid":
        return x
    widths = [(0, 0)]
    for size, k, s in zip(x.shape[1:3], kernel, strides, strict=True):
        out = -(-size // s)
        total = max((out - 1) * s + k - size, 0)
        widths.append((total // 2, total - total // 2))
    widths.append((0, 0))
    return np.pad(x, widths, constant_values=value)


def _windows(x: np.ndarray, kernel: tuple[int, int], strides: tuple[int, int]) -> tuple[int, int]:
    return (
        (x.shape[1] - kernel[0]) // strides[0] + 1,
        (x.shape[2] - kernel[1]) // strides[1] + 1,
    )


def _conv(x: np.ndarray, k: np.ndarray, strides: tuple[int, int], padding: str) -> np.ndarray:
    """x (N, H, W, C), k (kh, kw, C, M)."""
    kh, kw = k.shape[:2]
    x = _tf_pad(x, (kh, kw), strides, padding, 0.0)
    oh, ow = _windows(x, (kh, kw), strides)
    out = np.zeros((x.shape[0], oh, ow, k.shape[3]), np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i : i + strides[0] * oh : strides[0], j : j + strides[1] * ow : strides[1]]
            out += patch @ k[i, j]
    return out


def _depthwise(x: np.ndarray, k: np.ndarray, strides: tuple[int, int], padding: str) -> np.ndarray:
    """k (kh, kw, C, mult); output channel c·mult + m."""
    kh, kw, c, mult = k.shape
    x = _tf_pad(x, (kh, kw), strides, padding, 0.0)
    oh, ow = _windows(x, (kh, kw), strides)
    out = np.zeros((x.shape[0], oh, ow, c, mult), np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i : i + strides[0] * oh : strides[0], j : j + strides[1] * ow : strides[1]]
            out += patch[..., None] * k[i, j]
    return out.reshape(x.shape[0], oh, ow, c * mult)


def _max_pool(
    x: np.ndarray, pool: tuple[int, int], strides: tuple[int, int], padding: str
) -> np.ndarray:
    x = _tf_pad(x, pool, strides, padding, -np.inf)
    oh, ow = _windows(x, pool, strides)
    out = np.full((x.shape[0], oh, ow, x.shape[3]), -np.inf)
    for i in range(pool[0]):
        for j in range(pool[1]):
            patch = x[:, i : i + strides[0] * oh : strides[0], j : j + strides[1] * ow : strides[1]]
            out = np.maximum(out, patch)
    return out


def _act(x: np.ndarray, name: str) -> np.ndarray:
    if name == "relu":
        return np.maximum(x, 0)
    if name == "softmax":
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    assert name == "linear", name
    return x


def _apply(item: Layer, xs: list[np.ndarray]) -> np.ndarray:
    cfg, w = item.config, item.weights
    strides = tuple(cfg.get("strides") or (1, 1))
    if item.kind == "Conv2D":
        y = _conv(xs[0], w["kernel"], strides, cfg["padding"])  # type: ignore[arg-type]
        return _act(y + w.get("bias", 0.0), cfg["activation"])
    if item.kind == "SeparableConv2D":
        y = _depthwise(xs[0], w["depthwise_kernel"], strides, cfg["padding"])  # type: ignore[arg-type]
        y = _conv(y, w["pointwise_kernel"], (1, 1), "valid")
        return _act(y + w.get("bias", 0.0), cfg["activation"])
    if item.kind == "BatchNormalization":
        scale = w["gamma"] / np.sqrt(w["moving_variance"] + cfg["epsilon"])
        return (xs[0] - w["moving_mean"]) * scale + w["beta"]
    if item.kind == "MaxPooling2D":
        return _max_pool(xs[0], tuple(cfg["pool_size"]), strides, cfg["padding"])  # type: ignore[arg-type]
    if item.kind == "Activation":
        return _act(xs[0], cfg["activation"])
    if item.kind == "Add":
        return xs[0] + xs[1]
    if item.kind == "GlobalAveragePooling2D":
        return xs[0].mean(axis=(1, 2))
    raise AssertionError(f"no reference for {item.kind}")


def keras_forward(path: Path, x: np.ndarray) -> np.ndarray:
    """The Keras model in `path` applied to x (N, H, W, C), in float64."""
    _shape, layers, output = read_keras(path)
    values = {layers[0].name: x.astype(np.float64)}
    for item in layers[1:]:
        values[item.name] = _apply(item, [values[i] for i in item.inputs])
    return values[output]
