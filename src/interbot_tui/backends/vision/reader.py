"""Frames to expression readings: find the faces, then read the expression of each.

Frames are only looked at here: nothing is written or kept once a frame's reading is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interbot_tui.backends.vision.base import ExpressionClassifier, FaceDetector
from interbot_tui.backends.vision.support import cv2_module
from interbot_tui.core.vision.expression import Box, Reading, leading


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
