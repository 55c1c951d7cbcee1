"""Measure a grader on labelled answers: `interbot eval-grader`, and grading latency for bench.

The figures: verdict accuracy, the confusion matrix, Spearman correlation between the grader's
scores and the labelled scores, and latency per answer. "Latency" is the time until the verdict
and score are known; the feedback sentence the model writes after that is timed separately
("full grade"), because it streams to the candidate while it is written.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from interbot_tui.core.grading.grade import Grade
from interbot_tui.core.ports import Grader
from interbot_tui.tools.grading_metrics import (
    accuracy,
    confusion,
    mean,
    percentile,
    recall,
    render_confusion,
    spearman,
)
from interbot_tui.tools.labelled_answers import LabelledAnswer, LabelledItemError, parse_labelled


def load_items(path: Path) -> list[LabelledAnswer]:
    """The labelled answers in a JSONL file; LabelledItemError names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LabelledItemError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelledItemError(f"{path}: cannot read it ({exc})") from exc
    try:
        return parse_labelled(text)
    except LabelledItemError as exc:
        raise LabelledItemError(f"{path}: {exc}") from None


@dataclass(frozen=True)
class ItemResult:
    id: str
    label: str
    verdict: str | None  # None: the grader could not grade it
    score: int | None
    latency_s: float  # until verdict and score were known
    total_s: float  # the whole grade, feedback included
    labelled_score: int = 0
    feedback: str = ""
    error: str = ""
    prepare_s: float = 0.0  # untimed work before the answer: the rubric and anchor probes
    kind: str = ""
    human_score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("latency_s", "total_s", "prepare_s"):
            data[key] = round(data[key], 3)
        return data


