"""Facial-expression readings from the webcam, reduced to what is kept and reported.

A reading is a small model's guess at how a face comes across on camera, never a judgement of
what someone feels; every line shown to the candidate says so. Frames never reach this module:
only the class probabilities of the largest face (or "no face") do. Per answer, the smoothed
readings become an `ExpressionSummary` (stored with the turn); the report reduces those.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

LABELS: tuple[str, ...] = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
TENSE: frozenset[str] = frozenset({"angry", "disgust", "fear", "sad"})
ADJECTIVE: dict[str, str] = {
    "angry": "angry",
    "disgust": "disgusted",
    "fear": "fearful",
    "happy": "happy",
    "sad": "sad",
    "surprise": "surprised",
    "neutral": "neutral",
}
CAVEAT = (
    "approximate readings of how you may come across on camera, not a judgement of your feelings"
)

Box = tuple[int, int, int, int]  # x, y, width, height in pixels

MIN_FACE_FRAMES = 10  # 2 s at 5 frames a second: less says nothing about a question
NOTE_SHARE = 0.35  # a group is worth a note from this share of tense (or happy) readings …
NOTE_MARGIN = 0.15  # … when it is this much above the other questions
LOW_FACE_SHARE = 0.7  # below this, the face was often out of frame
TREND_MIN_QUESTIONS = 4
TREND_MARGIN = 0.2


# --- one frame ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """One analysed frame: the largest face's probabilities by label, or None when no face."""

    at: float  # monotonic seconds
    probabilities: Mapping[str, float] | None
    box: Box | None = None

    @property
    def face(self) -> bool:
        return self.probabilities is not None

    @property
    def expression(self) -> str | None:
        return leading(self.probabilities) if self.probabilities is not None else None


def leading(probabilities: Mapping[str, float]) -> str:
    """The most likely label; a tie goes to neutral, else to the first in LABELS order."""
    return max(LABELS, key=lambda label: (probabilities.get(label, 0.0), label == "neutral"))


def probabilities_from(values: Sequence[float]) -> dict[str, float]:
    """Model output in LABELS order → {label: probability}."""
    if len(values) != len(LABELS):
        raise ValueError(f"expected {len(LABELS)} probabilities, got {len(values)}")
    return {label: float(p) for label, p in zip(LABELS, values, strict=True)}


class Smoother:
    """Exponential smoothing over time (time constant `tau_s`), so one odd frame does not flip the
    reading. A face lost for longer than `forget_s` starts afresh when it comes back."""

    def __init__(self, tau_s: float = 1.0, forget_s: float = 2.0) -> None:
        self.tau_s = tau_s
        self.forget_s = forget_s
        self._state: dict[str, float] | None = None
        self._last_face_at = -math.inf

    def update(self, reading: Reading) -> Reading:
        if reading.probabilities is None:
            if reading.at - self._last_face_at > self.forget_s:
                self._state = None
            return reading
        dt = reading.at - self._last_face_at
        alpha = 1.0 if self._state is None else 1.0 - math.exp(-max(dt, 0.0) / self.tau_s)
        previous = self._state or {}
        self._state = {
            label: previous.get(label, 0.0) * (1.0 - alpha)
            + reading.probabilities.get(label, 0.0) * alpha
            for label in LABELS
        }
        self._last_face_at = reading.at
        return Reading(reading.at, dict(self._state), reading.box)


