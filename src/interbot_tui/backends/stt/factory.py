"""Choose and load the speech model: `--stt-model NAME|PATH`, else the catalog's default."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui.backends.model_lookup import resolve_spec
from interbot_tui.models.catalog import ModelEntry

if TYPE_CHECKING:
    from interbot_tui.backends.stt.whisper import WhisperSpeechToText


def resolve_stt(spec: str | None, models_dir: Path) -> tuple[Path, ModelEntry | None]:
    """The Whisper directory for `spec` (a catalog name or a directory), checked to be intact."""
    return resolve_spec(
        spec,
        models_dir,
        "stt",
        "speech model",
        is_model=lambda path: (path / "model.bin").is_file(),
        not_a_model="--stt-model {spec!r} is neither a known speech model ({names}) nor a "
        "directory with a CTranslate2 Whisper model.bin.",
    )


def load_stt(spec: str | None, models_dir: Path, *, threads: int = 0) -> WhisperSpeechToText:
    """Load faster-whisper (about a second; call from a worker in the TUI)."""
    from interbot_tui.backends.stt.whisper import WhisperSpeechToText

    path, entry = resolve_stt(spec, models_dir)
    return WhisperSpeechToText(path, name=entry.name if entry else path.name, threads=threads)
