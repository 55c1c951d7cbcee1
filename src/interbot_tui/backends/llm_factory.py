"""Choose and load the chat model: `--model NAME|PATH`, else the catalog's default."""

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
    from interbot_tui.backends.llama_cpp_llm import LlamaCppChatModel


def resolve_model(spec: str | None, models_dir: Path) -> tuple[Path, ModelEntry | None]:
    """The file to load for `spec` (a catalog name or a path), checked to be present and intact."""
    try:
        catalog = load_catalog()
    except CatalogError as exc:
        raise ModelError(str(exc)) from exc
    if spec and spec not in catalog:
        path = Path(spec).expanduser()
        if not path.is_file():
            names = ", ".join(n for n, e in catalog.items() if e.role == "llm")
            raise ModelError(
                f"--model {spec!r} is neither a known model ({names}) nor an existing file."
            )
        entry = next((e for e in catalog.values() if e.file == path.name), None)
        return path, entry
    try:
        entry = catalog[spec] if spec else default_model(catalog)
    except CatalogError as exc:
        raise ModelError(str(exc)) from exc
    state, reason = status(entry, models_dir)
    if state is Status.MISSING:
        raise ModelError(
            f"the model {entry.name} is not installed ({reason}). Install it with "
            f"`interbot models install {entry.name}` (`make run` installs the defaults)."
        )
    if state is Status.CORRUPT:
        raise ModelError(
            f"the model file for {entry.name} is damaged: {reason}. Reinstall it with "
            f"`interbot models install {entry.name} --force`."
        )
    return entry.path(models_dir), entry


def load_chat_model(spec: str | None, models_dir: Path, *, n_ctx: int = 4096) -> LlamaCppChatModel:
    """Load the chosen GGUF with llama.cpp (seconds; call from a worker in the TUI)."""
    from interbot_tui.backends.llama_cpp_llm import LlamaCppChatModel

    path, entry = resolve_model(spec, models_dir)
    return LlamaCppChatModel(
        path,
        name=entry.name if entry else path.name,
        chat_format=entry.chat_format if entry else "",
        n_ctx=n_ctx,
    )
