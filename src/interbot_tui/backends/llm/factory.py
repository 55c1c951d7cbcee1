"""Choose and load the chat model: `--model NAME|PATH`, else the catalog's default."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui.backends.model_lookup import catalog, installed_entry
from interbot_tui.core.ports import ModelError
from interbot_tui.models.catalog import ModelEntry

if TYPE_CHECKING:
    from interbot_tui.backends.llm.llama_cpp import LlamaCppChatModel


def resolve_model(spec: str | None, models_dir: Path) -> tuple[Path, ModelEntry | None]:
    """The file to load for `spec` (a catalog name or a path), checked to be present and intact."""
    entries = catalog()
    if spec and spec not in entries:
        path = Path(spec).expanduser()
        if not path.is_file():
            names = ", ".join(n for n, e in entries.items() if e.role == "llm")
            raise ModelError(
                f"--model {spec!r} is neither a known model ({names}) nor an existing file."
            )
        return path, next((e for e in entries.values() if e.file == path.name), None)
    return installed_entry(entries, spec, "llm", models_dir, "model")


def load_chat_model(spec: str | None, models_dir: Path, *, n_ctx: int = 4096) -> LlamaCppChatModel:
    """Load the chosen GGUF with llama.cpp (seconds; call from a worker in the TUI)."""
    from interbot_tui.backends.llm.llama_cpp import LlamaCppChatModel

    path, entry = resolve_model(spec, models_dir)
    return LlamaCppChatModel(
        path,
        name=entry.name if entry else path.name,
        chat_format=entry.chat_format if entry else "",
        n_ctx=n_ctx,
    )
