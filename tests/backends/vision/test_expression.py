"""Face detection and expression reading: the real model on real photos, and the fakes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from interbot_tui.backends.vision.expression_onnx import SIZE, OnnxExpressionClassifier, crop_face
from interbot_tui.backends.vision.face_detector import HaarFaceDetector, largest
from interbot_tui.backends.vision.factory import (
    ExpressionReader,
    load_expression_reader,
    resolve_expression_model,
)
from interbot_tui.backends.vision.support import VisionUnavailable
from interbot_tui.core.ports import ModelError
from interbot_tui.core.vision.expression import LABELS
from interbot_tui.models.convert_fer import convert
from tests.backends.vision.vision_data import MODEL, photos, plain, require_model
from tests.fakes.vision import BrightFaceDetector, ScriptedExpressionClassifier
from tests.models.keras_h5 import small_xception


def test_the_astronaut_is_read_as_happy() -> None:
    reader = load_expression_reader(None, require_model())
    face, _ = photos()
    faces = reader.faces(face)
    assert len(faces) == 1
    x, y, w, h = faces[0].box
    assert 160 < x < 200 and 50 < y < 80 and 80 < w < 120 and w == h
    assert faces[0].expression == "happy"
    assert faces[0].probabilities["happy"] == pytest.approx(0.998, abs=0.0015)
    assert list(faces[0].probabilities) == list(LABELS)
    assert sum(faces[0].probabilities.values()) == pytest.approx(1.0, abs=1e-4)
    reading = reader.read(face, at=1.5)
    assert reading.face and reading.expression == "happy" and reading.at == 1.5


def test_a_photo_without_a_face_has_no_faces() -> None:
    reader = load_expression_reader(None, require_model())
    _, no_face = photos()
    assert reader.faces(no_face) == []
    reading = reader.read(no_face, at=2.0)
    assert not reading.face and reading.probabilities is None and reading.box is None


def test_gray_frames_and_small_faces() -> None:
    import cv2

    reader = load_expression_reader(None, require_model())
    face, _ = photos()
    small = cv2.resize(cv2.cvtColor(face, cv2.COLOR_BGR2GRAY), (320, 320))
    assert [f.expression for f in reader.faces(small)] == ["happy"]


def test_crop_at_the_frame_edge_is_filled_not_shrunk() -> None:
    gray = np.full((100, 120), 200, np.uint8)
    gray[-2:] = 50  # the fill is the mean of the bottom rows, as fer does
    for box in [(-20, -20, 60, 60), (90, 70, 50, 40), (10, 10, 30, 60)]:
        crop = crop_face(gray, box)
        assert crop.shape == (SIZE, SIZE) and crop.dtype == np.uint8
    corner = crop_face(gray, (-20, -20, 60, 60))
    assert corner[0, 0] == 50 and corner[-1, -1] == 200


def test_largest_face_first() -> None:
    assert largest([(0, 0, 10, 10), (5, 5, 30, 20), (1, 1, 20, 20)]) == (5, 5, 30, 20)
    assert largest([]) is None
    detector = HaarFaceDetector()
    assert detector.detect(np.zeros((240, 320), np.uint8)) == []


def test_a_model_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.onnx"
    convert(small_xception(tmp_path / "small.h5"), other)
    with pytest.raises(VisionUnavailable, match="not an expression model"):
        OnnxExpressionClassifier(other)
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"nope")
    with pytest.raises(VisionUnavailable, match="cannot load the expression model"):
        OnnxExpressionClassifier(junk)


def test_missing_model_names_the_install_command(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=f"interbot models install {MODEL}"):
        load_expression_reader(None, tmp_path / "empty")
    with pytest.raises(ModelError, match="neither a known model"):
        resolve_expression_model("no-such.onnx", tmp_path)
    model = tmp_path / "mine.onnx"
    model.write_bytes(b"x")
    assert resolve_expression_model(str(model), tmp_path) == (model, None)


def test_fakes_stand_in_for_the_models() -> None:
    classifier = ScriptedExpressionClassifier({"happy": 1.0})
    reader = ExpressionReader(BrightFaceDetector(), classifier)
    assert reader.faces(plain(30)) == []
    (face,) = reader.faces(plain(220))
    assert face.box == (80, 60, 160, 120) and face.expression == "happy"
    assert reader.name == "scripted-expression"
