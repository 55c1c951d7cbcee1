"""Voice-activity detection, one 32 ms frame at a time.

Silero VAD v6 ships inside faster-whisper as an ONNX file, so no extra download is needed; it
costs about 0.1 ms a frame. If onnxruntime or the file is missing, a loudness detector with an
adaptive noise floor stands in.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from interbot_tui.backends.stt.base import VoiceDetector

FRAME = 512  # samples at 16 kHz = 32 ms: the frame size Silero expects
_CONTEXT = 64  # samples of the previous frame Silero sees before each frame


class SileroVad:
    name = "silero-vad"

    def __init__(self, path: Path | None = None) -> None:
        import onnxruntime
        from faster_whisper.utils import get_assets_path

        model = path or Path(get_assets_path()) / "silero_vad_v6.onnx"
        opts = onnxruntime.SessionOptions()
        opts.inter_op_num_threads = 1
        opts.intra_op_num_threads = 1
        opts.log_severity_level = 4
        self._session = onnxruntime.InferenceSession(
            str(model), providers=["CPUExecutionProvider"], sess_options=opts
        )
        self.reset()

    def reset(self) -> None:
        self._h = np.zeros((1, 1, 128), np.float32)
        self._c = np.zeros((1, 1, 128), np.float32)
        self._context = np.zeros(_CONTEXT, np.float32)

    def __call__(self, frame: Any) -> float:
        x = np.concatenate([self._context, frame]).astype(np.float32)[None, :]
        out, self._h, self._c = self._session.run(None, {"input": x, "h": self._h, "c": self._c})
        self._context = np.asarray(frame[-_CONTEXT:], np.float32)
        return float(np.asarray(out).ravel()[0])


class EnergyVad:
    """Loudness over a slowly tracked noise floor: fine for a quiet room, fooled by music."""

    name = "energy"

    def __init__(self, margin_db: float = 12.0, floor_db: float = -60.0) -> None:
        self.margin_db = margin_db
        self.min_floor_db = floor_db
        self.reset()

    def reset(self) -> None:
        self._floor = self.min_floor_db + 10

    def __call__(self, frame: Any) -> float:
        db = level_db(frame)
        # The floor follows quiet frames quickly and loud ones very slowly.
        rate = 0.1 if db < self._floor else 0.002
        self._floor = max(self.min_floor_db, self._floor + rate * (db - self._floor))
        excess = db - (self._floor + self.margin_db)
        return 1 / (1 + math.exp(-excess / 2))


def level_db(frame: Any) -> float:
    """RMS level in dBFS (-100 for digital silence)."""
    rms = float(np.sqrt(np.mean(np.square(frame, dtype=np.float64)))) if len(frame) else 0.0
    return 20 * math.log10(rms) if rms > 1e-5 else -100.0


def load_vad() -> VoiceDetector:
    try:
        return SileroVad()
    except Exception:  # onnxruntime or the asset missing: still usable in a quiet room
        return EnergyVad()
