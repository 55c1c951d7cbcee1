"""The grader's calibration for a model: saved by `interbot fit-grader --save` in the data dir,
read when an interview (or `eval-grader`) starts with that model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from interbot_tui.core.grading.score_model import ScoreModel
from interbot_tui.private_files import write_private_text

CALIBRATION_DIR = "grader"  # inside the data dir: one JSON file per model


def calibration_path(data_dir: Path, model_name: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in model_name) or "model"
    return data_dir / CALIBRATION_DIR / f"{safe}.json"


def save_calibration(path: Path, model: ScoreModel, meta: dict[str, Any]) -> None:
    """Write the score model (user-only permissions, replaced atomically)."""
    write_private_text(path, json.dumps({**model.to_dict(), "meta": meta}, indent=2))


def load_calibration(data_dir: Path, model_name: str) -> ScoreModel | None:
    """The score model fitted for this model with `fit-grader --save`, if there is one.

    A broken file raises ValueError naming it (the caller tells the user to refit or delete it).
    """
    path = calibration_path(data_dir, model_name)
    if not path.exists():
        return None
    try:
        return ScoreModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
        raise ValueError(
            f"{path}: {exc}. Run `interbot fit-grader FILE.jsonl --save` again or delete it."
        ) from None


def score_model_for(data_dir: Path, model_name: str) -> tuple[ScoreModel | None, str]:
    """The score model to grade with for this model: a saved fit, else None (the shipped fits).
    The second value is a notice for the user when a saved fit could not be read."""
    try:
        saved = load_calibration(data_dir, model_name)
    except ValueError as exc:
        return None, f"The grader's saved calibration is unusable, so the default is used: {exc}"
    return saved, ""
