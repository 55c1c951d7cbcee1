"""Frames to expression readings: a face detector and an expression classifier, chosen and loaded.

Frames are only looked at here: nothing is written or kept once a frame's reading is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interbot_tui.backends.model_lookup import catalog, installed_entry
from interbot_tui.backends.vision.support import cv2_module
from interbot_tui.core.ports import ModelError
from interbot_tui.core.vision.expression import Box, Reading, leading
from interbot_tui.models.catalog import ModelEntry

if TYPE_CHECKING:
    from interbot_tui.backends.vision.expression_onnx import ExpressionClassifier
    from interbot_tui.backends.vision.face_detector import FaceDetector


@dataclass(frozen=True)
class FaceReading:
    box: Box
    probabilities: dict[str, float]

    @property
    def expression(self) -> str:
        return leading(self.probabilities)


class ExpressionReader:
    """Finds faces in a frame (BGR or gray) and reads the expression of each."""

    def __init__(self, detector: FaceDetector, classifier: ExpressionClassifier) -> None:
        self.detector = detector
        self.classifier = classifier
        self.name = classifier.name

    def faces(self, frame: Any, *, limit: int | None = None) -> list[FaceReading]:
        """Faces, largest first, at most `limit` of them."""
        from interbot_tui.backends.vision.expression_onnx import crop_face

        gray = to_gray(frame)
        boxes = self.detector.detect(gray)[:limit]
        crops = [crop_face(gray, box) for box in boxes]
        return [
            FaceReading(box, probs)
            for box, probs in zip(boxes, self.classifier.classify(crops), strict=True)
        ]

    def read(self, frame: Any, at: float) -> Reading:
        """The largest face's reading, or a no-face reading."""
        found = self.faces(frame, limit=1)
        if not found:
            return Reading(at, None)
        return Reading(at, found[0].probabilities, found[0].box)


def to_gray(frame: Any) -> Any:
    if frame.ndim == 2:
        return frame
    cv2 = cv2_module()
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


def resolve_expression_model(spec: str | None, models_dir: Path) -> tuple[Path, ModelEntry | None]:
    """The ONNX file for `spec` (a catalog name or a file), else the catalog's default."""
    entries = catalog()
    if spec and spec not in entries:
        path = Path(spec).expanduser()
        if not path.is_file():
            names = ", ".join(n for n, e in entries.items() if e.role == "expression")
            raise ModelError(
                f"expression model {spec!r} is neither a known model ({names}) nor an ONNX file."
            )
        return path, None
    return installed_entry(entries, spec, "expression", models_dir, "expression model")


def load_expression_reader(spec: str | None, models_dir: Path) -> ExpressionReader:
    """The Haar face detector and the ONNX classifier (a fraction of a second).

    Raises ModelError when the model is missing or damaged, VisionUnavailable when OpenCV or
    onnxruntime is."""
    from interbot_tui.backends.vision.expression_onnx import OnnxExpressionClassifier
    from interbot_tui.backends.vision.face_detector import HaarFaceDetector

    path, entry = resolve_expression_model(spec, models_dir)
    classifier = OnnxExpressionClassifier(path, name=entry.name if entry else path.name)
    return ExpressionReader(HaarFaceDetector(), classifier)
