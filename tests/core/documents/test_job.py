"""Reading a job description: the sample in examples/, headed lists in their common shapes, and an
ad written as prose."""

from __future__ import annotations

from pathlib import Path

from interbot_tui.core.documents.facts import Grounding, JobFacts
from interbot_tui.core.documents.job import parse_job
from interbot_tui.core.documents.resume import parse_resume

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _example() -> JobFacts:
    return parse_job((EXAMPLES / "job.md").read_text(encoding="utf-8"))


def test_the_example_title_and_lists() -> None:
    job = _example()
    assert job.title == "Senior Data Engineer, Streaming Platform"
    assert len(job.must_haves) == 7
    assert (
        job.must_haves[0].text
        == "5+ years of experience building production data pipelines in Python."
    )
    assert job.must_have_skills == (
        "Python",
        "SQL",
        "Kafka",
        "Airflow",
        "Apache Iceberg",
        "Terraform",
    )
    assert [r.skills for r in job.nice_to_haves] == [
        ("Flink", "Spark"),
        ("dbt",),
        ("Kubernetes",),
        (),
    ]


def test_the_example_responsibilities_and_offer_are_not_requirements() -> None:
    texts = [r.text for r in _example().must_haves + _example().nice_to_haves]
    assert not any("lakehouse tables" in t or "salary" in t.lower() for t in texts)


def test_the_examples_gaps_are_the_two_must_haves_missing_from_the_resume() -> None:
    resume = parse_resume((EXAMPLES / "resume.md").read_text(encoding="utf-8"))
    assert Grounding(resume, _example()).gaps() == ("Apache Iceberg", "Terraform")


def test_colon_and_capital_headings_and_a_label_on_one_line() -> None:
    job = parse_job(
        """Job title: Platform Engineer (m/f/d)

RESPONSIBILITIES
- Run our Kubernetes clusters

Requirements:
- 3+ years with Terraform
- Linux, and Go or Python
Experience with Istio is a plus
Nice to have: Helm charts, ArgoCD
"""
    )
    assert job.title == "Platform Engineer"
    assert [r.text for r in job.must_haves] == [
        "3+ years with Terraform",
        "Linux, and Go or Python",
    ]
    assert job.must_haves[1].skills == ("Linux", "Go", "Python")
    assert [r.skills for r in job.nice_to_haves] == [("Istio",), ("Helm", "Argo CD")]


def test_preferred_qualifications_are_nice_and_minimum_ones_must() -> None:
    job = parse_job(
        """## Minimum qualifications
- Bachelor's degree in Computer Science or equivalent experience
- Experience with Java or C++
## Preferred qualifications
- Experience with distributed systems
## About the team
- We use Spark every day
"""
    )
    assert [r.text for r in job.must_haves] == [
        "Bachelor's degree in Computer Science or equivalent experience",
        "Experience with Java or C++",
    ]
    assert [r.skills for r in job.nice_to_haves] == [("Distributed systems",)]
    assert "Spark" not in job.must_have_skills


def test_a_sub_heading_inside_requirements_keeps_the_list_going() -> None:
    job = parse_job(
        """# Backend Developer
## What you bring
### Technical
- Strong Django and PostgreSQL
### Personal
- You explain trade-offs clearly
## Benefits
- Strong coffee
"""
    )
    assert [r.text for r in job.must_haves] == [
        "Strong Django and PostgreSQL",
        "You explain trade-offs clearly",
    ]


def test_lead_ins_are_skipped_and_paragraphs_split_into_sentences() -> None:
    job = parse_job(
        """## You have
If this sounds like you, we'd love to hear from you:
Solid Python. Experience with Airflow or Dagster.
"""
    )
    assert [r.text for r in job.must_haves] == [
        "Solid Python.",
        "Experience with Airflow or Dagster.",
    ]


def test_an_ad_without_headings_gives_requirement_sentences() -> None:
    job = parse_job(
        "We are looking for a senior backend engineer to join our payments team. You have 3+ "
        "years of experience with Go. Strong knowledge of PostgreSQL. Experience with "
        "Kubernetes is a plus. We offer a friendly team and a good salary."
    )
    assert job.title == "Senior backend engineer"
    assert [(r.text, r.skills) for r in job.must_haves] == [
        ("You have 3+ years of experience with Go.", ("Go",)),
        ("Strong knowledge of PostgreSQL.", ("PostgreSQL",)),
    ]
    assert [(r.text, r.skills) for r in job.nice_to_haves] == [
        ("Experience with Kubernetes is a plus.", ("Kubernetes",))
    ]


def test_a_bonus_list_survives_when_requirements_come_as_prose() -> None:
    job = parse_job(
        """# Data Analyst
You have 2+ years of SQL and Tableau.
## Bonus
- dbt
"""
    )
    assert [r.skills for r in job.must_haves] == [("SQL", "Tableau")]
    assert [r.skills for r in job.nice_to_haves] == [("dbt",)]


def test_at_most_fifteen_must_haves_and_each_once() -> None:
    bullets = "\n".join(f"- Requirement number {n}" for n in range(20))
    job = parse_job(f"## Requirements\n- Python\n- python\n{bullets}\n")
    assert len(job.must_haves) == 15
    assert [r.text for r in job.must_haves[:2]] == ["Python", "Requirement number 0"]


def test_an_empty_text_gives_empty_facts() -> None:
    assert parse_job("") == JobFacts()
