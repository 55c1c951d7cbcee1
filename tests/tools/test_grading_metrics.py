from __future__ import annotations

import pytest

from interbot_tui.tools.grading_metrics import (
    accuracy,
    confusion,
    mean,
    percentile,
    ranks,
    render_confusion,
    spearman,
)


def test_ranks_average_ties() -> None:
    assert ranks([10, 20, 20, 5]) == [2.0, 3.5, 3.5, 1.0]


def test_spearman_perfect_inverse_and_undefined() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert spearman([1, 1, 1], [1, 2, 3]) is None  # no spread
    assert spearman([1], [1]) is None


def test_spearman_matches_scipy_on_ties() -> None:
    # scipy.stats.spearmanr([1, 2, 2, 3, 5], [2, 1, 4, 4, 9]).correlation
    assert spearman([1, 2, 2, 3, 5], [2, 1, 4, 4, 9]) == pytest.approx(0.7631578947368421)


def test_spearman_length_mismatch() -> None:
    with pytest.raises(ValueError):
        spearman([1, 2], [1])


def test_percentile_like_numpy() -> None:
    values = [0.5, 1.0, 1.5, 2.0, 10.0]
    assert percentile(values, 50) == 1.5
    assert percentile(values, 95) == pytest.approx(8.4)
    assert percentile([3.0], 95) == 3.0
    with pytest.raises(ValueError):
        percentile([], 95)
    assert mean([1.0, 2.0]) == 1.5


def test_confusion_and_accuracy() -> None:
    labels = ["correct", "partial", "incorrect", "partial"]
    graded = ["correct", "incorrect", "incorrect", ""]
    table = confusion(labels, graded)
    assert table["partial"] == {"correct": 0, "partial": 0, "incorrect": 1, "ungraded": 1}
    assert table["correct"]["correct"] == 1
    assert accuracy(labels, graded) == 0.5
    text = render_confusion(table)
    assert "ungraded" in text and text.splitlines()[0].startswith("label")
