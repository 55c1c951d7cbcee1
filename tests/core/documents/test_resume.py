"""Reading a resume: on the sample in examples/ and on the shapes real resumes come in."""

from __future__ import annotations

from pathlib import Path

from interbot_tui.core.documents.facts import ResumeFacts
from interbot_tui.core.documents.resume import parse_resume

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "resume.md"


def _example() -> ResumeFacts:
    return parse_resume(EXAMPLE.read_text(encoding="utf-8"))


def test_the_example_gives_name_and_roles_newest_first() -> None:
    resume = _example()
    assert resume.name == "Maya Okafor"
    assert resume.roles == (
        "Senior Data Engineer, Freightline (2021–present)",
        "Data Engineer, Brightcart (Jan 2018 – Mar 2021)",
        "Junior BI Developer, Northwind Analytics (2016–2017)",
    )


def test_the_example_skills_are_canonical_and_in_order_of_mention() -> None:
    skills = _example().skills
    for skill in ("Python", "SQL", "Kafka", "Kafka Streams", "Airflow", "PostgreSQL", "AWS"):
        assert skill in skills
    assert skills.index("Kafka Streams") < skills.index("Python")  # the first bullet names it
    assert "Apache Iceberg" not in skills and "Terraform" not in skills
    assert len(skills) == len(set(skills))


def test_the_example_claims_are_its_experience_bullets_figures_first() -> None:
    claims = _example().claims
    assert claims[0].text == (
        "Cut tracking latency from 6 hours to 40 seconds by moving the batch jobs to Kafka Streams."
    )
    assert claims[0].role == "Senior Data Engineer, Freightline (2021–present)"
    assert claims[0].skills == ("Kafka Streams", "Kafka")
    assert claims[0].has_figure
    flags = [c.has_figure for c in claims]
    assert flags == sorted(flags, reverse=True)  # all with figures before all without
    assert len(claims) == 13  # the 13 bullets; the skills list, summary and education are none
    wrapped = next(c for c in claims if c.text.startswith("Designed the shipment event model"))
    assert wrapped.text.endswith("used by 14 teams and 4 million events a day.")  # joined
    migrated = next(c for c in claims if c.text.startswith("Migrated the reporting database"))
    assert (migrated.role, migrated.has_figure) == (
        "Junior BI Developer, Northwind Analytics (2016–2017)",
        False,
    )


PLAIN_TEXT = """JOHN SMITH
john.smith@example.com | +1 555 0100 | Austin, TX

PROFESSIONAL EXPERIENCE
Senior Backend Engineer, Initech, Jan 2019 - Present
• Reduced p99 latency by 45% by adding Redis caching in front of
  PostgreSQL for the orders service
• Built a billing service in Go handling 2M requests a day
Software Engineer | Globex | 2016 – 2018
• Migrated the monolith to microservices on Kubernetes
• Responsible for the on-call rotation

EDUCATION
BSc Computer Science, State University, 2012 - 2016
"""


def test_a_pdf_style_resume_with_capital_headings_and_wrapped_bullets() -> None:
    resume = parse_resume(PLAIN_TEXT)
    assert resume.name == "John Smith"
    assert resume.roles == (
        "Senior Backend Engineer, Initech (Jan 2019 - Present)",
        "Software Engineer, Globex (2016 – 2018)",
    )
    assert [c.text for c in resume.claims] == [
        "Reduced p99 latency by 45% by adding Redis caching in front of PostgreSQL for the "
        "orders service",
        "Built a billing service in Go handling 2M requests a day",
        "Migrated the monolith to microservices on Kubernetes",
    ]
    assert resume.claims[1].skills == ("Go",)
    assert resume.claims[2].role == "Software Engineer, Globex (2016 – 2018)"


def test_a_position_split_over_two_or_three_lines_and_a_name_label() -> None:
    resume = parse_resume(
        """Curriculum Vitae
Name: Ada Lovelace
Email: ada@example.com

## Experience
### Acme Corp
Staff Engineer · 2020 – Present
- Led the design of the event platform used by 30 teams
### Initech
Data Engineer
2017 - 2020
- Wrote the first Airflow DAGs for the finance reports
"""
    )
    assert resume.name == "Ada Lovelace"
    assert resume.roles == (
        "Staff Engineer, Acme Corp (2020 – Present)",
        "Data Engineer, Initech (2017 - 2020)",
    )
    assert [c.role for c in resume.claims] == list(resume.roles)


