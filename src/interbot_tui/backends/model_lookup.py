"""What the model factories share: reading the catalog and checking an entry is installed."""

from __future__ import annotations

from pathlib import Path

from interbot_tui.core.ports import ModelError
from interbot_tui.models.catalog import (
    CatalogError,
    ModelEntry,
    Status,
    default_model,
    load_catalog,
    status,
)


def catalog() -> dict[str, ModelEntry]:
    try:
        return load_catalog()
    except CatalogError as exc:
        raise ModelError(str(exc)) from exc


def installed_entry(
    entries: dict[str, ModelEntry], spec: str | None, role: str, models_dir: Path, what: str
) -> tuple[Path, ModelEntry]:
    """The named (or default) `role` entry's path, checked present and intact, or a ModelError
    naming the command that fixes it. `what` names the model kind in messages."""
    try:
        entry = entries[spec] if spec else default_model(entries, role)
    except CatalogError as exc:
        raise ModelError(str(exc)) from exc
    if entry.role != role:
        raise ModelError(f"{entry.name} is a {entry.role} model, not a {what}")
    state, reason = status(entry, models_dir)
    if state is Status.MISSING:
        raise ModelError(
            f"the {what} {entry.name} is missing (not installed: {reason}). Install it with "
            f"`interbot models install {entry.name}` (`make run` installs the defaults)."
        )
    if state is Status.CORRUPT:
        raise ModelError(
            f"the {what} files for {entry.name} are damaged: {reason}. Reinstall it with "
            f"`interbot models install {entry.name} --force`."
        )
    return entry.path(models_dir), entry
