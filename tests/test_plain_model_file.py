"""Plain mode when the model file is removed mid-interview: one notice on stderr, and the
interview goes on with the loaded model (stdout, read by scripts, is unchanged)."""

from __future__ import annotations

import io
from pathlib import Path

from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.plain import run_plain
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel, grade
from tests.test_plain import LONG


class RemovedAfterFirstAnswer(FakeChatModel):
    """A fake model whose file "disappears" once it has graded an answer."""

    def __init__(self) -> None:
        super().__init__(default_grade=grade("correct", 9, "Nice."))
        self.graded = 0
        self.checks = 0

    def chat(self, messages, **kw):  # type: ignore[no-untyped-def]
        reply = super().chat(messages, **kw)
        if kw.get("schema") is not None:
            self.graded += 1
        return reply

    def file_change(self) -> str | None:
        self.checks += 1
        return (
            "The model file m.gguf was removed while interbot was running." if self.graded else None
        )


def test_model_file_removed_mid_plain_interview(banks: list[Bank], data_dir: Path) -> None:
    model = RemovedAfterFirstAnswer()
    out, err = io.StringIO(), io.StringIO()
    run_plain(
        Profile(role="Backend engineer", questions=3),
        banks,
        model,
        Store(data_dir),
        seed=3,
        stdin=io.StringIO(f"{LONG}\n{LONG}\n{LONG}\n"),
        stdout=out,
        stderr=err,
    )
    text = out.getvalue()
    assert err.getvalue().count("was removed while interbot was running") == 1
    assert model.checks >= 2 and "was removed" not in text
    assert text.count("Verdict: correct (9/10)") == 3  # every answer graded, after it too
    assert "Accuracy: 3/3 (100%)" in text
