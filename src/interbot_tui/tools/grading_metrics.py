"""Figures for judging a grader against labelled answers: accuracy, confusion, Spearman, p95."""

from __future__ import annotations

import math
from collections.abc import Sequence

from interbot_tui.core.grading.grade import Verdict

VERDICTS: tuple[Verdict, ...] = (Verdict.CORRECT, Verdict.PARTIAL, Verdict.INCORRECT)
UNGRADED = "ungraded"


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        shared = (i + j) / 2 + 1
        for k in range(i, j + 1):
            result[order[k]] = shared
        i = j + 1
    return result


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson correlation, or None when it is undefined (fewer than 2 pairs, or no spread)."""
    if len(xs) != len(ys):
        raise ValueError(f"{len(xs)} values against {len(ys)}")
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman rank correlation (Pearson on tie-averaged ranks); None when undefined."""
    if len(xs) != len(ys):
        raise ValueError(f"{len(xs)} values against {len(ys)}")
    return pearson(ranks(xs), ranks(ys))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0-100")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def mean(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("no values")
    return sum(values) / len(values)


def confusion(labels: Sequence[str], predicted: Sequence[str]) -> dict[str, dict[str, int]]:
    """counts[label][predicted]; rows are the three verdicts, columns add "ungraded"."""
    if len(labels) != len(predicted):
        raise ValueError(f"{len(labels)} labels against {len(predicted)} verdicts")
    columns = [str(v) for v in VERDICTS] + [UNGRADED]
    counts = {str(v): dict.fromkeys(columns, 0) for v in VERDICTS}
    for label, verdict in zip(labels, predicted, strict=True):
        row = counts.setdefault(label, dict.fromkeys(columns, 0))
        column = verdict if verdict in columns else UNGRADED
        row[column] += 1
    return counts


def accuracy(labels: Sequence[str], predicted: Sequence[str]) -> float:
    if len(labels) != len(predicted):
        raise ValueError(f"{len(labels)} labels against {len(predicted)} verdicts")
    if not labels:
        raise ValueError("no labels")
    return sum(a == b for a, b in zip(labels, predicted, strict=True)) / len(labels)


def render_confusion(counts: dict[str, dict[str, int]]) -> str:
    """A small text table: one row per labelled verdict, one column per given verdict."""
    columns = [str(v) for v in VERDICTS] + [UNGRADED]
    if not any(row.get(UNGRADED) for row in counts.values()):
        columns.remove(UNGRADED)
    width = max(len(c) for c in [*columns, "label \\ grader"]) + 2
    lines = ["label \\ grader".ljust(width) + "".join(c.rjust(width) for c in columns)]
    for label, row in counts.items():
        lines.append(label.ljust(width) + "".join(str(row.get(c, 0)).rjust(width) for c in columns))
    return "\n".join(lines)


def recall(labels: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """For each label present: the share of its items the grader gave that label."""
    out: dict[str, float] = {}
    for label in dict.fromkeys(labels):
        mine = [p for lab, p in zip(labels, predicted, strict=True) if lab == label]
        out[label] = sum(p == label for p in mine) / len(mine)
    return out
