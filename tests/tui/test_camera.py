"""The webcam in the TUI: the live panel, one summary per answer stored with its turn and shown in
the report, and one notice when the camera is unavailable or stops."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from interbot_tui.backends.vision.camera import CameraSettings, CameraUnavailable
from interbot_tui.core.vision.expression import LABELS, Reading
from interbot_tui.locations import banks_dir
from interbot_tui.store.sessions import Store
from interbot_tui.tui.app import InterbotApp
from interbot_tui.tui.screens.interview import InterviewScreen
from interbot_tui.tui.screens.report import ReportScreen
from interbot_tui.tui.widgets.answer_box import AnswerBox
from interbot_tui.tui.widgets.camera_panel import CameraPanel, bar
from tests.fakes.llm import FakeChatModel, grade
from tests.tui._pilot import wait_for
from tests.tui.test_app import LONG, bubbles, start_interview


class FakeCamera:
    def __init__(self) -> None:
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True


@pytest.fixture
def fake_camera(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """start_camera hands back a FakeCamera and keeps the callbacks, so a test feeds readings."""
    made: dict[str, Any] = {}

    def start_camera(
        settings: CameraSettings,
        models_dir: Path,
        on_reading: Callable[[Reading], None],
        *,
        on_end: Callable[[str | None], None] | None = None,
    ) -> FakeCamera:
        if "fail" in made:
            raise CameraUnavailable(made["fail"])
        camera = FakeCamera()
        made.update(settings=settings, on_reading=on_reading, on_end=on_end, camera=camera)
        return camera

    monkeypatch.setattr("interbot_tui.backends.vision.camera.start_camera", start_camera)
    return made


def make_app(data_dir: Path, camera: CameraSettings | None = None) -> InterbotApp:
    model = FakeChatModel(default_grade=grade("correct", 9, "Good."))
    return InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        model_factory=lambda: model,
        seed=5,
        camera=camera or CameraSettings(),
    )


def probabilities(label: str, p: float = 0.9) -> dict[str, float]:
    rest = (1.0 - p) / (len(LABELS) - 1)
    return {name: p if name == label else rest for name in LABELS}


def feed(on_reading: Callable[[Reading], None], readings: list[Reading]) -> None:
    """From another thread, as the camera does."""

    def run() -> None:
        for reading in readings:
            on_reading(reading)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()


def panel_text(app: InterbotApp) -> str:
    """The camera panel's text, or '' while the interview screen is still being built."""
    panels = app.screen.query(CameraPanel)
    return str(panels.first().render()) if panels else ""


async def test_panel_updates_and_each_answer_keeps_its_expression(
    data_dir: Path, fake_camera: dict[str, Any]
) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#questions", Input).value = "2"
        await wait_for(pilot, lambda: app.devices.camera_state == "on")
        await start_interview(pilot, app)
        assert app.screen.query_one(CameraPanel).display
        assert "camera 0" in app.backends_summary()
        on_reading = fake_camera["on_reading"]

        # Ten happy readings at 5 a second, then the face leaves the frame for two readings.
        feed(on_reading, [Reading(10 + i * 0.2, probabilities("happy")) for i in range(10)])
        await wait_for(pilot, lambda: "reads as happy" in panel_text(app))
        assert "face in frame" in panel_text(app) and "█" in panel_text(app)
        feed(on_reading, [Reading(12.0, None), Reading(12.2, None)])
        await wait_for(pilot, lambda: "no face in frame" in panel_text(app))

        app.screen.query_one(AnswerBox).insert(LONG)
        await pilot.press("enter")
        assert isinstance(app.screen, InterviewScreen)
        session = app.screen.session_id
        assert session is not None
        await wait_for(pilot, lambda: len(app.store.turns(session)) == 1)
        [turn] = app.store.turns(session)
        assert turn.expression is not None
        assert (turn.expression.frames, turn.expression.face_frames) == (12, 10)
        assert turn.expression.dominant == "happy"

        # The second answer: a tense face, then finish for the report.
        await wait_for(pilot, lambda: not app.screen.query_one(AnswerBox).disabled)
        feed(on_reading, [Reading(20 + i * 0.2, probabilities("fear")) for i in range(12)])
        await wait_for(pilot, lambda: "reads as fearful" in panel_text(app))
        app.screen.query_one(AnswerBox).insert(LONG)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        second = app.store.turns(session)[-1].expression
        assert second is not None and second.dominant == "fear"
        shown = str(app.screen.query_one("#camera-report", Static).render())
        assert "not a judgement of your feelings" in shown
        assert "By question: Q1 happy · Q2 fearful" in shown
        report, _ = app.store.report(session)
        assert report.to_dict()["expression"]["by_question"][1]["expression"] == "fearful"
    assert fake_camera["camera"].stopped, "the camera is stopped when the app ends"


async def test_readings_faster_than_5_fps_are_thinned_for_the_ui(
    data_dir: Path, fake_camera: dict[str, Any]
) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.devices.camera_state == "on")
        await start_interview(pilot, app)
        panel = app.screen.query_one(CameraPanel)
        shown: list[Reading] = []
        real = panel.set_reading

        def spy(reading: Reading) -> None:
            shown.append(reading)
            real(reading)

        panel.set_reading = spy  # type: ignore[method-assign]
        # 40 readings over 0.4 s of camera time: every one is counted, two or three are shown.
        feed(
            fake_camera["on_reading"],
            [Reading(5 + i * 0.01, probabilities("neutral")) for i in range(40)],
        )
        await wait_for(pilot, lambda: len(shown) >= 2)
        await pilot.pause(0.2)
        assert 2 <= len(shown) <= 3
        summary = app.devices.expression.end_answer()
        assert summary is not None and summary.frames == 40


