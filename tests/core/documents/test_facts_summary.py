"""What was read, shown back to the user: short lines, long lists cut with "…"."""

from __future__ import annotations

from pathlib import Path

from interbot_tui.core.documents.facts import (
    SUMMARY_WIDTH,
    Claim,
    Grounding,
    JobFacts,
    Requirement,
    ResumeFacts,
)
from interbot_tui.core.documents.job import parse_job
from interbot_tui.core.documents.resume import parse_resume

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _examples() -> Grounding:
    resume = parse_resume((EXAMPLES / "resume.md").read_text(encoding="utf-8"))
    job = parse_job((EXAMPLES / "job.md").read_text(encoding="utf-8"))
    return Grounding(
        resume, job, notes=("job.md is long: only its first 60,000 characters were read",)
    )


def test_the_examples_summary() -> None:
    lines = _examples().summary_lines()
    assert lines[0] == "Resume: Maya Okafor · 3 roles (latest: Senior Data Engineer, Freightline)"
    assert lines[1].startswith("29 skills: Data quality, Kafka Streams, Kafka, ")
    assert lines[1].endswith(", …")
    assert lines[2] == "13 achievements, 8 with figures"
    assert (
        lines[3] == "Job: Senior Data Engineer, Streaming Platform · 7 must-haves · 4 nice-to-haves"
    )
    assert lines[4] == "Must-have skills: Python, SQL, Kafka, Airflow, Apache Iceberg, Terraform"
    assert lines[5] == "Nice to have: Flink, Spark, dbt, Kubernetes"
    assert lines[6] == "Not on your resume: Apache Iceberg, Terraform"
    assert lines[7].startswith("job.md is long")
    assert all(len(line) <= SUMMARY_WIDTH for line in lines)


def test_long_names_and_lists_stay_within_the_width() -> None:
    resume = ResumeFacts(
        name="A" * 150,
        roles=("Engineer, Acme (2020)",),
        skills=tuple(f"Skill{n}" for n in range(80)),
        claims=(Claim("Cut costs by 10%", has_figure=True),),
    )
    lines = resume.summary_lines()
    assert all(len(line) <= SUMMARY_WIDTH for line in lines)
    assert lines[0].endswith("…")
    assert lines[2] == "1 achievement, 1 with figures"


def test_a_list_whose_first_item_is_too_long_still_says_there_is_one() -> None:
    job = JobFacts(title="X", must_haves=(Requirement("r", ("S" * 120,)),))
    assert job.summary_lines()[1] == "Must-have skills: …"


def test_empty_facts_say_nothing_was_recognised() -> None:
    assert ResumeFacts().summary_lines() == [
        "Resume: no name found",
        "No roles, skills or achievements recognised",
    ]
    assert JobFacts().summary_lines() == ["Job: no title found · 0 must-haves"]
    assert Grounding().summary_lines() == []
