"""Test data for the vision back-ends: real photos from scikit-image, videos generated from them
into tmp_path (never committed), and the installed expression model or a clear skip."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from interbot_tui.locations import models_dir
from interbot_tui.models.catalog import Status, load_catalog, status

pytest.importorskip("cv2", reason="needs the vision extra (OpenCV)")
pytest.importorskip("onnxruntime", reason="needs the vision extra (onnxruntime)")

MODEL = "fer-mini-xception"


def photos() -> tuple[Any, Any]:
    """(the astronaut, a smiling face; a cup of coffee, no face) as BGR."""
    pytest.importorskip("skimage", reason="needs scikit-image (dev extra) for its sample photos")
    return _photos()


@cache
def _photos() -> tuple[Any, Any]:
    from interbot_tui.tools.vision_bench import bench_images

    return bench_images()


def plain(value: int, size: tuple[int, int] = (320, 240)) -> Any:
    return np.full((size[1], size[0], 3), value, np.uint8)


def require_model() -> Path:
    """The installed model's folder, or skip saying how to install it."""
    folder = models_dir()
    state, reason = status(load_catalog()[MODEL], folder)
    if state is not Status.INSTALLED:
        pytest.skip(f"{MODEL} is not installed ({reason}): run `interbot models install --setup`")
    return folder
