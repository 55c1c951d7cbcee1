"""The real camera-side back-ends and their fakes provide what `vision/base.py` asks for."""

from __future__ import annotations

import pytest

from interbot_tui.backends.vision.base import (
    CameraSource,
    ExpressionClassifier,
    FaceDetector,
    FrameReader,
)
from interbot_tui.backends.vision.camera import Camera
from interbot_tui.backends.vision.expression_onnx import OnnxExpressionClassifier
from interbot_tui.backends.vision.face_detector import HaarFaceDetector
from interbot_tui.backends.vision.reader import ExpressionReader
from tests.fakes.conformance import case_id, missing
from tests.fakes.vision import BrightFaceDetector, ScriptedExpressionClassifier


@pytest.mark.parametrize(
    ("candidate", "protocol"),
    [
        (HaarFaceDetector, FaceDetector),
        (BrightFaceDetector(), FaceDetector),
        (OnnxExpressionClassifier, ExpressionClassifier),
        (ScriptedExpressionClassifier(), ExpressionClassifier),
        (ExpressionReader, FrameReader),
        (ExpressionReader(BrightFaceDetector(), ScriptedExpressionClassifier()), FrameReader),
        (Camera, CameraSource),
    ],
    ids=case_id,
)
def test_satisfies_the_protocol(candidate: object, protocol: type) -> None:
    assert missing(candidate, protocol) == []