@dataclass(frozen=True)
class EvalReport:
    items: list[ItemResult]
    model: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.items)

    @property
    def verdict_accuracy(self) -> float:
        return accuracy([i.label for i in self.items], [i.verdict or "" for i in self.items])

    @property
    def spearman(self) -> float | None:
        scored = [i for i in self.items if i.score is not None]
        return spearman([float(i.score or 0) for i in scored], [i.labelled_score for i in scored])

    @property
    def confusion(self) -> dict[str, dict[str, int]]:
        return confusion([i.label for i in self.items], [i.verdict or "" for i in self.items])

    @property
    def recall(self) -> dict[str, float]:
        """Per label: the share of its answers the grader got right."""
        found = recall([i.label for i in self.items], [i.verdict or "" for i in self.items])
        return {label: found[label] for label in LABELS if label in found}

    @property
    def spearman_human(self) -> float | None:
        """Spearman of the grader's scores with the human graders' (None without them)."""
        rated = [i for i in self.items if i.human_score is not None and i.score is not None]
        if not rated:
            return None
        return spearman([float(i.score or 0) for i in rated], [i.human_score or 0.0 for i in rated])

    @property
    def by_kind(self) -> dict[str, EvalReport]:
        kinds = sorted({i.kind for i in self.items if i.kind})
        return {k: EvalReport([i for i in self.items if i.kind == k]) for k in kinds}

    def _summary(self) -> dict[str, Any]:
        rho, human = self.spearman, self.spearman_human
        return {
            "n": self.n,
            "verdict_accuracy": round(self.verdict_accuracy, 4),
            "recall": {k: round(v, 4) for k, v in self.recall.items()},
            "spearman": None if rho is None else round(rho, 4),
            "spearman_human": None if human is None else round(human, 4),
        }

    def latency(self, which: str = "latency_s") -> tuple[float, float]:
        values = [float(getattr(i, which)) for i in self.items]
        return mean(values), percentile(values, 95)

    def to_dict(self) -> dict[str, Any]:
        lat_mean, lat_p95 = self.latency()
        full_mean, full_p95 = self.latency("total_s")
        return {
            **self._summary(),
            "by_kind": {kind: part._summary() for kind, part in self.by_kind.items()},
            "latency_mean_s": round(lat_mean, 3),
            "latency_p95_s": round(lat_p95, 3),
            "full_grade_mean_s": round(full_mean, 3),
            "full_grade_p95_s": round(full_p95, 3),
            "prepare_mean_s": round(self.latency("prepare_s")[0], 3),
            "ungraded": sum(i.verdict is None for i in self.items),
            "confusion": self.confusion,
            "model": self.model,
            "per_item": [
                {
                    "id": i.id,
                    "label": i.label,
                    "verdict": i.verdict,
                    "score": i.score,
                    "latency_s": round(i.latency_s, 3),
                    "total_s": round(i.total_s, 3),
                    "prepare_s": round(i.prepare_s, 3),
                    "labelled_score": i.labelled_score,
                    **({"human_score": i.human_score} if i.human_score is not None else {}),
                    "kind": i.kind,
                    "feedback": i.feedback,
                    **({"error": i.error} if i.error else {}),
                }
                for i in self.items
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def render(self) -> str:
        lat_mean, lat_p95 = self.latency()
        full_mean, full_p95 = self.latency("total_s")
        rho, human = self.spearman, self.spearman_human
        right = sum(i.label == i.verdict for i in self.items)
        lines = [
            f"Grader evaluation: {self.n} answers"
            + (f", model {self.model}" if self.model else ""),
            f"Verdict accuracy  {self.verdict_accuracy:.3f}  ({right}/{self.n})",
            "Recall            " + _recall_line(self.recall),
            f"Spearman (score)  {'n/a' if rho is None else f'{rho:.3f}'}",
        ]
        if human is not None:
            lines.append(f"Spearman (human)  {human:.3f}  (with the human graders' scores)")
        for kind, part in self.by_kind.items():
            part_rho = "n/a" if part.spearman is None else f"{part.spearman:.3f}"
            lines.append(
                f"  {kind:12} n={part.n:<4} accuracy {part.verdict_accuracy:.3f}, "
                f"Spearman {part_rho}, recall {_recall_line(part.recall)}"
            )
        lines += [
            f"Latency (verdict) mean {lat_mean:.2f} s, p95 {lat_p95:.2f} s",
            f"Full grade        mean {full_mean:.2f} s, p95 {full_p95:.2f} s (with feedback)",
            f"Prepared ahead    mean {self.latency('prepare_s')[0]:.2f} s (untimed: the interview "
            "does it while the candidate answers)",
            "",
            "Confusion (rows: label, columns: grader)",
            render_confusion(self.confusion),
        ]
        wrong = [i for i in self.items if i.verdict != i.label]
        if wrong:
            lines += ["", "Disagreements"]
            lines += [
                f"  {i.id}: labelled {i.label} ({i.labelled_score}), graded "
                f"{i.verdict or 'ungraded'}" + (f" ({i.score})" if i.score is not None else "")
                for i in wrong
            ]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)


LABELS = ("correct", "partial", "incorrect")


def _recall_line(found: dict[str, float]) -> str:
    return " / ".join(f"{label} {value:.2f}" for label, value in found.items())


def _verdict_seconds(grader: Grader) -> float | None:
    """The grader's own time-to-verdict for its last grade, where it reports one."""
    timing = getattr(grader, "last_timing", None)
    value = getattr(timing, "verdict_s", None)
    return float(value) if isinstance(value, int | float) else None


def grade_item(
    grader: Grader,
    item: LabelledAnswer,
    clock: Callable[[], float] = time.perf_counter,
    *,
    prepare: bool = True,
) -> ItemResult:
    """Grade one item and time it. With `prepare`, the grader first evaluates the question and
    its rubric untimed, as the interview does while the candidate is answering."""
    question = item.to_question()
    warm = getattr(grader, "prepare", None)
    start = clock()
    if prepare and callable(warm):
        warm(question)
    prepare_s = clock() - start
    start = clock()
    grade: Grade = grader.grade(question, item.answer)
    total = clock() - start
    verdict_s = _verdict_seconds(grader)
    return ItemResult(
        id=item.id,
        label=str(item.label),
        verdict=str(grade.verdict) if grade.verdict else None,
        score=grade.score,
        latency_s=min(verdict_s, total) if verdict_s is not None else total,
        total_s=total,
        labelled_score=item.score,
        feedback=grade.feedback,
        error=grade.error,
        prepare_s=prepare_s,
        kind=str(item.kind),
        human_score=item.human_score,
    )


def evaluate(
    grader: Grader,
    items: Sequence[LabelledAnswer],
    *,
    model: str = "",
    on_item: Callable[[ItemResult], None] | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> EvalReport:
    results: list[ItemResult] = []
    for item in items:
        result = grade_item(grader, item, clock)
        results.append(result)
        if on_item:
            on_item(result)
    return EvalReport(results, model=model)


@dataclass(frozen=True)
class GradingLatency:
    """Grading speed on a few labelled answers, for `interbot bench`."""

    n: int
    verdict_mean_s: float
    verdict_p95_s: float
    full_mean_s: float
    full_p95_s: float
    model: str = ""
    items: list[ItemResult] = field(default_factory=list)
    prepared: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "prepared": self.prepared,
            "verdict_mean_s": round(self.verdict_mean_s, 3),
            "verdict_p95_s": round(self.verdict_p95_s, 3),
            "full_mean_s": round(self.full_mean_s, 3),
            "full_p95_s": round(self.full_p95_s, 3),
            "model": self.model,
            "items": [
                {
                    "id": i.id,
                    "verdict": i.verdict,
                    "latency_s": round(i.latency_s, 3),
                    "total_s": round(i.total_s, 3),
                }
                for i in self.items
            ],
        }

    def summary(self) -> str:
        return (
            f"grading ({self.n} answers): verdict mean {self.verdict_mean_s:.2f} s, "
            f"p95 {self.verdict_p95_s:.2f} s; with feedback mean {self.full_mean_s:.2f} s, "
            f"p95 {self.full_p95_s:.2f} s"
        )


def pick_spread(items: Sequence[LabelledAnswer], n: int) -> list[LabelledAnswer]:
    """Up to n items, taking labels and kinds in turn so short and long answers both appear."""
    groups: dict[tuple[str, str], list[LabelledAnswer]] = {}
    for item in items:
        groups.setdefault((str(item.kind), str(item.label)), []).append(item)
    picked: list[LabelledAnswer] = []
    while len(picked) < n and any(groups.values()):
        for key in sorted(groups):
            if groups[key] and len(picked) < n:
                picked.append(groups[key].pop(0))
    return picked


def grading_latency(
    grader: Grader,
    items: Sequence[LabelledAnswer],
    *,
    n: int = 6,
    model: str = "",
    clock: Callable[[], float] = time.perf_counter,
    prepare: bool = True,
) -> GradingLatency:
    """Grade `n` of the items (spread over labels and kinds) and time each verdict and grade.

    From bench: `grading_latency(LLMGrader(model), load_items(shared / "data" /
    "grading_dev.jsonl"), model=model.name)`; `LLMGrader(model, model_feedback=True)` also
    times the model writing the feedback; `prepare=False` times a cold start (the rubric and
    question evaluated inside the timed grade, as when nothing warmed them).
    """
    chosen = pick_spread(items, n)
    if not chosen:
        raise ValueError("no labelled answers to time")
    results = [grade_item(grader, item, clock, prepare=prepare) for item in chosen]
    verdict = [r.latency_s for r in results]
    full = [r.total_s for r in results]
    return GradingLatency(
        n=len(results),
        verdict_mean_s=mean(verdict),
        verdict_p95_s=percentile(verdict, 95),
        full_mean_s=mean(full),
        full_p95_s=percentile(full, 95),
        model=model,
        items=results,
        prepared=prepare,
    )
