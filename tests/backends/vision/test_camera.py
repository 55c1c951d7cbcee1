"""The camera thread on generated video files (no webcam here), and every way it can be missing."""

from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path

import pytest

from interbot_tui.backends.vision import camera as camera_module
from interbot_tui.backends.vision.camera import (
    Camera,
    CameraSettings,
    CameraUnavailable,
    start_camera,
)
from interbot_tui.backends.vision.factory import ExpressionReader
from interbot_tui.core.vision.expression import Reading
from interbot_tui.tools.vision_bench import write_video
from tests.backends.vision.vision_data import MODEL, photos, plain, require_model
from tests.fakes.vision import BrightFaceDetector, ScriptedExpressionClassifier


class Collector:
    def __init__(self) -> None:
        self.readings: list[Reading] = []
        self.ended = threading.Event()
        self.reason: str | None = "not ended"

    def on_reading(self, reading: Reading) -> None:
        self.readings.append(reading)

    def on_end(self, reason: str | None) -> None:
        self.reason = reason
        self.ended.set()


def fake_reader() -> ExpressionReader:
    return ExpressionReader(BrightFaceDetector(), ScriptedExpressionClassifier())


def light_then_dark(path: Path, seconds: float = 0.8) -> Path:
    return write_video(path, [(plain(230), seconds), (plain(20), seconds)], size=(320, 240))


def test_a_video_file_gives_readings_at_5_fps_and_ends_cleanly(tmp_path: Path) -> None:
    video = light_then_dark(tmp_path / "cam.avi")
    got = Collector()
    cam = Camera(
        CameraSettings(file=video, loop=False), fake_reader(), got.on_reading, on_end=got.on_end
    )
    start = time.monotonic()
    cam.start()
    assert got.ended.wait(10), "the camera never reported the end of the file"
    elapsed = time.monotonic() - start
    assert got.reason is None and not cam.running
    assert 1.4 < elapsed < 3.5, "a file plays at its own frame rate (1.6 s here)"
    assert cam.file_fps == pytest.approx(30.0) and cam.grabbed == 48
    assert 6 <= len(got.readings) <= 10 and cam.frames == len(got.readings)
    gaps = [b.at - a.at for a, b in zip(got.readings, got.readings[1:], strict=False)]
    assert statistics.median(gaps) == pytest.approx(0.2, abs=0.04)
    faces = [r.face for r in got.readings]
    assert faces[0] and not faces[-1] and faces == sorted(faces, reverse=True)
    cam.stop()  # after the end: harmless


def test_a_looping_file_plays_until_stopped(tmp_path: Path) -> None:
    video = light_then_dark(tmp_path / "cam.avi", seconds=0.3)
    got = Collector()
    cam = Camera(CameraSettings(file=video), fake_reader(), got.on_reading, on_end=got.on_end)
    cam.start()
    time.sleep(1.2)
    assert cam.running and cam.grabbed > 18, "0.6 s of video looped"
    t0 = time.monotonic()
    cam.stop()
    assert time.monotonic() - t0 < 1.0 and not cam.running
    assert not got.ended.is_set(), "stop() is not an end to report"
    count = len(got.readings)
    assert 4 <= count <= 8
    time.sleep(0.4)
    assert len(got.readings) == count, "no reading after stop()"


def test_a_failing_reader_ends_the_camera_with_the_reason(tmp_path: Path) -> None:
    class Broken:
        def read(self, frame: object, at: float) -> Reading:
            raise ValueError("bad frame")

    got = Collector()
    cam = Camera(
        CameraSettings(file=light_then_dark(tmp_path / "cam.avi")),
        Broken(),
        got.on_reading,
        on_end=got.on_end,
    )
    cam.start()
    assert got.ended.wait(5)
    assert got.reason == "the camera stopped: ValueError: bad frame"


def test_no_camera_device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(camera_module, "DEV", tmp_path)
    cam = Camera(CameraSettings(device=0), fake_reader(), lambda r: None)
    with pytest.raises(
        CameraUnavailable, match=r"no camera: .*video0 does not exist; the interview goes on"
    ):
        cam.start()
    assert not cam.running


def test_camera_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "video2").touch()
    monkeypatch.setattr(camera_module, "DEV", tmp_path)
    monkeypatch.setattr(camera_module.os, "access", lambda path, mode: False)
    with pytest.raises(CameraUnavailable, match=r"permission denied .* 'video' group"):
        Camera(CameraSettings(device=2), fake_reader(), lambda r: None).start()


def test_camera_busy_or_not_a_camera(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "video7").touch()  # present and allowed, but OpenCV cannot open /dev/video7
    monkeypatch.setattr(camera_module, "DEV", tmp_path)
    with pytest.raises(CameraUnavailable, match="cannot open camera 7: it may be busy"):
        Camera(CameraSettings(device=7), fake_reader(), lambda r: None).start()
    assert capfd.readouterr().err == "", "OpenCV's own warnings would be drawn over the TUI"


