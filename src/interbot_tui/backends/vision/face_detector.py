"""Face detection with OpenCV's Haar frontal-face cascade (OpenCV below 5 ships it).

Frames are scaled down to at most `max_width` pixels for detection (the cascade costs grow with
the pixel count and faces at a desk are large); boxes come back in the frame's own pixels.
"""

from __future__ import annotations

from typing import Any

from interbot_tui.backends.vision.support import VisionUnavailable, cv2_module
from interbot_tui.core.vision.expression import Box

CASCADE = "haarcascade_frontalface_default.xml"


def largest(boxes: list[Box]) -> Box | None:
    return max(boxes, key=lambda b: b[2] * b[3], default=None)


class HaarFaceDetector:
    def __init__(
        self,
        *,
        max_width: int = 320,
        scale_factor: float = 1.1,
        min_neighbors: int = 5,
        min_size: int = 40,
    ) -> None:
        cv2 = cv2_module()
        if not hasattr(cv2, "CascadeClassifier") or not hasattr(cv2, "data"):
            raise VisionUnavailable(
                f"OpenCV {cv2.__version__} has no Haar face detector (OpenCV 5 dropped it): "
                "pip install 'opencv-python-headless>=4.8,<5'"
            )
        path = cv2.data.haarcascades + CASCADE
        self._cascade = cv2.CascadeClassifier(path)
        if self._cascade.empty():
            raise VisionUnavailable(f"cannot load the face detector {path}")
        self._cv2 = cv2
        self.max_width = max_width
        self.scale_factor = scale_factor
        self.min_neighbors = min_neighbors
        self.min_size = min_size

    def detect(self, gray: Any) -> list[Box]:
        cv2 = self._cv2
        height, width = gray.shape[:2]
        scale = min(1.0, self.max_width / width) if self.max_width else 1.0
        small = gray
        if scale < 1.0:
            size = (round(width * scale), round(height * scale))
            small = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
        found = self._cascade.detectMultiScale(
            small,
            scaleFactor=self.scale_factor,
            minNeighbors=self.min_neighbors,
            minSize=(self.min_size, self.min_size),
        )
        boxes = [
            (round(x / scale), round(y / scale), round(w / scale), round(h / scale))
            for x, y, w, h in found
        ]
        return sorted(boxes, key=lambda b: b[2] * b[3], reverse=True)
