"""Choose and load the chat model: a server's (`--llm-url`), else `--model NAME|PATH`, else the
catalog's default."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui.backends.model_lookup import resolve_spec
from interbot_tui.models.catalog import ModelEntry

if TYPE_CHECKING:
    from interbot_tui.backends.llm.llama_cpp import LlamaCppChatModel
    from interbot_tui.backends.llm.server import ServerChatModel, ServerConfig


def resolve_model(spec: str | None, models_dir: Path) -> tuple[Path, ModelEntry | None]:
    """The file to load for `spec` (a catalog name or a path), checked to be present and intact."""
    return resolve_spec(
        spec,
        models_dir,
        "llm",
        "model",
        is_model=Path.is_file,
        not_a_model="--model {spec!r} is neither a known model ({names}) nor an existing file.",
        match_file=True,
    )


def load_chat_model(
    spec: str | None,
    models_dir: Path,
    *,
    n_ctx: int = 4096,
    server: ServerConfig | None = None,
) -> LlamaCppChatModel | ServerChatModel:
    """Load the chosen GGUF with llama.cpp (seconds; call from a worker in the TUI), or, with
    `server`, connect to that server and check it serves the model (`spec` is then unused)."""
    if server is not None:
        from interbot_tui.backends.llm.server import ServerChatModel

        return ServerChatModel(server).connect()
    from interbot_tui.backends.llm.llama_cpp import LlamaCppChatModel

    path, entry = resolve_model(spec, models_dir)
    return LlamaCppChatModel(
        path,
        name=entry.name if entry else path.name,
        chat_format=entry.chat_format if entry else "",
        n_ctx=n_ctx,
    )