async def test_no_camera_gives_one_notice_and_the_interview_goes_on(
    data_dir: Path, fake_camera: dict[str, Any]
) -> None:
    reason = "no camera: /dev/video0 does not exist; the interview goes on without the camera"
    fake_camera["fail"] = reason
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.devices.camera_state == "failed")
        await start_interview(pilot, app)
        notices = [text for label, text in bubbles(app) if "camera is off" in text]
        assert len(notices) == 1 and reason in notices[0]
        assert not app.screen.query_one(CameraPanel).display
        assert "camera unavailable" in app.backends_summary()
        app.screen.query_one(AnswerBox).insert(LONG)
        await pilot.press("enter")
        assert isinstance(app.screen, InterviewScreen)
        session = app.screen.session_id
        assert session is not None
        await wait_for(pilot, lambda: len(app.store.turns(session)) == 1)
        assert app.store.turns(session)[0].expression is None


async def test_a_camera_that_stops_mid_interview_is_told_once(
    data_dir: Path, fake_camera: dict[str, Any]
) -> None:
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.devices.camera_state == "on")
        await start_interview(pilot, app)
        feed(fake_camera["on_reading"], [Reading(3.0, probabilities("happy"))])
        await wait_for(pilot, lambda: "reads as happy" in panel_text(app))
        fake_camera["on_end"]("the camera stopped giving frames (was it unplugged?)")
        await wait_for(pilot, lambda: app.devices.camera_state == "stopped")
        await pilot.pause(0.1)
        notices = [text for label, text in bubbles(app) if "camera is off" in text]
        assert len(notices) == 1 and "stopped giving frames" in notices[0]
        assert app.screen.query_one(CameraPanel).display  # the panel says so, in place
        assert "camera stopped" in panel_text(app) and "reads as" not in panel_text(app)
        assert app.devices.camera is None and "camera stopped" in app.backends_summary()
        feed(fake_camera["on_reading"], [Reading(4.0, probabilities("happy"))])  # a late one
        await pilot.pause(0.1)
        assert "camera stopped" in panel_text(app)
        app.screen.query_one(AnswerBox).insert(LONG)  # the interview goes on
        await pilot.press("enter")
        assert isinstance(app.screen, InterviewScreen)
        session = app.screen.session_id
        assert session is not None
        await wait_for(pilot, lambda: len(app.store.turns(session)) == 1)
        assert len([text for label, text in bubbles(app) if "camera is off" in text]) == 1


async def test_text_and_no_camera_leave_the_camera_alone(
    data_dir: Path, fake_camera: dict[str, Any]
) -> None:
    for app in (
        make_app(data_dir, CameraSettings(enabled=False)),
        InterbotApp(
            store=Store(data_dir),
            banks_dir=banks_dir(),
            model_factory=lambda: FakeChatModel(),
            text_only=True,
            camera=CameraSettings(),
        ),
    ):
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.model is not None)  # noqa: B023
            assert app.devices.camera_settings is None and app.devices.camera_state == "off"
        assert "on_reading" not in fake_camera


async def test_a_video_file_as_the_camera_drives_the_panel(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real camera thread on a generated video, with the fake face detector and classifier."""
    pytest.importorskip("cv2", reason="needs the vision extra (OpenCV)")
    import numpy as np

    from interbot_tui.backends.vision.factory import ExpressionReader
    from interbot_tui.tools.vision_bench import write_video
    from tests.fakes.vision import BrightFaceDetector, ScriptedExpressionClassifier

    bright = np.full((240, 320, 3), 230, np.uint8)
    video = write_video(tmp_path / "cam.avi", [(bright, 0.6)], size=(320, 240))
    reader = ExpressionReader(BrightFaceDetector(), ScriptedExpressionClassifier())
    monkeypatch.setattr(
        "interbot_tui.backends.vision.factory.load_expression_reader",
        lambda spec, models_dir: reader,
    )
    app = make_app(data_dir, CameraSettings(file=video))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.devices.camera_state == "on")
        assert "camera file cam.avi" in app.backends_summary()
        await start_interview(pilot, app)
        await wait_for(pilot, lambda: "reads as neutral" in panel_text(app))
        await pilot.pause(0.6)
        app.screen.query_one(AnswerBox).insert(LONG)
        await pilot.press("enter")
        assert isinstance(app.screen, InterviewScreen)
        session = app.screen.session_id
        assert session is not None
        await wait_for(pilot, lambda: len(app.store.turns(session)) == 1)
        summary = app.store.turns(session)[0].expression
        assert summary is not None and summary.dominant == "neutral" and summary.face_frames >= 3
        camera = app.devices.camera
        assert camera is not None and camera.running
    assert not camera.running, "stopped when the app ends"


def test_bar() -> None:
    assert bar(0.0) == "░" * 10 and bar(1.0) == "█" * 10 and bar(0.54) == "█" * 5 + "░" * 5
