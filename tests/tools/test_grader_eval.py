"""`interbot eval-grader` and the grading-latency figures for bench, with scripted graders."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from interbot_tui.cli import main
from interbot_tui.core.grading.grade import Grade, Verdict
from interbot_tui.core.ports import TextSink
from interbot_tui.core.questions.question import Question
from interbot_tui.tools.grader_eval import evaluate, grading_latency, load_items
from interbot_tui.tools.labelled_answers import LabelledItemError
from tests.conftest import SHARED
from tests.fakes.llm import FakeChatModel, grade


def item(n: int, label: str, score: int, kind: str = "technical") -> dict[str, object]:
    return {
        "id": f"i-{n}",
        "kind": kind,
        "role": "Backend",
        "difficulty": "easy",
        "question": f"Question {n}?",
        "key_points": ["point one", "point two"],
        "answer": f"answer {n}",
        "label": label,
        "score": score,
    }


ITEMS = [item(1, "correct", 9), item(2, "partial", 5), item(3, "incorrect", 2, "behavioural")]


def write(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


class ScriptedGrader:
    """Grades from a list and reports a verdict time like LLMGrader."""

    def __init__(self, grades: list[Grade]) -> None:
        self.grades = iter(grades)
        self.prepared: list[str] = []
        self.last_timing: object = None

    def prepare(self, question: Question) -> None:
        self.prepared.append(question.id)

    def grade(
        self,
        question: Question,
        answer: str,
        *,
        on_feedback: TextSink | None = None,
        retry_follows: bool = False,
    ) -> Grade:
        from interbot_tui.core.grading.probe_grader import GradeTiming

        self.last_timing = GradeTiming(0.5, 2.0)
        return next(self.grades)


def ticks() -> Iterator[float]:
    t = 0.0
    while True:
        yield t
        t += 2.0


def test_evaluate_reports_accuracy_spearman_confusion_and_latency(tmp_path: Path) -> None:
    items = load_items(write(tmp_path, ITEMS))
    grader = ScriptedGrader(
        [Grade(Verdict.CORRECT, 9), Grade(Verdict.INCORRECT, 3), Grade.unavailable("boom")]
    )
    clock = ticks()
    report = evaluate(grader, items, model="fake", clock=lambda: next(clock))
    data = report.to_dict()
    assert grader.prepared == ["i-1", "i-2", "i-3"]
    assert data["n"] == 3 and data["verdict_accuracy"] == pytest.approx(1 / 3, abs=1e-3)
    assert data["spearman"] == pytest.approx(1.0)  # two scored items, same order
    assert data["latency_mean_s"] == 0.5 and data["full_grade_mean_s"] == 2.0
    assert data["confusion"]["partial"]["incorrect"] == 1
    assert data["confusion"]["incorrect"]["ungraded"] == 1
    first = data["per_item"][0]
    assert set(first) >= {"id", "label", "verdict", "score", "latency_s"}
    text = report.render()
    assert "Verdict accuracy  0.333" in text and "i-2: labelled partial" in text


def test_grading_latency_for_bench_spreads_over_labels(tmp_path: Path) -> None:
    items = load_items(write(tmp_path, ITEMS))
    grader = ScriptedGrader([Grade(Verdict.CORRECT, 9)] * 3)
    clock = ticks()
    result = grading_latency(grader, items, n=2, clock=lambda: next(clock))
    data = result.to_dict()
    assert data["n"] == 2 and data["verdict_mean_s"] == 0.5
    assert {i["id"] for i in data["items"]} <= {"i-1", "i-2", "i-3"}
    assert "verdict mean 0.50 s" in result.summary()


def test_load_items_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, ITEMS)
    path.write_text(path.read_text() + '{"id": "x"\n')
    with pytest.raises(LabelledItemError, match=r"items.jsonl: line 4: not valid JSON"):
        load_items(path)
    with pytest.raises(LabelledItemError, match="no such file"):
        load_items(tmp_path / "nope.jsonl")


def test_cli_bad_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, [{**ITEMS[0], "label": "meh"}])
    assert main(["eval-grader", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "line 1: label 'meh'" in err


def test_cli_json_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeChatModel(default_grade=grade("partial", 5, "Mention point two."))
    monkeypatch.setattr(
        "interbot_tui.backends.llm.factory.load_chat_model", lambda spec, models_dir: fake
    )
    assert main(["eval-grader", str(write(tmp_path, ITEMS)), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n"] == 3 and [i["verdict"] for i in data["per_item"]] == ["partial"] * 3
    for key in ("verdict_accuracy", "spearman", "latency_mean_s", "latency_p95_s", "per_item"):
        assert key in data


@pytest.mark.skipif(
    not (SHARED / "data" / "grading_dev.jsonl").is_file(), reason="shared dev file absent"
)
def test_the_shared_dev_file_parses() -> None:
    items = load_items(SHARED / "data" / "grading_dev.jsonl")
    assert len(items) >= 40 and {str(i.label) for i in items} == {"correct", "partial", "incorrect"}


def test_grading_latency_cold_skips_prepare(tmp_path: Path) -> None:
    items = load_items(write(tmp_path, ITEMS))
    grader = ScriptedGrader([Grade(Verdict.CORRECT, 9)] * 3)
    clock = ticks()
    result = grading_latency(grader, items, n=3, prepare=False, clock=lambda: next(clock))
    assert grader.prepared == [] and result.to_dict()["prepared"] is False


def test_recall_per_label_by_kind_and_spearman_with_human_scores(tmp_path: Path) -> None:
    rows = [
        {**item(1, "correct", 9), "human_score": 5.0},
        {**item(2, "correct", 8), "human_score": 4.5},
        {**item(3, "partial", 5, "behavioural"), "human_score": 3.0},
        {**item(4, "incorrect", 2, "behavioural"), "human_score": 1.0},
    ]
    grader = ScriptedGrader(
        [
            Grade(Verdict.CORRECT, 9),
            Grade(Verdict.PARTIAL, 6),  # a correct answer called partial: correct recall 0.5
            Grade(Verdict.PARTIAL, 5),
            Grade(Verdict.PARTIAL, 4),  # incorrect recall 0
        ]
    )
    report = evaluate(grader, load_items(write(tmp_path, rows)))
    data = report.to_dict()
    assert data["recall"] == {"correct": 0.5, "partial": 1.0, "incorrect": 0.0}
    assert data["spearman_human"] == pytest.approx(1.0)  # 9 > 6 > 5 > 4 as 5 > 4.5 > 3 > 1
    assert set(data["by_kind"]) == {"technical", "behavioural"}
    assert data["by_kind"]["behavioural"]["n"] == 2
    assert data["by_kind"]["behavioural"]["recall"] == {"partial": 1.0, "incorrect": 0.0}
    assert data["by_kind"]["technical"]["verdict_accuracy"] == 0.5
    assert data["per_item"][0]["human_score"] == 5.0
    text = report.render()
    assert "Recall            correct 0.50 / partial 1.00 / incorrect 0.00" in text
    assert "Spearman (human)  1.000" in text and "behavioural  n=2" in text


def test_no_human_scores_means_no_human_spearman(tmp_path: Path) -> None:
    report = evaluate(
        ScriptedGrader([Grade(Verdict.CORRECT, 9)] * 3), load_items(write(tmp_path, ITEMS))
    )
    assert report.to_dict()["spearman_human"] is None
    assert "Spearman (human)" not in report.render()


def test_a_human_score_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LabelledItemError, match="line 1: human_score 'high' is not a number"):
        load_items(write(tmp_path, [{**item(1, "correct", 9), "human_score": "high"}]))


def test_the_shared_mohler_file_parses_with_human_scores() -> None:
    path = SHARED / "data" / "asag_mohler_dev.jsonl"
    if not path.exists():
        pytest.skip("../shared/data is not beside this checkout")
    items = load_items(path)
    assert len(items) == 1065 and all(i.human_score is not None for i in items)
