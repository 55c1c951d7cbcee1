"""STAR parts read back from a stored grade, without a model.

The probe grader writes `Grade.communication` with `core.grading.star.star_summary`: exactly
"STAR complete" or "STAR: missing situation, result". Only those two forms are read; the JSON
grader's free-text note (a model's words) is not, so its behavioural answers have no STAR figure.
"""

from __future__ import annotations

from interbot_tui.core.grading.star import Star

_COMPLETE = "STAR complete"
_MISSING = "STAR: missing "


def star_missing(communication: str) -> tuple[Star, ...] | None:
    """The STAR parts the note says are missing; None when the note is not a probe grader's."""
    note = communication.strip()
    if note == _COMPLETE:
        return ()
    if not note.startswith(_MISSING):
        return None
    names = [name.strip() for name in note[len(_MISSING) :].split(",")]
    known = {part.value: part for part in Star}
    if not names or any(name not in known for name in names):
        return None
    return tuple(known[name] for name in dict.fromkeys(names))


def star_present(communication: str) -> float | None:
    """The share of the four STAR parts present (0–1); None when the note cannot be read."""
    missing = star_missing(communication)
    return None if missing is None else 1 - len(missing) / len(Star)
