"""The sample files in examples/ parse the way the README says."""

from __future__ import annotations

import csv
import re
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_the_prepared_answers_are_ten_first_person_pairs() -> None:
    with (EXAMPLES / "qa.csv").open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        rows = list(reader)
    assert reader.fieldnames == ["question", "answer"]
    assert len(rows) == 10
    assert len({row["question"] for row in rows}) == 10
    for row in rows:
        assert row["question"].strip() and "," in row["answer"]  # quoted, not split
        assert re.search(r"\b(?:I|I'm|I've|my)\b", row["answer"])  # said as the candidate
    said = {row["question"]: row["answer"] for row in rows}
    assert "6 hours to 40 seconds" in said["What is your greatest strength?"]
    assert "Freightline" in said["Tell me about yourself"]