# --- one answer --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpressionSummary:
    """The camera's view of one answer.

    `shares`: of the frames with a face, the share in which each label led the smoothed reading
    (labels that never led are left out); empty when no face was seen."""

    frames: int
    face_frames: int
    shares: dict[str, float] = field(default_factory=dict)

    @property
    def dominant(self) -> str | None:
        return leading(self.shares) if self.shares else None

    @property
    def face_share(self) -> float:
        return self.face_frames / self.frames if self.frames else 0.0

    @property
    def tense_share(self) -> float:
        return sum(share for label, share in self.shares.items() if label in TENSE)

    def share(self, label: str) -> float:
        return self.shares.get(label, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "frames": self.frames,
            "face_frames": self.face_frames,
            "face_share": round(self.face_share, 3),
            "dominant": self.dominant,
            "shares": {label: round(share, 3) for label, share in self.shares.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExpressionSummary:
        shares = data.get("shares") or {}
        return cls(
            frames=int(data.get("frames", 0)),
            face_frames=int(data.get("face_frames", 0)),
            shares={str(k): float(v) for k, v in shares.items() if k in LABELS},
        )


def summarise(counts: Mapping[str, int], frames: int) -> ExpressionSummary:
    """A summary from how many face frames each label led, out of `frames` readings."""
    face_frames = sum(counts.values())
    shares = {label: counts[label] / face_frames for label in LABELS if counts.get(label, 0) > 0}
    return ExpressionSummary(frames=frames, face_frames=face_frames, shares=shares)


def combine(summaries: Sequence[ExpressionSummary]) -> ExpressionSummary:
    """Several answers as one: shares weighted by each answer's face frames."""
    frames = sum(s.frames for s in summaries)
    face_frames = sum(s.face_frames for s in summaries)
    if not face_frames:
        return ExpressionSummary(frames=frames, face_frames=0)
    totals = {label: sum(s.share(label) * s.face_frames for s in summaries) for label in LABELS}
    shares = {label: v / face_frames for label, v in totals.items() if v > 0}
    return ExpressionSummary(frames=frames, face_frames=face_frames, shares=shares)


class ExpressionTracker:
    """Smooths readings for a live display and tallies them per answer.

    Thread-safe: the camera thread calls `update`, the UI calls `start_answer`/`end_answer`."""

    def __init__(self, smoother: Smoother | None = None) -> None:
        self.smoother = smoother or Smoother()
        self.latest: Reading | None = None
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._frames = 0
        self._open = False

    def update(self, reading: Reading) -> Reading:
        """Smooth one raw reading; counted when an answer is open. Returns the smoothed one."""
        with self._lock:
            smoothed = self.smoother.update(reading)
            self.latest = smoothed
            if self._open:
                self._frames += 1
                if smoothed.expression is not None:
                    self._counts[smoothed.expression] += 1
            return smoothed

    def start_answer(self) -> None:
        with self._lock:
            self._counts.clear()
            self._frames = 0
            self._open = True

    def end_answer(self) -> ExpressionSummary | None:
        """The open answer's summary; None when no reading arrived (no camera, or too short)."""
        with self._lock:
            self._open = False
            if not self._frames:
                return None
            return summarise(self._counts, self._frames)


# --- the report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerExpression:
    """One answer's summary with what the report groups by: `group` is a label such as the
    question kind ("system design") or its topic."""

    number: int  # question number; several attempts at one question share it
    group: str
    summary: ExpressionSummary


def _percent(share: float) -> str:
    return f"{share:.0%}"


def _by_question(answers: Sequence[AnswerExpression]) -> list[tuple[int, ExpressionSummary]]:
    numbers = sorted({a.number for a in answers})
    return [(n, combine([a.summary for a in answers if a.number == n])) for n in numbers]


def _by_group(answers: Sequence[AnswerExpression]) -> dict[str, ExpressionSummary]:
    groups = list(dict.fromkeys(a.group for a in answers))
    return {g: combine([a.summary for a in answers if a.group == g]) for g in groups}


def describe(summary: ExpressionSummary) -> str:
    """A word for one question: the leading expression, or "no face"."""
    dominant = summary.dominant
    return ADJECTIVE[dominant] if dominant else "no face"


def pattern(answers: Sequence[AnswerExpression]) -> list[tuple[int, str]]:
    """Question number → the expression that led while answering it."""
    return [(n, describe(s)) for n, s in _by_question(answers) if s.frames]


def pattern_text(steps: Sequence[tuple[int, str]]) -> str:
    """ "Q1–3 neutral · Q4 happy": runs of questions that read alike are joined."""
    runs: list[tuple[int, int, str]] = []
    for number, word in steps:
        if runs and runs[-1][2] == word:
            runs[-1] = (runs[-1][0], number, word)
        else:
            runs.append((number, number, word))
    return " · ".join(
        f"Q{first}{f'–{last}' if last != first else ''} {word}" for first, last, word in runs
    )


def _group_note(
    group: str, mine: ExpressionSummary, others: ExpressionSummary | None
) -> str | None:
    checks = (
        ("tense", mine.tense_share, others.tense_share if others else None),
        ("happy", mine.share("happy"), others.share("happy") if others else None),
    )
    for kind, share, elsewhere in checks:
        if share < NOTE_SHARE or (elsewhere is not None and share < elsewhere + NOTE_MARGIN):
            continue
        compare = f", {_percent(elsewhere)} on the others" if elsewhere is not None else ""
        if kind == "tense":
            return (
                f"Looked tense on {group} questions (angry, fearful, sad or disgusted "
                f"{_percent(share)} of the time{compare})."
            )
        return f"Looked most at ease on {group} questions (smiling {_percent(share)} of the time{compare})."
    return None


def _trend_note(answers: Sequence[AnswerExpression]) -> str | None:
    seen = [s for _n, s in _by_question(answers) if s.face_frames >= MIN_FACE_FRAMES]
    if len(seen) < TREND_MIN_QUESTIONS:
        return None
    half = len(seen) // 2
    early, late = combine(seen[:half]).tense_share, combine(seen[half:]).tense_share
    if early - late >= TREND_MARGIN:
        return "Looked more at ease as the interview went on."
    if late - early >= TREND_MARGIN:
        return "Looked more tense as the interview went on."
    return None


def notes(answers: Sequence[AnswerExpression]) -> list[str]:
    """Honest, specific observations; none where there is too little to go on."""
    found: list[str] = []
    groups = {g: s for g, s in _by_group(answers).items() if s.face_frames >= MIN_FACE_FRAMES}
    for group, mine in groups.items():
        rest = [s for g, s in groups.items() if g != group]
        note = _group_note(group, mine, combine(rest) if rest else None)
        if note:
            found.append(note)
    trend = _trend_note(answers)
    if trend:
        found.append(trend)
    overall = combine([a.summary for a in answers])
    if overall.frames >= MIN_FACE_FRAMES and overall.face_share < LOW_FACE_SHARE:
        found.append(
            f"Your face was in frame {_percent(overall.face_share)} of the time: sit facing "
            "the camera, with your face lit from the front."
        )
    return found


def report_lines(answers: Sequence[AnswerExpression]) -> list[str]:
    """The report's expression section as plain lines; none when the camera saw nothing."""
    overall = combine([a.summary for a in answers])
    if not overall.frames:
        return []
    lines = [f"Expression on camera: {CAVEAT}."]
    if overall.dominant is None:
        return [*lines, "No face was seen during the answers."]
    lines.append(
        f"Mostly {ADJECTIVE[overall.dominant]} ({_percent(overall.share(overall.dominant))} "
        f"of the time the face was seen) · face in frame {_percent(overall.face_share)} of the time"
    )
    steps = pattern(answers)
    if len(steps) > 1:
        lines.append(f"By question: {pattern_text(steps)}")
    lines.extend(notes(answers))
    return lines


def report_dict(answers: Sequence[AnswerExpression]) -> dict[str, Any] | None:
    """The same for JSON exports; None when the camera saw nothing."""
    overall = combine([a.summary for a in answers])
    if not overall.frames:
        return None
    return {
        **overall.to_dict(),
        "by_question": [{"number": n, "expression": word} for n, word in pattern(answers)],
        "notes": notes(answers),
        "caveat": CAVEAT,
    }
