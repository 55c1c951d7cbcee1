"""The one way interbot writes the user's files: folders 0700, files 0600, replaced atomically.

History, exports, recordings, the grader's calibration and the config all go through here, so
"readable by you alone" holds everywhere and a full disk never leaves half a file behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path) -> Path:
    """Create `path` (and its missing parents) readable by the user alone; return it."""
    missing = []  # mkdir(parents=True) would give the parents the umask's mode, not 0700
    folder = path
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True, mode=FOLDER_MODE)
    return path


def touch_private(path: Path) -> None:
    """Create `path` empty if it does not exist, and make it readable by the user alone."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    os.chmod(path, FILE_MODE)


def write_private(path: Path, write: Callable[[IO[bytes]], object]) -> Path:
    """Write `path` through `write(file)` into a 0600 temporary beside it, then rename it over
    `path`: a failure (a full disk) leaves the old file, or none, never a partial one."""
    private_folder(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:  # mkstemp creates the file 0600
            write(f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_private_text(path: Path, text: str) -> Path:
    """`write_private` for UTF-8 text."""
    return write_private(path, lambda f: f.write(text.encode("utf-8")))
