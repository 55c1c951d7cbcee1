"""The hostile inputs the tests in this folder feed everywhere, and the checks they share."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

from interbot_tui.core.profile import InterviewType, Profile
from interbot_tui.core.questions.banks import Bank, load_banks
from interbot_tui.plain import run_plain
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel

# Terminal escape sequences: each would act on the user's terminal if it reached it.
ESCAPES: dict[str, str] = {
    "csi_clear_screen": "\x1b[2J\x1b[H",
    "csi_colour": "\x1b[31;1mred\x1b[0m",
    "osc_title": "\x1b]0;owned\x07",
    "osc52_clipboard": "\x1b]52;c;cm0gLXJmIH4vKgo=\x07",
    "osc8_hyperlink": "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "c1_csi": "\x9b2J",
    "dcs": "\x1bP1$r\x1b\\",
}
# Rich / Textual markup: must be shown as typed, never styled or turned into a link or action.
MARKUP: dict[str, str] = {
    "rich_style": "[bold red]x[/]",
    "rich_link": "[link=https://evil.example]click[/link]",
    "textual_action": "[@click=app.quit]quit[/]",
    "textual_variable": "[$accent on $error]y[/]",
}
# Control characters: NUL, backspaces over text, a carriage return that would overwrite the
# line, the bell, DEL, and the right-to-left override that reverses what follows on screen.
CONTROLS: dict[str, str] = {
    "nul": "a\x00b",
    "backspace": "abc\x08\x08\x08xyz",
    "carriage_return": "shown\rhidden",
    "bell": "ding\x07",
    "delete": "del\x7f",
    "rtl_override": "\u202etxt.exe",
    "rtl_isolate": "\u2067abc\u2069",
}
HOSTILE: dict[str, str] = {**ESCAPES, **MARKUP, **CONTROLS}

# What must never reach the terminal: ESC and C1 controls (any escape sequence starts with
# one), other C0 controls but tab and newline, DEL, and the bidi overrides and isolates.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

LONG = (
    "An index is a separate B-tree that lets the database find rows without a full scan; it "
    "speeds reads but slows every write, and I measured that on our orders table last year."
)


def assert_terminal_safe(text: str) -> None:
    found = UNSAFE.findall(text)
    assert not found, f"unsafe characters reached the output: {sorted(set(found))!r}"


def run(
    banks: list[Bank],
    data_dir: Path,
    lines: list[str],
    model: FakeChatModel,
    **profile: Any,
) -> tuple[str, str]:
    """A plain interview on `lines`: (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    fields: dict[str, Any] = {"role": "Backend engineer", "questions": 1}
    fields.update(profile)
    store = Store(data_dir)
    try:
        run_plain(
            Profile(**fields),
            banks,
            model,
            store,
            seed=3,
            stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
            stdout=out,
            stderr=err,
        )
    finally:
        store.close()
    return out.getvalue(), err.getvalue()


def stored_answers(data_dir: Path) -> list[str]:
    store = Store(data_dir)
    try:
        return [t.answer for s in store.sessions() for t in store.turns(s.id)]
    finally:
        store.close()


def bank_toml(
    questions: list[dict[str, Any]],
    *,
    domain: str = "hostile",
    kind: str = "technical",
    aliases: tuple[str, ...] = ("backend",),
) -> str:
    """A bank file's text; strings are written as TOML basic strings (JSON escapes fit)."""
    head = (
        f'[bank]\ndomain = "{domain}"\ntitle = "Hostile"\nkind = "{kind}"\n'
        f"aliases = {json.dumps(list(aliases))}\n"
    )
    parts = [head]
    for q in questions:
        parts.append("\n[[questions]]\n")
        for key, value in q.items():
            parts.append(f"{key} = {_toml(value)}\n")
    return "".join(parts)


def _toml(value: Any) -> str:
    if isinstance(value, str):
        # TOML basic strings take \uXXXX but not \xXX or raw controls: JSON's \u escapes fit.
        return json.dumps(value, ensure_ascii=True)
    return "[" + ", ".join(_toml(v) for v in value) + "]"


TOPICS = (
    "What does a database index speed up, and what does it cost on writes?",
    "How does a message queue help when a downstream service is slow?",
    "Why would you put a cache in front of a relational database?",
    "What is the difference between optimistic and pessimistic locking?",
)


def question(n: int, text: str = "", **fields: Any) -> dict[str, Any]:
    """A valid bank question; `text` defaults to one of TOPICS (distinct, so none is dropped as
    a near-duplicate of another) and then to a numbered one."""
    default = TOPICS[n - 1] if 0 < n <= len(TOPICS) else ""
    q: dict[str, Any] = {
        "id": f"hostile-{n:05d}",
        "difficulty": ("easy", "medium", "hard")[n % 3],
        "question": text or default or f"What does database index number {n} speed up, and why?",
        "key_points": ["Reads get faster", "Writes get slower"],
        "hint": "Think about what has to change on every insert.",
        "model_answer": "An index speeds up reads and slows down writes.",
        "terms": ["index", "B-tree"],
    }
    q.update(fields)
    return q


def write_bank(folder: Path, text: str | bytes, name: str = "hostile.toml") -> list[Bank]:
    """Write a bank file alone in `folder` and load it; fails on any load error."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    banks, errors = load_banks(folder)
    assert not errors, errors
    return banks


TECHNICAL = {"interview_type": InterviewType.TECHNICAL}
