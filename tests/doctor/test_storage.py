"""The data dir and the disk: writable, private, enough space; nothing is created."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from interbot_tui.doctor import exit_code, storage


def test_private_writable_data_dir_is_ok(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)
    check = storage.check_data_dir(folder)
    assert check.ok and not check.optional and check.fix == ""
    assert "0700" in check.detail
    assert not list(folder.iterdir()), "the write probe leaves nothing behind"


def test_missing_data_dir_is_fine_and_not_created(tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet"
    check = storage.check_data_dir(folder)
    assert check.ok
    assert "will be created" in check.detail
    assert not (tmp_path / "not").exists()


@pytest.fixture
def read_only_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o500)
    if os.geteuid() == 0:  # root writes through 0500: simulate the refusal instead

        def refuse(where: Path) -> None:
            raise PermissionError(13, "Permission denied", str(where))

        monkeypatch.setattr(storage, "_probe_write", refuse)
    yield folder
    os.chmod(folder, 0o700)


def test_unwritable_data_dir_blocks_the_interview(read_only_dir: Path) -> None:
    check = storage.check_data_dir(read_only_dir)
    assert not check.ok and not check.optional
    assert "not writable" in check.detail
    assert "--data-dir" in check.fix and "chmod" in check.fix
    assert exit_code([check]) == 1


def test_data_dir_under_an_unwritable_parent_cannot_be_created(read_only_dir: Path) -> None:
    check = storage.check_data_dir(read_only_dir / "interbot")
    assert not check.ok and not check.optional
    assert "mkdir -m 700" in check.fix


def test_data_dir_readable_by_others_is_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    os.chmod(folder, 0o755)
    check = storage.check_data_dir(folder)
    assert not check.ok and check.optional
    assert "0755" in check.detail
    assert check.fix == f"`chmod 700 {folder}`"
    assert exit_code([check]) == 0


def test_a_file_where_the_data_dir_should_be(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("oops")
    check = storage.check_data_dir(tmp_path / "data")
    assert not check.ok and not check.optional
    assert "not a folder" in check.detail


def test_low_disk_space_is_an_optional_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usage = shutil.disk_usage(tmp_path)
    low = type(usage)(usage.total, usage.total - 100_000_000, 100_000_000)
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: low)
    check = storage.check_disk_space(tmp_path / "missing" / "data")
    assert not check.ok and check.optional
    assert "100.0 MB free" in check.detail and str(tmp_path) in check.detail
    assert "free up space" in check.fix


def test_plenty_of_disk_space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    usage = shutil.disk_usage(tmp_path)
    big = type(usage)(10**12, 10**11, 9 * 10**11)
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: big)
    check = storage.check_disk_space(tmp_path)
    assert check.ok and check.detail.startswith("900.0 GB free")