def test_bad_camera_files(tmp_path: Path) -> None:
    with pytest.raises(CameraUnavailable, match="no such file"):
        Camera(CameraSettings(file=tmp_path / "none.avi"), fake_reader(), lambda r: None).start()
    text = tmp_path / "notes.avi"
    text.write_text("not a video")
    with pytest.raises(CameraUnavailable, match="not a video OpenCV can read"):
        Camera(CameraSettings(file=text), fake_reader(), lambda r: None).start()


def test_start_camera_when_off_or_without_the_model(tmp_path: Path) -> None:
    with pytest.raises(CameraUnavailable, match="the camera is off"):
        start_camera(CameraSettings(enabled=False), tmp_path, lambda r: None)
    video = light_then_dark(tmp_path / "cam.avi")
    with pytest.raises(
        CameraUnavailable, match=f"interbot models install {MODEL}.*goes on without"
    ):
        start_camera(CameraSettings(file=video), tmp_path / "no-models", lambda r: None)


def test_the_real_pipeline_reads_a_smile_then_no_face(tmp_path: Path) -> None:
    models = require_model()
    face, no_face = photos()
    video = write_video(tmp_path / "cam.avi", [(face, 0.8), (no_face, 0.6)], fps=15)
    got = Collector()
    cam = start_camera(
        CameraSettings(file=video, loop=False), models, got.on_reading, on_end=got.on_end
    )
    assert got.ended.wait(10) and got.reason is None
    seen = [r.expression for r in got.readings]
    assert 5 <= len(seen) <= 9
    assert seen[:3] == ["happy"] * 3 and seen[-1] is None
    assert cam.frames == len(seen)


# --- a camera unplugged mid-use (a scripted capture: no webcam, no OpenCV needed) ---------------


class FakeCv2:
    CAP_PROP_FRAME_WIDTH, CAP_PROP_FRAME_HEIGHT, CAP_PROP_POS_FRAMES, CAP_PROP_FPS = 3, 4, 1, 5


class FaceEverywhere:
    """A FrameReader that sees a neutral face in every frame it is given (no OpenCV)."""

    def read(self, frame: object, at: float) -> Reading:
        return Reading(at, {"neutral": 1.0})


class UnpluggedCapture:
    """A webcam that gives `good` frames, then fails as V4L2 does when unplugged: `grab` returns
    False ("grab"), or it keeps grabbing but every picture comes back empty ("empty")."""

    def __init__(self, good: int, how: str) -> None:
        self.good, self.how = good, how
        self.grabs = 0
        self.released = False

    def read(self) -> tuple[bool, object]:
        return True, plain(230)

    def set(self, *_: object) -> bool:
        return True

    def grab(self) -> bool:
        self.grabs += 1
        time.sleep(0.002)
        return not (self.how == "grab" and self.grabs > self.good)

    def retrieve(self) -> tuple[bool, object]:
        if self.grabs <= self.good:
            return True, plain(230)
        return (False, None) if self.grabs % 2 else (True, plain(0)[:0])  # both kinds of empty

    def release(self) -> None:
        self.released = True


@pytest.mark.parametrize("how", ["grab", "empty"])
def test_a_camera_unplugged_mid_use_ends_once_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    capture = UnpluggedCapture(good=8, how=how)
    monkeypatch.setattr(camera_module, "cv2_module", lambda: FakeCv2)
    monkeypatch.setattr(camera_module, "_open_device", lambda cv2, index: capture)
    got = Collector()
    ends: list[str | None] = []

    def on_end(reason: str | None) -> None:
        ends.append(reason)
        got.on_end(reason)

    cam = Camera(
        CameraSettings(device=0, fps=200.0), FaceEverywhere(), got.on_reading, on_end=on_end
    )
    cam.start()
    assert got.ended.wait(5), "the unplugged camera was never reported"
    time.sleep(0.1)
    assert len(ends) == 1 and not cam.running and capture.released
    reason = ends[0]
    assert reason is not None and "unplugged" in reason
    expected = "stopped giving frames" if how == "grab" else "gives only empty frames"
    assert expected in reason
    assert 1 <= len(got.readings) <= 8 and all(r.face for r in got.readings)
    if how == "empty":
        assert cam.empty == camera_module.MAX_EMPTY  # a few empty frames alone are not the end
    cam.stop()


def test_a_few_empty_frames_are_skipped_not_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    class Glitchy(UnpluggedCapture):
        def retrieve(self) -> tuple[bool, object]:
            if self.grabs % 4 == 0:
                return False, None  # one glitch in four: never MAX_EMPTY in a row
            return True, plain(230)

    capture = Glitchy(good=0, how="none")
    monkeypatch.setattr(camera_module, "cv2_module", lambda: FakeCv2)
    monkeypatch.setattr(camera_module, "_open_device", lambda cv2, index: capture)
    got = Collector()
    cam = Camera(
        CameraSettings(device=0, fps=200.0), FaceEverywhere(), got.on_reading, on_end=got.on_end
    )
    cam.start()
    time.sleep(0.5)
    assert cam.running and not got.ended.is_set()
    assert len(got.readings) > camera_module.MAX_EMPTY
    cam.stop()
    assert not got.ended.is_set()
