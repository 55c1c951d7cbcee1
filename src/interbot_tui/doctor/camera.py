"""The camera: OpenCV with its face detector, onnxruntime, the expression model, a webcam."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from interbot_tui.doctor.check import VISION_EXTRA, Check, split_model_error, try_import


def _expression_model(models_dir: Path) -> tuple[str, str]:
    """(what was found, fix or "") for the expression model."""
    from interbot_tui.backends.vision.factory import resolve_expression_model
    from interbot_tui.core.ports import ModelError

    try:
        path, entry = resolve_expression_model(None, models_dir)
    except ModelError as exc:
        return split_model_error(str(exc))
    return f"expression model {entry.name if entry else path.name}", ""


def _camera_devices() -> tuple[str, str]:
    """(what was found, fix or "") for the webcam device nodes (Linux; elsewhere, at start)."""
    if not sys.platform.startswith("linux"):
        return "the camera is looked for when an interview starts", ""
    videos = sorted(str(p) for p in Path("/dev").glob("video*"))
    if not videos:
        return (
            "no camera device (/dev/video*)",
            "plug in a webcam (and check the 'video' group); interviews work without one",
        )
    if not any(os.access(v, os.R_OK) for v in videos):
        return (
            f"{', '.join(videos)} not readable by you",
            "add yourself to the 'video' group (`sudo usermod -aG video $USER`, then log in "
            "again); interviews work without one",
        )
    return ", ".join(videos), ""


def check_camera(models_dir: Path | None = None) -> Check:
    """OpenCV with its face detector, onnxruntime, the expression model and a webcam."""
    from interbot_tui import locations

    name = "camera"
    cv2, why = try_import("cv2")
    if cv2 is None:
        return Check(
            name,
            False,
            f"OpenCV does not import ({why})",
            f"{VISION_EXTRA}; interviews work without one",
        )
    version = str(getattr(cv2, "__version__", "?"))
    if not hasattr(cv2, "CascadeClassifier"):
        return Check(
            name,
            False,
            f"OpenCV {version} has no face detector (CascadeClassifier; OpenCV 5 dropped it)",
            "pip install 'opencv-python-headless>=4.8,<5'",
        )
    details, fixes = [f"OpenCV {version}"], []
    ort, why = try_import("onnxruntime")
    if ort is None:
        details.append(f"onnxruntime does not import ({why})")
        fixes.append(VISION_EXTRA)
    for detail, fix in (
        _expression_model(models_dir or locations.models_dir()),
        _camera_devices(),
    ):
        details.append(detail)
        if fix:
            fixes.append(fix)
    return Check(name, not fixes, "; ".join(details), "; ".join(fixes))
