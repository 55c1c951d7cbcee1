"""The data dir (writable, private) and the disk space around it."""

from __future__ import annotations

import shutil
import stat
import tempfile
from pathlib import Path

from interbot_tui.doctor.check import Check

LOW_DISK_BYTES = 500 * 1000 * 1000


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def _probe_write(folder: Path) -> None:
    """Create and delete a temporary file in `folder`; raises OSError when that is not allowed."""
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".interbot-doctor-"):
        pass


def _human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


def check_data_dir(data_dir: Path) -> Check:
    name = "data dir"
    if data_dir.exists() and not data_dir.is_dir():
        return Check(
            name,
            False,
            f"{data_dir} exists but is not a folder",
            "move that file away, or choose another folder with `--data-dir DIR`",
            optional=False,
        )
    if not data_dir.exists():
        parent = _existing_ancestor(data_dir.parent)
        try:
            _probe_write(parent)
        except OSError as exc:
            return Check(
                name,
                False,
                f"{data_dir} does not exist and cannot be created in {parent} ({exc.strerror or exc})",
                f"create it yourself (`mkdir -m 700 -p {data_dir}`) or choose another folder with `--data-dir DIR`",
                optional=False,
            )
        return Check(
            name, True, f"{data_dir} will be created (private, 0700) on first use", optional=False
        )
    try:
        _probe_write(data_dir)
    except OSError as exc:
        return Check(
            name,
            False,
            f"{data_dir} is not writable ({exc.strerror or exc})",
            f"`chmod u+rwx {data_dir}`, or choose another folder with `--data-dir DIR`",
            optional=False,
        )
    mode = stat.S_IMODE(data_dir.stat().st_mode)
    if mode & 0o077:
        # Works, but other users may read the interviews: worth fixing, not blocking.
        return Check(
            name,
            False,
            f"{data_dir} is writable but readable by other users (mode {mode:04o})",
            f"`chmod 700 {data_dir}`",
            optional=True,
        )
    return Check(name, True, f"{data_dir} (writable, private {mode:04o})", optional=False)


def check_disk_space(data_dir: Path) -> Check:
    where = _existing_ancestor(data_dir)
    free = shutil.disk_usage(where).free
    detail = f"{_human_bytes(free)} free in {where}"
    if free < LOW_DISK_BYTES:
        return Check(
            "disk space",
            False,
            detail,
            f"free up space: under {_human_bytes(LOW_DISK_BYTES)} left (a model install needs up to 1.2 GB)",
        )
    return Check("disk space", True, detail)
