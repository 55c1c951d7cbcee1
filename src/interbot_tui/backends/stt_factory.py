"""Choose and load the speech model: `--stt-model NAME|PATH`, else the catalog's default."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui.core.ports import ModelError
from interbot_tui.models.catalog import (
    CatalogError,
    ModelEntry,
    Status,
    default_model,
    load_catalog,
    status,
)

if TYPE_CHECKING:
    from interbot_tui.backends.whisper_stt import WhisperSpeechToText


def resolve_stt(spec: str | None, models_dir: Path) -> tuple[Path, ModelEntry | None]:
    """The Whisper directory for `spec` (a catalog name or a directory), checked to be intact."""
    try:
        catalog = load_catalog()
    except CatalogError as exc:
        raise ModelError(str(exc)) from exc
    if spec and spec not in catalog:
        path = Path(spec).expanduser()
        if not (path / "model.bin").is_file():
            names = ", ".join(n for n, e in catalog.items() if e.role == "stt")
            raise ModelError(
                f"--stt-model {spec!r} is neither a known speech model ({names}) nor a "
                "directory with a CTranslate2 Whisper model.bin."
            )
        return path, None
    try:
        entry = catalog[spec] if spec else default_model(catalog, "stt")
    except CatalogError as exc:
        raise ModelError(str(exc)) from exc
    if entry.role != "stt":
        raise ModelError(f"{entry.name} is a {entry.role} model, not a speech-to-text model")
    state, reason = status(entry, models_dir)
    if state is not Status.INSTALLED:
        force = " --force" if state is Status.CORRUPT else ""
        raise ModelError(
            f"the speech model {entry.name} is {state.value} ({reason}). Install it with "
            f"`interbot models install {entry.name}{force}` (`make run` installs the default)."
        )
    return entry.path(models_dir), entry


def load_stt(spec: str | None, models_dir: Path, *, threads: int = 0) -> WhisperSpeechToText:
    """Load faster-whisper (about a second; call from a worker in the TUI)."""
    from interbot_tui.backends.whisper_stt import WhisperSpeechToText

    path, entry = resolve_stt(spec, models_dir)
    return WhisperSpeechToText(path, name=entry.name if entry else path.name, threads=threads)
