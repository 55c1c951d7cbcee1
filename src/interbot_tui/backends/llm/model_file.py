"""The file a loaded model came from: noticing it removed or replaced while the model is in use.

llama.cpp is opened with `use_mmap=False` (see llama_cpp.py), so the weights are a private copy
in memory and nothing done to the file can reach the loaded model: a file removed, replaced or
overwritten in place changes nothing until the next start, which checks the file again (the
catalog's size and checksum). This only lets the front ends say so once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable


@runtime_checkable
class FileBacked(Protocol):
    """A model loaded from a file that can say whether that file changed since it was loaded."""

    def file_change(self) -> str | None:
        """None while the file is as loaded; else what happened and what to do (a notice)."""
        ...


@dataclass(frozen=True)
class _Identity:
    device: int
    inode: int
    size: int
    mtime_ns: int


def _identity(path: Path) -> _Identity | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return _Identity(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class ModelFile:
    """Remembers a model file as it was at load time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._loaded = _identity(path)

    def change(self) -> str | None:
        if self._loaded is None:  # not a plain file (a stand-in, a test): nothing to compare
            return None
        now = _identity(self.path)
        if now == self._loaded:
            return None
        kept = "This session goes on with the model already loaded in memory"
        if now is None:
            return (
                f"The model file {self.path} was removed while interbot was running. {kept}; "
                "before the next start, reinstall it (`interbot models verify` says how) or "
                "choose another model with --model."
            )
        return (
            f"The model file {self.path} was replaced or changed while interbot was running. "
            f"{kept}; the next start loads the new file and checks it first "
            "(`interbot models verify`)."
        )
