"""The camera bench on the real model: figures of the right shape (speed goals live in the bench)."""

from __future__ import annotations

from interbot_tui.tools.vision_bench import Timing, run_vision_bench
from tests.backends.vision.vision_data import photos, require_model


def test_timing_mean_and_p95() -> None:
    t = Timing.of([i / 1000 for i in range(1, 101)])  # 1 … 100 ms
    assert t == Timing(mean_ms=50.5, p95_ms=95.0)


def test_bench_measures_frames_and_the_pipeline() -> None:
    models = require_model()
    photos()  # skips without scikit-image
    lines: list[str] = []
    result = run_vision_bench(models, frames=3, seconds=1.0, log=lines.append)
    data = result.to_dict()
    assert data["model"] == "fer-mini-xception"
    assert [c["size"] for c in data["frame_costs"]] == ["320x240", "640x480"]
    for cost in result.frame_costs:
        assert cost.faces_found == 3
        assert 0 < cost.detect.mean_ms <= cost.detect.p95_ms
        assert cost.classify.mean_ms > 0 and cost.total.mean_ms >= cost.detect.mean_ms
    load = result.pipeline
    assert load is not None and 3 <= load.readings <= 8 and load.target_fps == 5.0
    assert 0 < load.cpu_share < load.cores and load.face_share > 0
    assert result.lines()[-1].startswith("  at 5 fps for 1 s:")
    assert lines and "camera pipeline" in lines[-1]
