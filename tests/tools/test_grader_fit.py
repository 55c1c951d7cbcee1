"""Fitting the score model: synthetic probe features with a known answer, save and load."""

from __future__ import annotations

import json
import random
import stat
from pathlib import Path

import pytest

from interbot_tui.core.grading.grade import Verdict
from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.grading.score_model import DEFAULT_MODEL, ScoreModel
from interbot_tui.core.profile import Difficulty
from interbot_tui.core.questions.question import Kind
from interbot_tui.session.calibration import calibration_path, load_calibration, save_calibration
from interbot_tui.tools.grader_fit import (
    Probed,
    check,
    fit_score_model,
    leave_one_question_out,
    probe_items,
)
from interbot_tui.tools.labelled_answers import LabelledAnswer
from tests.fakes.llm import FakeChatModel

SCORES = {Verdict.CORRECT: 9, Verdict.PARTIAL: 5, Verdict.INCORRECT: 2}


def item(n: int, label: Verdict) -> LabelledAnswer:
    return LabelledAnswer(
        id=f"i{n}",
        kind=Kind.TECHNICAL,
        role="Engineer",
        difficulty=Difficulty.MEDIUM,
        question=f"Question {n // 3}?",
        key_points=("a point", "another point"),
        answer="an answer",
        label=label,
        score=SCORES[label],
    )


def rows(n: int = 60, seed: int = 1) -> list[Probed]:
    """Answers whose model judgements separate incorrect from the rest, and whose depth and
    wording separate correct from partial, with noise."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        label = (Verdict.CORRECT, Verdict.PARTIAL, Verdict.INCORRECT)[i % 3]
        credit = label is not Verdict.INCORRECT
        full = label is Verdict.CORRECT
        features = {
            "reaction": 5 + 3 * credit + rng.gauss(0, 0.8),
            "points": 2.5 + 1.5 * credit + rng.gauss(0, 0.5),
            "reaction_gain": 1 + 2 * credit + rng.gauss(0, 0.6),
            "points_gain": 0.2 + 1.0 * credit + rng.gauss(0, 0.3),
            "lexical": 0.15 + 0.3 * full + rng.gauss(0, 0.08),
            "depth": 3.7 + 1.0 * full + rng.gauss(0, 0.3),
        }
        out.append(Probed(item(i, label), features))
    return out


def test_the_fit_recovers_a_separable_pattern_out_of_sample() -> None:
    data = rows()
    model = fit_score_model(data)
    assert check(model, data).accuracy >= 0.9
    held_out = leave_one_question_out(data)
    assert held_out.n == len(data) and held_out.accuracy >= 0.85
    assert held_out.spearman is not None and held_out.spearman > 0.8
    # the first step reads only the model's judgements, the second adds wording and depth
    assert set(model.any_credit.weights) == {"reaction", "points", "reaction_gain", "points_gain"}
    assert model.full_credit.weights["depth"] > 0 and model.full_credit.weights["lexical"] > 0


def test_labels_must_cover_all_three_verdicts() -> None:
    only_two = [r for r in rows() if r.item.label is not Verdict.PARTIAL]
    with pytest.raises(ValueError, match="correct, partial and incorrect"):
        fit_score_model(only_two)


def test_a_saved_calibration_loads_back_private(tmp_path: Path) -> None:
    model = fit_score_model(rows())
    path = calibration_path(tmp_path, "my model/v2.gguf")
    assert path.parent == tmp_path / "grader" and "/" not in path.name
    save_calibration(path, model, {"n": 60})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_calibration(tmp_path, "my model/v2.gguf") == model
    assert load_calibration(tmp_path, "another model") is None


def test_a_broken_calibration_names_the_file_and_the_fix(tmp_path: Path) -> None:
    path = calibration_path(tmp_path, "m")
    path.parent.mkdir()
    path.write_text(json.dumps({"any_credit": {"scale": {}, "weights": {}}}))
    with pytest.raises(ValueError, match="fit-grader"):
        load_calibration(tmp_path, "m")
    bad_feature = DEFAULT_MODEL.to_dict()
    bad_feature["full_credit"]["weights"]["shoe_size"] = 1.0
    with pytest.raises(ValueError, match="not a grader calibration"):
        ScoreModel.from_dict(bad_feature)


def test_probe_items_runs_the_grader_probes_on_each_answer() -> None:
    def judge(messages: list[dict[str, str]], choices: list[str], prefix: str) -> list[float]:
        return [1.0 / len(choices)] * len(choices)

    grader = LLMGrader(FakeChatModel(judge=judge))  # type: ignore[arg-type]
    seen: list[int] = []
    probed = probe_items(grader, [item(0, Verdict.CORRECT)], on_item=lambda n, _: seen.append(n))
    assert seen == [1] and set(probed[0].features) >= {"reaction_gain", "points_gain", "depth"}
