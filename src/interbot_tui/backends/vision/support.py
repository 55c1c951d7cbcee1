"""What the vision back-ends share: importing OpenCV and onnxruntime lazily, with errors that
name the extra to install."""

from __future__ import annotations

from typing import Any

VISION_EXTRA = "pip install 'interbot-tui[vision]'"


class VisionUnavailable(RuntimeError):
    """Face or expression reading cannot run here; the message says what to do."""


def cv2_module() -> Any:
    """OpenCV with its own log lines silenced (they would be drawn over the TUI)."""
    try:
        import cv2
    except ImportError as exc:
        raise VisionUnavailable(f"OpenCV is not installed: {VISION_EXTRA}") from exc
    logging = getattr(getattr(cv2, "utils", None), "logging", None)
    if logging is not None:
        logging.setLogLevel(logging.LOG_LEVEL_SILENT)
    return cv2


def onnxruntime_module() -> Any:
    try:
        import onnxruntime
    except ImportError as exc:
        raise VisionUnavailable(f"onnxruntime is not installed: {VISION_EXTRA}") from exc
    return onnxruntime
