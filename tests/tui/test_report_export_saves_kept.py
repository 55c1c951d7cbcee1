"""Exporting the report first writes the answers kept in memory while the disk was full."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from interbot_tui.core.questions.banks import Bank
from interbot_tui.store.sessions import Store
from interbot_tui.tui.screens.report import ReportScreen
from tests.disk_faults import FULL, Run, expected, faulty, stored


class Host(App[None]):
    def __init__(self, store: Store, run: Run) -> None:
        super().__init__()
        self.store, self.data_dir, self.run = store, store.path.parent, run
        self.shown: list[str] = []

    def on_mount(self) -> None:
        report = self.run.interview.report
        assert report is not None
        self.push_screen(ReportScreen(report, self.run.recorder.session_id))

    def notify(self, message: str, **kw: object) -> None:  # type: ignore[override]
        self.shown.append(message)


async def test_export_writes_the_kept_answers_to_the_history(
    data_dir: Path, banks: list[Bank]
) -> None:
    store = Store(data_dir)
    db = faulty(store)
    run = Run(store, banks)
    run.answer()
    db.failing = FULL
    run.answer(2)
    run.interview.finish()
    app = Host(store, run)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.shown[0].startswith(f"2 answer(s) are not in your history yet: {data_dir}")
        await pilot.press("e")  # still full: said, and they stay in memory
        await pilot.pause()
        assert store.unsaved_answers == 2
        assert any("2 answer(s) are still not in your history" in s for s in app.shown)
        db.failing = None
        await pilot.press("e")
        await pilot.pause()
    assert app.shown[-1].endswith("2 answer(s) kept in memory are now in your history too")
    assert stored(store, run.recorder.session_id) == expected(run)
    assert store.sessions()[-1].status == "finished"
    assert (data_dir / "exports" / f"session-{run.recorder.session_id}.md").exists()