def test_without_an_experience_heading_lines_with_a_title_and_dates_are_positions() -> None:
    resume = parse_resume(
        """Senior Data Engineer
Grace Hopper
Skills: Python, SQL, Kafka

Lead Data Engineer at Umbrella (2019-2023)
I designed the streaming ingestion for 12 hospitals. Our team shipped it in 5 months.
Built dashboards in Tableau for the ward managers.
"""
    )
    assert resume.name == "Grace Hopper"  # not the title above it
    assert resume.roles == ("Lead Data Engineer, Umbrella (2019-2023)",)
    assert [(c.text, c.has_figure) for c in resume.claims] == [
        ("I designed the streaming ingestion for 12 hospitals.", True),
        ("Built dashboards in Tableau for the ward managers.", False),
    ]
    assert resume.skills == ("Python", "SQL", "Kafka", "Tableau")


def test_company_first_and_title_second_is_written_title_first() -> None:
    resume = parse_resume("## Experience\nAcme Corp — Principal Engineer — 2015 to 2019\n")
    assert resume.roles == ("Principal Engineer, Acme Corp (2015 to 2019)",)


def test_at_most_eight_roles_and_twenty_claims_figures_first() -> None:
    lines = ["## Experience"]
    for year in range(2000, 2012):
        lines.append(f"### Engineer — Company {chr(year - 1935)} ({year}–{year + 1})")
        lines += [f"- Shipped feature number {n} for the {year} billing team" for n in range(2)]
        lines.append(f"- Improved the release process for the {year} team")
    resume = parse_resume("\n".join(lines))
    assert len(resume.roles) == 8
    assert resume.roles[0] == "Engineer, Company A (2000–2001)"
    assert len(resume.claims) == 20
    assert all(c.has_figure for c in resume.claims)  # 24 with figures outrank the 12 without
    assert resume.claims[0].text == "Shipped feature number 0 for the 2000 billing team"


def test_claims_are_clipped_and_too_short_lines_are_no_claims() -> None:
    long = "Built the platform. " + "Scaled the ingestion tier for every region we serve. " * 8
    resume = parse_resume(f"## Experience\n### Engineer, Acme (2020)\n- {long}\n- Built it.\n")
    assert len(resume.claims) == 1
    assert len(resume.claims[0].text) <= 300
    assert resume.claims[0].text.startswith("Built the platform. Scaled")
    assert resume.claims[0].text.endswith(".")  # whole sentences kept


def test_achievements_need_an_action_verb() -> None:
    resume = parse_resume(
        """## Experience
### Data Engineer, Acme (2020–2022)
- Responsible for the data platform and its users
- Team of five engineers in two countries
- Automated the monthly close, saving the finance team 3 days
- Leading the migration of 40 pipelines to Airflow
"""
    )
    assert [c.text for c in resume.claims] == [
        "Automated the monthly close, saving the finance team 3 days",
        "Leading the migration of 40 pipelines to Airflow",
    ]


def test_a_section_after_experience_ends_it() -> None:
    resume = parse_resume(
        """## Experience
### Data Engineer, Acme (2020–2022)
- Built the ingestion service for all partner feeds
## Projects
### Side project (2023)
- Built a chess engine in Rust over a summer
"""
    )
    assert resume.roles == ("Data Engineer, Acme (2020–2022)",)
    assert [c.text for c in resume.claims] == ["Built the ingestion service for all partner feeds"]
    assert "Rust" in resume.skills  # skills come from the whole text


def test_an_empty_or_unstructured_text_gives_empty_facts() -> None:
    assert parse_resume("") == ResumeFacts()
    facts = parse_resume("just some words about nothing in particular")
    assert (facts.name, facts.roles, facts.claims) == ("", (), ())


def test_names_are_not_taken_from_contact_or_heading_lines() -> None:
    assert parse_resume("Resume\nada@example.com\nExperience\n").name == ""
    assert parse_resume("Jean-Luc van der Berg | Berlin | jl@example.com").name == (
        "Jean-Luc van der Berg"
    )
