"""Camera bench: what reading one frame costs, and what the whole camera pipeline costs at 5 fps.

Per-frame cost is measured on real photos (scikit-image's astronaut, a smiling face) letterboxed
to 320×240 and 640×480: face detection (gray conversion included), expression classification
(face crop included) and their total. The pipeline runs the real `Camera` on a generated video
(the astronaut, then a photo with no face, looping) for ~10 s and reports the process CPU time
over the wall time: 100% is one core busy.
"""

from __future__ import annotations

import importlib
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from interbot_tui.backends.vision.support import VisionUnavailable, cv2_module

SIZES = ((320, 240), (640, 480))
Log = Callable[[str], None]


@dataclass(frozen=True)
class Timing:
    mean_ms: float
    p95_ms: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Timing:
        ms = sorted(s * 1000 for s in seconds)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        return cls(round(statistics.fmean(ms), 2), round(p95, 2))


@dataclass(frozen=True)
class FrameCost:
    size: str  # "320x240"
    frames: int
    faces_found: int
    detect: Timing
    classify: Timing
    total: Timing


@dataclass(frozen=True)
class PipelineLoad:
    target_fps: float
    wall_s: float
    cpu_s: float
    readings: int
    fps: float  # readings per second achieved
    face_share: float  # readings with a face (the video shows one two thirds of the time)
    cpu_share: float  # cpu_s / wall_s: 1.0 is one core busy
    cores: int


@dataclass(frozen=True)
class VisionBench:
    model: str
    frame_costs: list[FrameCost]
    pipeline: PipelineLoad | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        out = [f"Camera pipeline ({self.model}):"]
        for c in self.frame_costs:
            out.append(
                f"  {c.size:>7} per frame: detect {c.detect.mean_ms:.1f} ms (p95 "
                f"{c.detect.p95_ms:.1f}), classify {c.classify.mean_ms:.1f} ms (p95 "
                f"{c.classify.p95_ms:.1f}), total {c.total.mean_ms:.1f} ms (p95 {c.total.p95_ms:.1f})"
            )
        p = self.pipeline
        if p is not None:
            out.append(
                f"  at {p.target_fps:g} fps for {p.wall_s:.0f} s: {p.readings} readings "
                f"({p.fps:.1f}/s), CPU {p.cpu_share:.0%} of one core ({p.cores} cores here)"
            )
        return out


def bench_images() -> tuple[Any, Any]:
    """(a photo with a face, a photo without one) as BGR arrays, from scikit-image's samples."""
    try:
        data: Any = importlib.import_module("skimage.data")  # untyped: used through Any
    except ImportError as exc:
        raise VisionUnavailable(
            "the camera bench uses scikit-image's sample photos: pip install scikit-image"
        ) from exc
    cv2 = cv2_module()
    return (
        cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR),
        cv2.cvtColor(data.coffee(), cv2.COLOR_RGB2BGR),
    )


def letterbox(image: Any, size: tuple[int, int]) -> Any:
    """`image` scaled to fit `size` (width, height), centred on black."""
    import numpy as np

    cv2 = cv2_module()
    width, height = size
    scale = min(width / image.shape[1], height / image.shape[0])
    w, h = round(image.shape[1] * scale), round(image.shape[0] * scale)
    canvas = np.zeros((height, width, 3), np.uint8)
    x, y = (width - w) // 2, (height - h) // 2
    canvas[y : y + h, x : x + w] = cv2.resize(image, (w, h), interpolation=cv2.INTER_AREA)
    return canvas


def write_video(
    path: Path,
    scenes: Sequence[tuple[Any, float]],
    *,
    fps: float = 30.0,
    size: tuple[int, int] = (640, 480),
) -> Path:
    """An MJPEG AVI showing each (image, seconds) scene in turn: a stand-in for a webcam."""
    cv2 = cv2_module()
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, size)
    if not writer.isOpened():
        raise VisionUnavailable(f"OpenCV cannot write an MJPEG video to {path}")
    try:
        for image, seconds in scenes:
            frame = letterbox(image, size)
            for _ in range(max(1, round(seconds * fps))):
                writer.write(frame)
    finally:
        writer.release()
    return path


def frame_cost(reader: Any, image: Any, size: tuple[int, int], frames: int) -> FrameCost:
    """Time detection and classification as `ExpressionReader.faces` does them."""
    from interbot_tui.backends.vision.expression_onnx import crop_face
    from interbot_tui.backends.vision.reader import to_gray

    frame = letterbox(image, size)
    detect: list[float] = []
    classify: list[float] = []
    found = 0
    reader.faces(frame)  # warm-up
    for _ in range(frames):
        t0 = time.perf_counter()
        gray = to_gray(frame)
        boxes = reader.detector.detect(gray)[:1]
        t1 = time.perf_counter()
        reader.classifier.classify([crop_face(gray, box) for box in boxes])
        t2 = time.perf_counter()
        detect.append(t1 - t0)
        classify.append(t2 - t1)
        found += bool(boxes)
    totals = [d + c for d, c in zip(detect, classify, strict=True)]
    return FrameCost(
        f"{size[0]}x{size[1]}",
        frames,
        found,
        Timing.of(detect),
        Timing.of(classify),
        Timing.of(totals),
    )


def pipeline_load(reader: Any, video: Path, seconds: float, fps: float = 5.0) -> PipelineLoad:
    """Run the real camera thread on `video` for `seconds`; CPU time of this process over wall."""
    from interbot_tui.backends.vision.camera import Camera, CameraSettings
    from interbot_tui.core.vision.expression import Reading

    readings: list[Reading] = []
    camera = Camera(CameraSettings(file=video, fps=fps, loop=True), reader, readings.append)
    cpu0, wall0 = time.process_time(), time.monotonic()
    camera.start()
    time.sleep(seconds)
    camera.stop()
    cpu, wall = time.process_time() - cpu0, time.monotonic() - wall0
    faces = sum(r.face for r in readings)
    return PipelineLoad(
        target_fps=fps,
        wall_s=round(wall, 2),
        cpu_s=round(cpu, 2),
        readings=len(readings),
        fps=round(len(readings) / wall, 2),
        face_share=round(faces / len(readings), 2) if readings else 0.0,
        cpu_share=round(cpu / wall, 3),
        cores=os.cpu_count() or 1,
    )


def run_vision_bench(
    models_dir: Path,
    *,
    frames: int = 40,
    seconds: float = 10.0,
    model_spec: str | None = None,
    log: Log = print,
) -> VisionBench:
    """Per-frame cost at each of SIZES, then the pipeline at 5 fps (`seconds` 0 skips it).

    Raises VisionUnavailable or ModelError when the extras or the model are missing."""
    from interbot_tui.backends.vision.factory import load_expression_reader

    reader = load_expression_reader(model_spec, models_dir)
    face, no_face = bench_images()
    costs = []
    for size in SIZES:
        cost = frame_cost(reader, face, size, frames)
        log(
            f"  {cost.size}: {cost.total.mean_ms:.1f} ms a frame (face found {cost.faces_found}/{frames})"
        )
        costs.append(cost)
    load = None
    if seconds > 0:
        with tempfile.TemporaryDirectory(prefix="interbot-bench-") as tmp:
            video = write_video(Path(tmp) / "camera.avi", [(face, 2.0), (no_face, 1.0)])
            log(f"  camera pipeline on a video file for {seconds:g} s …")
            load = pipeline_load(reader, video, seconds)
    return VisionBench(model=reader.name, frame_costs=costs, pipeline=load)
