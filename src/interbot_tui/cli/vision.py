"""`interbot expression IMAGE`: the facial expression of each face in a photo."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interbot_tui.cli.common import CliError, models_dir
from interbot_tui.settings import Settings

if TYPE_CHECKING:
    from interbot_tui.backends.vision.reader import FaceReading


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    expression = command("expression", "read the facial expression of each face in an image")
    expression.add_argument("image", metavar="IMAGE")
    expression.add_argument(
        "--json", action="store_true", help="faces: box, expression, probabilities"
    )
    expression.epilog = "exit status: 0 faces found, 1 no face, 2 unreadable image or no model"
    expression.set_defaults(handler=cmd_expression)


def _bar(share: float, width: int = 20) -> str:
    return "█" * round(share * width)


def faces_payload(
    image_path: str, image: Any, model: str, faces: list[FaceReading]
) -> dict[str, Any]:
    """What `interbot expression --json` prints."""
    return {
        "image": image_path,
        "width": int(image.shape[1]),
        "height": int(image.shape[0]),
        "model": model,
        "faces": [
            {
                "box": list(face.box),
                "expression": face.expression,
                "probabilities": {k: round(v, 4) for k, v in face.probabilities.items()},
            }
            for face in faces
        ],
    }


def faces_lines(faces: list[FaceReading]) -> list[str]:
    """Each face, with its three likeliest expressions."""
    lines = []
    for i, face in enumerate(faces, 1):
        x, y, w, h = face.box
        lines.append(f"Face {i} at x={x} y={y} ({w}×{h} px): {face.expression}")
        for label, p in sorted(face.probabilities.items(), key=lambda kv: -kv[1])[:3]:
            lines.append(f"  {label:9} {p:6.1%} {_bar(p)}")
    return lines


def cmd_expression(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.backends.vision.face_detector import HaarFaceDetector
    from interbot_tui.backends.vision.factory import load_expression_reader
    from interbot_tui.backends.vision.support import VisionUnavailable, cv2_module

    try:
        cv2 = cv2_module()
        reader = load_expression_reader(None, models_dir(settings))
        # A photo may show small faces: search it at up to 1280 px wide, not a camera-sized copy.
        reader.detector = HaarFaceDetector(max_width=1280, min_size=24)
    except VisionUnavailable as exc:
        raise CliError(str(exc)) from exc
    image = cv2.imread(args.image)
    if image is None:
        why = "no such file" if not Path(args.image).is_file() else "not an image OpenCV can read"
        raise CliError(f"cannot read {args.image}: {why}")
    faces = reader.faces(image)
    if args.json:
        print(json.dumps(faces_payload(args.image, image, reader.name, faces), indent=2))
        return 0 if faces else 1
    if not faces:
        print(f"No face found in {args.image}.")
        return 1
    print("\n".join(faces_lines(faces)))
    return 0
