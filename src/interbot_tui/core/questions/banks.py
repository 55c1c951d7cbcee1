"""Question banks: TOML files, validated on load, errors reported with file and line.

A malformed file never stops the others from loading: `load_banks` returns the good banks and a
list of `BankError`s to show the user.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interbot_tui.core.profile import Difficulty
from interbot_tui.core.questions.question import Kind, Question
from interbot_tui.core.text import terminal_safe

REQUIRED_FIELDS: dict[str, type] = {
    "id": str,
    "difficulty": str,
    "question": str,
    "key_points": list,
    "hint": str,
    "model_answer": str,
    "terms": list,
}
_DOMAIN_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_TOML_LINE_RE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class BankError:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Bank:
    domain: str
    title: str
    kind: Kind
    aliases: tuple[str, ...]
    questions: tuple[Question, ...]
    path: Path


def _question_lines(text: str) -> list[int]:
    """1-based line number of each `[[questions]]` header, in order."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[questions]]"]


def _check_question(raw: Any, kind: Kind, domain: str) -> tuple[Question | None, str]:
    if not isinstance(raw, dict):
        return None, "a question must be a table"
    for name, typ in REQUIRED_FIELDS.items():
        if name not in raw:
            return None, f"missing field '{name}'"
        if not isinstance(raw[name], typ):
            return None, f"field '{name}' must be a {typ.__name__}"
    raw = _safe(raw)
    try:
        difficulty = Difficulty(raw["difficulty"])
    except ValueError:
        return None, f"difficulty '{raw['difficulty']}' is not one of easy, medium, hard"
    text = raw["question"].strip()
    if not 10 <= len(text) <= 400:
        return None, f"question text must be 10–400 characters (has {len(text)})"
    points = raw["key_points"]
    if not points or not all(isinstance(p, str) and p.strip() for p in points):
        return None, "key_points must be a non-empty list of strings"
    if not all(isinstance(t, str) for t in raw["terms"]):
        return None, "terms must be a list of strings"
    if not raw["hint"].strip() or not raw["model_answer"].strip():
        return None, "hint and model_answer must not be empty"
    if raw["model_answer"].strip().lower() in raw["hint"].lower():
        return None, "the hint gives the model answer away"
    return (
        Question(
            id=raw["id"],
            text=text,
            kind=kind,
            difficulty=difficulty,
            key_points=tuple(p.strip() for p in points),
            hint=raw["hint"].strip(),
            model_answer=raw["model_answer"].strip(),
            terms=tuple(raw["terms"]),
            domain=domain,
        ),
        "",
    )


def _safe(value: Any) -> Any:
    """A bank's strings with nothing a terminal acts on (TOML's \\u escapes can put an escape
    sequence in a question): they are shown on screen."""
    if isinstance(value, str):
        return terminal_safe(value)
    if isinstance(value, list):
        return [_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    return value


def load_bank(path: Path) -> tuple[Bank | None, list[BankError]]:
    """Parse and validate one bank. Bad questions are dropped and reported; the rest load."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [BankError(path, None, f"cannot read file: {exc}")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE_RE.search(str(exc))
        return None, [
            BankError(path, int(match.group(1)) if match else None, f"not valid TOML: {exc}")
        ]

    header = data.get("bank")
    if not isinstance(header, dict):
        return None, [
            BankError(path, None, "missing the [bank] table (domain, title, kind, aliases)")
        ]
    domain = header.get("domain")
    if not isinstance(domain, str) or not _DOMAIN_RE.match(domain):
        return None, [BankError(path, None, "[bank] domain must be lowercase letters, digits, _")]
    try:
        kind = Kind(header.get("kind", ""))
    except ValueError:
        allowed = ", ".join(k.value for k in Kind)
        return None, [BankError(path, None, f"[bank] kind must be one of {allowed}")]
    aliases = header.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        return None, [BankError(path, None, "[bank] aliases must be a list of strings")]

    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        return None, [BankError(path, None, "no [[questions]] in the file")]
    lines = _question_lines(text)
    errors: list[BankError] = []
    questions: list[Question] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_questions):
        line = lines[index] if index < len(lines) else None
        question, problem = _check_question(raw, kind, domain)
        if question is None:
            errors.append(BankError(path, line, f"question {index + 1}: {problem}"))
        elif question.id in seen:
            errors.append(
                BankError(path, line, f"question {index + 1}: duplicate id '{question.id}'")
            )
        else:
            seen.add(question.id)
            questions.append(question)
    bank = Bank(
        domain=domain,
        title=terminal_safe(str(header.get("title", domain))),
        kind=kind,
        aliases=tuple(a.lower() for a in aliases),
        questions=tuple(questions),
        path=path,
    )
    return (bank if questions else None), errors


def load_banks(folder: Path) -> tuple[list[Bank], list[BankError]]:
    """Load every `*.toml` bank in a folder; ids must be unique across banks."""
    banks: list[Bank] = []
    errors: list[BankError] = []
    if not folder.is_dir():
        return [], [BankError(folder, None, "question bank folder not found")]
    ids: dict[str, Path] = {}
    for path in sorted(folder.glob("*.toml")):
        bank, problems = load_bank(path)
        errors.extend(problems)
        if bank is None:
            continue
        clashes = [q.id for q in bank.questions if q.id in ids]
        if clashes:
            errors.append(
                BankError(
                    path,
                    None,
                    f"ids already used in {ids[clashes[0]].name}: " + ", ".join(clashes[:5]),
                )
            )
            bank = Bank(
                bank.domain,
                bank.title,
                bank.kind,
                bank.aliases,
                tuple(q for q in bank.questions if q.id not in ids),
                bank.path,
            )
        if not bank.questions:
            continue
        ids.update({q.id: path for q in bank.questions})
        banks.append(bank)
    return banks, errors
