"""Several interbots started at once on a new data dir: the schema is made once, all start."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from interbot_tui.core.profile import Profile
from interbot_tui.store.schema import UPGRADES
from interbot_tui.store.sessions import DB_NAME, Store

STARTERS = 6

CHILD = r"""
import sys, time
from pathlib import Path
ready, go, folder, i = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
from interbot_tui.core.profile import Profile
from interbot_tui.store.sessions import Store
ready.touch()
while not go.exists():  # every process opens the store at the same moment
    time.sleep(0.0002)
store = Store(folder)
store.start_session(Profile(role=f"role {i}"), "fake")
store.close()
"""


def assert_whole(folder: Path, sessions: int) -> None:
    db = sqlite3.connect(folder / DB_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(UPGRADES)
    roles = {row[0] for row in db.execute("SELECT json_extract(profile, '$.role') FROM sessions")}
    assert roles == {f"role {i}" for i in range(sessions)}
    db.close()


def test_processes_started_at_once_on_a_new_data_dir_all_start(tmp_path: Path) -> None:
    folder, go = tmp_path / "data", tmp_path / "go"
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD,
                str(tmp_path / f"ready-{i}"),
                str(go),
                str(folder),
                str(i),
            ],
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(STARTERS)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < STARTERS and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()
    results = [(child.wait(timeout=60), child.stderr.read()) for child in children]  # type: ignore[union-attr]
    assert [err.strip().splitlines()[-1:] for _, err in results if err.strip()] == []
    assert [code for code, _ in results] == [0] * STARTERS
    assert_whole(folder, STARTERS)


def test_threads_opening_at_once_on_a_new_data_dir_all_start(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    barrier = threading.Barrier(STARTERS)
    errors: list[BaseException] = []

    def start(i: int) -> None:
        barrier.wait()
        try:
            store = Store(folder)
            store.start_session(Profile(role=f"role {i}"), "fake")
            store.close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(i,)) for i in range(STARTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert_whole(folder, STARTERS)
