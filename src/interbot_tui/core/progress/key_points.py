"""Which curated key point a grade's "missing" note names.

The probe grader lists key points verbatim; the JSON grader's notes are a model's words, often
vague ("missing", "the key points"). Progress and the report use this one rule: a note names the
key point it shares the most content words with, if that overlap is at least 30% of the shorter
one; vague notes name none.
"""

from __future__ import annotations

from interbot_tui.core.text import content_words

MIN_OVERLAP = 0.3


def matching_key_point(note: str, key_points: tuple[str, ...]) -> str | None:
    lowered = note.strip().lower()
    for point in key_points:
        if point.strip().lower() == lowered:
            return point
    note_words = content_words(note)
    best, best_overlap = None, 0.0
    for point in key_points:
        point_words = content_words(point)
        if note_words and point_words:
            overlap = len(note_words & point_words) / min(len(note_words), len(point_words))
            if overlap > best_overlap:
                best, best_overlap = point, overlap
    return best if best_overlap >= MIN_OVERLAP else None


def missed_key_points(missing: tuple[str, ...], key_points: tuple[str, ...]) -> list[str]:
    """The distinct key points the notes name, in the notes' order; vague notes are dropped."""
    found = (matching_key_point(note, key_points) for note in missing)
    return list(dict.fromkeys(point for point in found if point is not None))
