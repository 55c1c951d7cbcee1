"""The webcam, or a video file standing in for it, read on a background thread at ~5 frames a second.

Every analysed frame becomes a `Reading` (the largest face's expression probabilities, or no face)
passed to `on_reading` on the camera thread; the frame itself is dropped at once, never written or
kept. Frames in between are grabbed and skipped, so a webcam's buffer never goes stale.

`--camera-file VIDEO` plays the file at its own frame rate and loops it, so a short clip lasts the
whole interview (`loop=False` ends after one pass with `on_end(None)`). Anything that stops the
camera (no device, permission denied, busy, missing model or extra) is a `CameraUnavailable`
whose message says why: the interview goes on without it.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interbot_tui.backends.vision.base import FrameReader
from interbot_tui.backends.vision.support import VisionUnavailable, cv2_module
from interbot_tui.core.vision.expression import Reading

DEV = Path("/dev")
FALLBACK_FPS = 30.0  # for files that do not say their frame rate
WITHOUT = "the interview goes on without the camera"
MAX_EMPTY = 10  # frames in a row that come back empty (~2 s at 5 fps): the camera has gone
UNPLUGGED = "was it unplugged, or taken by another program?"


class CameraUnavailable(RuntimeError):
    pass


@dataclass
class CameraSettings:
    enabled: bool = True  # False with --no-camera or --text
    device: int = 0  # --camera N
    file: Path | None = None  # --camera-file VIDEO: read this instead of a device
    fps: float = 5.0  # frames analysed per second
    loop: bool = True  # a file starts over at its end
    model_spec: str | None = None  # expression model: catalog name or ONNX file; None = default

    @property
    def source(self) -> str:
        return f"video file {self.file}" if self.file else f"camera {self.device}"


def _open_file(cv2: Any, path: Path) -> Any:
    if not path.is_file():
        raise CameraUnavailable(f"--camera-file {path}: no such file; {WITHOUT}")
    capture = cv2.VideoCapture(str(path))
    if not capture.isOpened():
        raise CameraUnavailable(f"--camera-file {path}: not a video OpenCV can read; {WITHOUT}")
    return capture


def _open_device(cv2: Any, index: int) -> Any:
    node = DEV / f"video{index}"
    if sys.platform.startswith("linux"):
        if not node.exists():
            raise CameraUnavailable(f"no camera: {node} does not exist; {WITHOUT}")
        if not os.access(node, os.R_OK | os.W_OK):
            raise CameraUnavailable(
                f"permission denied for {node}: add yourself to the 'video' group "
                f"(sudo usermod -aG video $USER, then log in again); {WITHOUT}"
            )
    capture = cv2.VideoCapture(index)
    if not capture.isOpened():
        raise CameraUnavailable(
            f"cannot open camera {index}: it may be busy (used by another program) or not a "
            f"camera; {WITHOUT}"
        )
    capture.set(cv2.CAP_PROP_FRAME_WIDTH, 640)
    capture.set(cv2.CAP_PROP_FRAME_HEIGHT, 480)
    return capture


class Camera:
    """Captures and reads frames on its own thread until `stop()` (or the end of a file)."""

    def __init__(
        self,
        settings: CameraSettings,
        reader: FrameReader,
        on_reading: Callable[[Reading], None],
        *,
        on_end: Callable[[str | None], None] | None = None,
    ) -> None:
        self.settings = settings
        self.reader = reader
        self.on_reading = on_reading
        self.on_end = on_end
        self.frames = 0  # frames analysed
        self.grabbed = 0  # frames taken from the source, analysed or skipped
        self.empty = 0  # frames in a row that came back without a picture
        self._capture: Any = None
        self._file_fps = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Open the source and check it gives a picture; then capture on a thread."""
        cv2 = cv2_module()
        s = self.settings
        capture = _open_file(cv2, s.file) if s.file else _open_device(cv2, s.device)
        ok, _first = capture.read()
        if not ok:
            capture.release()
            why = "has no frames" if s.file else "opened but gives no picture (busy?)"
            raise CameraUnavailable(f"{s.source} {why}; {WITHOUT}")
        if s.file:
            capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
            self._file_fps = fps if 0 < fps <= 240 else FALLBACK_FPS
        self._capture = capture
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="camera", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def file_fps(self) -> float:
        """The frame rate a video file plays at (0 for a device)."""
        return self._file_fps

    def _grab(self) -> bool:
        if self._capture.grab():
            return True
        if not (self.settings.file and self.settings.loop):
            return False
        self._capture.set(cv2_module().CAP_PROP_POS_FRAMES, 0)
        return bool(self._capture.grab())

    def _run(self) -> None:
        period = 1.0 / self.settings.fps
        frame_s = 1.0 / self._file_fps if self._file_fps else 0.0
        start = due = time.monotonic()
        reason: str | None = None
        try:
            while not self._stop.is_set():
                if frame_s:  # a file plays in real time: wait for this frame's moment
                    wait = start + self.grabbed * frame_s - time.monotonic()
                    if wait > 0 and self._stop.wait(wait):
                        break
                if not self._grab():
                    reason = (
                        None
                        if self.settings.file
                        else f"the camera stopped giving frames ({UNPLUGGED})"
                    )
                    break
                self.grabbed += 1
                now = time.monotonic()
                if now < due:
                    continue
                due = due + period if due + period > now else now + period
                self._analyse(now)
                if self.empty >= MAX_EMPTY:
                    reason = f"the camera gives only empty frames ({UNPLUGGED})"
                    break
        except Exception as exc:  # a broken frame, a failing callback: end with the reason
            reason = f"the camera stopped: {type(exc).__name__}: {exc}"
        finally:
            self._capture.release()
        if self._stop.is_set():
            return  # stopped by stop(): nothing to report
        if self.on_end is not None:
            self.on_end(reason)

    def _analyse(self, now: float) -> None:
        ok, frame = self._capture.retrieve()
        if not ok or frame is None or not getattr(frame, "size", 0):
            self.empty += 1  # one can be a glitch; many in a row end the camera (see _run)
            return
        self.empty = 0
        reading = self.reader.read(frame, now)
        del frame  # nothing of the picture outlives its reading
        self.frames += 1
        self.on_reading(reading)


def start_camera(
    settings: CameraSettings,
    models_dir: Path,
    on_reading: Callable[[Reading], None],
    *,
    on_end: Callable[[str | None], None] | None = None,
) -> Camera:
    """Load the face and expression models, open the source and start capturing (a second or
    so: call from a worker). Every failure is a CameraUnavailable that says why."""
    if not settings.enabled:
        raise CameraUnavailable("the camera is off (--no-camera or --text)")
    from interbot_tui.backends.vision.factory import load_expression_reader
    from interbot_tui.core.ports import ModelError

    try:
        reader = load_expression_reader(settings.model_spec, models_dir)
    except (ModelError, VisionUnavailable) as exc:
        raise CameraUnavailable(f"{exc}; {WITHOUT}") from exc
    camera = Camera(settings, reader, on_reading, on_end=on_end)
    try:
        camera.start()
    except VisionUnavailable as exc:
        raise CameraUnavailable(f"{exc}; {WITHOUT}") from exc
    return camera
