"""What the rest of interbot asks of the camera side: a frame source, a face detector, an
expression classifier, and a reader that turns a frame into a `Reading`. The real ones are
`camera.Camera`, `face_detector.HaarFaceDetector`, `expression_onnx.OnnxExpressionClassifier`
and `reader.ExpressionReader`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from interbot_tui.core.vision.expression import Box, Reading


class FaceDetector(Protocol):
    def detect(self, gray: Any) -> list[Box]:
        """Faces in a gray image (uint8 H×W), largest first."""
        ...


class ExpressionClassifier(Protocol):
    name: str

    def classify(self, faces: Sequence[Any]) -> list[dict[str, float]]:
        """Probabilities by label for each SIZE×SIZE uint8 gray face from `crop_face`."""
        ...


class FrameReader(Protocol):
    def read(self, frame: Any, at: float) -> Reading:
        """The reading of one frame (BGR or gray) taken at monotonic time `at`."""
        ...


class CameraSource(Protocol):
    """Captures on its own thread from `start()` until `stop()`, handing readings to a callback
    given at construction."""

    def start(self) -> None: ...

    def stop(self, timeout: float = 3.0) -> None: ...

    @property
    def running(self) -> bool: ...
