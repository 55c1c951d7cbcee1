"""The skill finder: aliases to canonical names, word boundaries, and the ambiguous short names."""

from __future__ import annotations

import pytest

from interbot_tui.core.documents.skill_vocabulary import CATEGORIES
from interbot_tui.core.documents.skills import SKILLS, _parse, canonical, find_skills, mentions


def test_the_vocabulary_is_broad_and_spans_every_field() -> None:
    assert len(SKILLS) >= 250
    by_category = {skill.category for skill in SKILLS.values()}
    assert by_category == set(CATEGORIES)
    for name in ("CI/CD", "Agile", "System design", "A/B testing", "Apache Iceberg", "Terraform"):
        assert name in SKILLS


def test_an_alias_claimed_by_two_skills_is_refused() -> None:
    with pytest.raises(ValueError, match="alias of both"):
        _parse({"x": "Kafka | Streams\nFlink | streams"})


def test_an_implied_skill_must_exist() -> None:
    with pytest.raises(ValueError, match="implies unknown skill"):
        _parse({"x": "EKS | >Kubernetes"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("k8s and Kubernetes", ("Kubernetes",)),
        ("Postgres, psql, PostgreSQL", ("PostgreSQL",)),
        ("JS on the front end", ("JavaScript",)),
        ("Apache Kafka; then Kafka again", ("Kafka",)),
        ("Iceberg tables, Apache Iceberg", ("Apache Iceberg",)),
        ("GCP and Google Cloud Platform", ("Google Cloud",)),
        ("golang", ("Go",)),
        ("sklearn models", ("scikit-learn",)),
        ("Tailwind", ("Tailwind CSS",)),
    ],
)
def test_aliases_give_the_canonical_name(text: str, expected: tuple[str, ...]) -> None:
    assert find_skills(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JavaScript, not Java", ("JavaScript", "Java")),
        ("JavaScript only", ("JavaScript",)),
        ("C++ and C#", ("C++", "C#")),
        ("MySQL and NoSQL", ("MySQL", "NoSQL")),
        ("ASP.NET", ("ASP.NET", ".NET")),
        ("moved to .NET 8", (".NET",)),
        ("Vue.js", ("Vue.js",)),
        ("Objective-C", ("Objective-C",)),
        ("GitHub, not Git", ("GitHub", "Git")),
        ("see github.com/ada or mail ada@kafka.example.com", ()),
    ],
)
def test_one_name_is_not_found_inside_another(text: str, expected: tuple[str, ...]) -> None:
    assert find_skills(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We react quickly to incidents",
        "it sparked a redesign",
        "the tip of the iceberg",
        "a snowflake schema",
        "guard rails for the team",
        "let us go to the next step",
        "a go-to person",
        "Go-to-market plan",
        "R&D budget",
        "John R. Smith",
        "a C-level audience",
        "Plan C is ready",
        "Julia Smith leads the team",
    ],
)
def test_ordinary_words_are_not_skills(text: str) -> None:
    assert find_skills(text) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Languages: Python, Go, SQL", ("Python", "Go", "SQL")),
        ("Built services in Go and Python", ("Go", "Python")),
        ("Go, Rust", ("Go", "Rust")),
        ("Python, R and Julia", ("Python", "R", "Julia")),
        ("statistics in R", ("Statistics", "R")),
        ("C/C++", ("C", "C++")),
        ("C programming", ("C",)),
        ("- Go\n- C", ("Go", "C")),
        ("wrote Go services", ("Go",)),
    ],
)
def test_short_names_count_in_a_tech_context(text: str, expected: tuple[str, ...]) -> None:
    assert find_skills(text) == expected


def test_skills_come_in_order_of_first_mention_each_once() -> None:
    text = "Python, then Kafka, then Python again, then SQL and kafka"
    assert find_skills(text) == ("Python", "Kafka", "SQL")


def test_a_skill_brings_the_ones_it_implies_right_after_it() -> None:
    assert find_skills("Ran it on EKS, with Kafka Streams") == (
        "Amazon EKS",
        "AWS",
        "Kubernetes",
        "Kafka Streams",
        "Kafka",
    )


def test_longest_name_wins_at_a_position() -> None:
    assert find_skills("React Native apps") == ("React Native",)
    assert find_skills("Spring Boot") == ("Spring Boot", "Java")


def test_plurals_and_spelling_variants() -> None:
    assert find_skills("LLMs, A/B tests, microservices") == (
        "LLM",
        "A/B testing",
        "Microservices",
    )
    assert find_skills("machine-learning and event driven design") == (
        "Machine learning",
        "Event-driven architecture",
    )
    assert find_skills("CI / CD") == ("CI/CD",)


def test_case_matters_only_for_ambiguous_names() -> None:
    assert find_skills("POSTGRESQL and kafka") == ("PostgreSQL", "Kafka")
    assert find_skills("react") == ()
    assert find_skills("React") == ("React",)


def test_canonical_resolves_aliases_and_names() -> None:
    assert canonical("k8s") == "Kubernetes"
    assert canonical(" postgres ") == "PostgreSQL"
    assert canonical("apache iceberg") == "Apache Iceberg"
    assert canonical("go") == "Go"
    assert canonical("Cobblestone") is None


def test_mentions_takes_a_name_or_alias() -> None:
    assert mentions("moved the jobs to Kafka Streams", "Kafka")
    assert mentions("we run k8s", "Kubernetes")
    assert mentions("we run Kubernetes", "k8s")
    assert not mentions("we run JavaScript", "Java")
    assert not mentions("Kafka", "Apache Iceberg")


def test_mentions_an_unknown_skill_as_a_whole_word() -> None:
    assert mentions("We use Frobnicator daily", "frobnicator")
    assert not mentions("We use Frobnicators2 daily", "Frobnicator")
    assert not mentions("anything", "  ")
