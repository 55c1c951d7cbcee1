"""Choose and load the expression reader: the Haar face detector and the ONNX expression model
(a catalog name or an ONNX file, else the catalog's default)."""

from __future__ import annotations

from pathlib import Path

from interbot_tui.backends.model_lookup import resolve_spec
from interbot_tui.backends.vision.reader import ExpressionReader
from interbot_tui.models.catalog import ModelEntry


def resolve_expression_model(spec: str | None, models_dir: Path) -> tuple[Path, ModelEntry | None]:
    """The ONNX file for `spec` (a catalog name or a file), else the catalog's default."""
    return resolve_spec(
        spec,
        models_dir,
        "expression",
        "expression model",
        is_model=Path.is_file,
        not_a_model="expression model {spec!r} is neither a known model ({names}) nor an ONNX file.",
    )


def load_expression_reader(spec: str | None, models_dir: Path) -> ExpressionReader:
    """The Haar face detector and the ONNX classifier (a fraction of a second).

    Raises ModelError when the model is missing or damaged, VisionUnavailable when OpenCV or
    onnxruntime is."""
    from interbot_tui.backends.vision.expression_onnx import OnnxExpressionClassifier
    from interbot_tui.backends.vision.face_detector import HaarFaceDetector

    path, entry = resolve_expression_model(spec, models_dir)
    classifier = OnnxExpressionClassifier(path, name=entry.name if entry else path.name)
    return ExpressionReader(HaarFaceDetector(), classifier)
