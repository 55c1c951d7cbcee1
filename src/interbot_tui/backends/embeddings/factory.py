"""Choose and load the sentence encoder: a catalog name or a model directory, else the default."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui.backends.model_lookup import resolve_spec
from interbot_tui.core.ports import ModelError
from interbot_tui.models.catalog import ModelEntry

if TYPE_CHECKING:
    from interbot_tui.backends.embeddings.minilm import MiniLMEncoder


def resolve_encoder(spec: str | None, models_dir: Path) -> tuple[Path, ModelEntry | None]:
    """The model directory for `spec` (a catalog name or a directory), checked to be intact."""
    return resolve_spec(
        spec,
        models_dir,
        "embedding",
        "sentence encoder",
        is_model=lambda path: all(
            (path / name).is_file()
            for name in ("config.json", "model.safetensors", "tokenizer.json")
        ),
        not_a_model="{spec!r} is neither a known sentence encoder ({names}) nor a directory "
        "with a BERT config.json, model.safetensors and tokenizer.json.",
    )


def load_encoder(spec: str | None, models_dir: Path) -> MiniLMEncoder:
    """Load the encoder (a fraction of a second; call from a worker in the TUI)."""
    path, entry = resolve_encoder(spec, models_dir)
    try:
        from interbot_tui.backends.embeddings.minilm import MiniLMEncoder
    except ImportError as exc:  # both are main dependencies: only a broken environment gets here
        raise ModelError(
            f"the sentence encoder needs {exc.name}: pip install tokenizers safetensors"
        ) from exc
    return MiniLMEncoder(path, name=entry.name if entry else path.name)
