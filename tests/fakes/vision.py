"""Fakes of the face detector and the expression classifier, for tests and demos without models.

`BrightFaceDetector` "sees" a face in any frame brighter than a threshold, so a generated video
of light and dark scenes stands in for a person coming and going.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from interbot_tui.core.vision.expression import LABELS, Box


class BrightFaceDetector:
    def __init__(self, threshold: float = 128.0) -> None:
        self.threshold = threshold

    def detect(self, gray: Any) -> list[Box]:
        if float(gray.mean()) <= self.threshold:
            return []
        height, width = gray.shape[:2]
        return [(width // 4, height // 4, width // 2, height // 2)]


class ScriptedExpressionClassifier:
    """Returns the same probabilities for every face (neutral unless told otherwise)."""

    name = "scripted-expression"

    def __init__(self, probabilities: Mapping[str, float] | None = None) -> None:
        self.probabilities = dict(
            probabilities or {label: float(label == "neutral") for label in LABELS}
        )
        self.calls = 0

    def classify(self, faces: Sequence[Any]) -> list[dict[str, float]]:
        self.calls += 1
        return [dict(self.probabilities) for _ in faces]
