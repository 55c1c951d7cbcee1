"""What the model factories share: reading the catalog, turning `--model`-style specs into a
path, and checking a catalog entry is installed."""

from __future__ import annotations

from collections.abc import Callable
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


def resolve_spec(
    spec: str | None,
    models_dir: Path,
    role: str,
    what: str,
    *,
    is_model: Callable[[Path], bool],
    not_a_model: str,
    match_file: bool = False,
) -> tuple[Path, ModelEntry | None]:
    """The path for `spec`: a catalog name (checked present and intact), the catalog's default
    `role` model when None, else a path that `is_model` accepts. `not_a_model` is the error for
    anything else, formatted with `spec` and the known `names`; with `match_file`, a path whose
    file name is a catalog entry's comes back with that entry (its chat format, say)."""
    entries = catalog()
    if spec and spec not in entries:
        path = Path(spec).expanduser()
        if not is_model(path):
            names = ", ".join(n for n, e in entries.items() if e.role == role)
            raise ModelError(not_a_model.format(spec=spec, names=names))
        known = next((e for e in entries.values() if e.file == path.name), None)
        return path, known if match_file else None
    return installed_entry(entries, spec, role, models_dir, what)
