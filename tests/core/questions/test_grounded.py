"""Grounded questions: about the resume's claims, the job's must-haves and the gaps between."""

from __future__ import annotations

import random
from pathlib import Path

from interbot_tui.core.documents.facts import (
    Claim,
    Grounding,
    JobFacts,
    Requirement,
    ResumeFacts,
)
from interbot_tui.core.profile import Difficulty, InterviewType, Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.grounded import (
    claim_question,
    company,
    gap_question,
    grounded_plan,
    grounded_questions,
    must_have_question,
)
from interbot_tui.core.questions.question import Kind, Question, Source
from interbot_tui.core.questions.selection import slot_kinds

CLAIM = Claim(
    "Cut tracking latency from 6 hours to 40 seconds by moving the batch jobs to Kafka Streams",
    role="Senior Data Engineer — Acme Logistics (2021–2024)",
    skills=("Kafka",),
    has_figure=True,
)
RESUME = ResumeFacts(
    name="Ada Example",
    roles=("Senior Data Engineer — Acme Logistics (2021–2024)",),
    skills=("Python", "Kafka", "SQL"),
    claims=(
        CLAIM,
        Claim("Mentored four junior engineers through their first on-call rotations"),
        Claim("Built the team's data quality checks", skills=("SQL",)),
    ),
)
JOB = JobFacts(
    title="Data engineer",
    must_haves=(
        Requirement("3+ years of Python and SQL", ("Python", "SQL")),
        Requirement("Streaming with Kafka", ("Kafka",)),
        Requirement("Lakehouse tables with Apache Iceberg", ("Apache Iceberg",)),
    ),
)
KAFKA_BANK = Question(
    id="backend-kafka",
    text="How do Kafka consumer groups share the partitions of a topic?",
    kind=Kind.TECHNICAL,
    difficulty=Difficulty.MEDIUM,
    key_points=("Each partition is read by one consumer of the group",),
    hint="Think about partitions.",
    model_answer="Each partition goes to one consumer in the group.",
    terms=("Kafka", "consumer group"),
)
BANKS = [
    Bank(
        "backend",
        "Backend",
        Kind.TECHNICAL,
        ("backend", "data engineer"),
        (KAFKA_BANK,),
        Path("backend.toml"),
    )
]


def test_company_is_read_from_the_usual_role_lines() -> None:
    assert company("Senior Data Engineer — Acme Logistics (2021–2024)") == "Acme Logistics"
    assert company("Data Engineer, Acme, Jan 2019 - Present") == "Acme"
    assert company("Backend developer at Initech") == "Initech"
    assert company("Freelance") == ""


def test_a_claim_is_asked_back_in_the_second_person_with_its_company() -> None:
    q = claim_question(CLAIM, Difficulty.MEDIUM)
    assert q.text == (
        "At Acme Logistics you cut tracking latency from 6 hours to 40 seconds by moving the "
        "batch jobs to Kafka Streams. Walk me through how you did that."
    )
    assert q.kind is Kind.BEHAVIOURAL and q.source is Source.GROUNDED
    assert q.extra["grounded"] == "claim"
    assert any("Kafka" in point for point in q.key_points)
    assert any("measured" in point for point in q.key_points)  # it states a figure
    # The model answer restates the claim in the first person, inventing nothing else.
    assert "I cut tracking latency from 6 hours to 40 seconds" in q.model_answer


def test_a_claim_that_is_no_verb_phrase_is_quoted() -> None:
    q = claim_question(Claim("Responsible for the billing pipeline"), Difficulty.EASY)
    assert q.text == 'Your resume says: "Responsible for the billing pipeline". Walk me through it.'


def test_the_same_claim_always_gets_the_same_id() -> None:
    assert claim_question(CLAIM, Difficulty.EASY).id == claim_question(CLAIM, Difficulty.HARD).id
    assert (
        gap_question("Terraform", (), Difficulty.EASY).id
        != gap_question("Apache Iceberg", (), Difficulty.EASY).id
    )


def test_a_gap_question_names_the_gap_and_the_related_experience() -> None:
    q = gap_question("Apache Iceberg", ("Kafka", "SQL"), Difficulty.MEDIUM)
    assert "Apache Iceberg, which isn't on your resume" in q.text
    assert "(your Kafka, SQL?)" in q.hint and "your work with Kafka, SQL" in q.model_answer
    assert any("honest" in point.lower() for point in q.key_points)
    assert q.extra == {"grounded": "gap", "skill": "Apache Iceberg"}


def test_a_must_have_uses_the_banks_question_about_it_when_there_is_one() -> None:
    questions = grounded_questions(
        Grounding(RESUME, JOB), BANKS, Difficulty.MEDIUM, random.Random(1)
    )
    kafka = [q for q in questions if q.extra.get("skill") == "Kafka"]
    assert [q.id for q in kafka] == ["backend-kafka"]
    assert kafka[0].extra["grounded"] == "must_have"
    python = [q for q in questions if q.extra.get("skill") == "Python"]
    assert python and python[0].text.startswith("This role needs Python.")


def test_grounded_questions_interleave_gap_claim_and_must_have() -> None:
    questions = grounded_questions(
        Grounding(RESUME, JOB), BANKS, Difficulty.MEDIUM, random.Random(1)
    )
    kinds = [q.extra["grounded"] for q in questions[:3]]
    assert kinds == ["gap", "claim", "must_have"]
    assert questions[1].extra["claim"].startswith("Cut tracking latency")  # figures first


def test_without_a_resume_there_are_no_gaps_or_claims() -> None:
    questions = grounded_questions(Grounding(None, JOB), BANKS, Difficulty.MEDIUM, random.Random(1))
    assert {q.extra["grounded"] for q in questions} == {"must_have"}
    assert [q.id for q in questions] == ["backend-kafka"]  # no resume: only the bank's own


def test_the_plan_grounds_about_half_the_topic_slots_and_keeps_the_warm_ups() -> None:
    profile = Profile(role="Data engineer", topic="Python, Kafka", questions=8)
    slots = slot_kinds(profile, BANKS)
    plan = grounded_plan(slots, Grounding(RESUME, JOB), BANKS, profile, random.Random(3))
    assert len(plan) == len(slots)
    assert plan[0] is Kind.WARMUP
    grounded = [s for s in plan if isinstance(s, Question)]
    topic = [s for s in slots if s is not Kind.WARMUP]
    assert len(grounded) == (len(topic) + 1) // 2
    # Bank and grounded questions alternate after the warm-up.
    first_topic = slots.index(topic[0])
    assert isinstance(plan[first_topic], Question)
    assert not isinstance(plan[first_topic + 1], Question)


def test_a_behavioural_interview_grounds_only_in_claims() -> None:
    profile = Profile(role="Data engineer", interview_type=InterviewType.BEHAVIOURAL, questions=6)
    plan = grounded_plan(
        slot_kinds(profile, BANKS), Grounding(RESUME, JOB), BANKS, profile, random.Random(0)
    )
    grounded = [s for s in plan if isinstance(s, Question)]
    assert grounded and all(q.extra["grounded"] == "claim" for q in grounded)


def test_nothing_to_ground_in_leaves_the_plan_alone() -> None:
    profile = Profile(questions=5)
    slots = slot_kinds(profile, BANKS)
    assert grounded_plan(slots, Grounding(), BANKS, profile, random.Random(0)) == slots


def test_must_have_question_names_the_company() -> None:
    q = must_have_question("SQL", "Data Engineer, Acme, 2019 - 2021", Difficulty.MEDIUM)
    assert q.text == (
        "This role needs SQL. Your resume lists it at Acme. Tell me about the hardest problem "
        "you solved with SQL."
    )


def test_related_skills_are_of_the_same_field_and_the_jobs_first() -> None:
    from interbot_tui.core.questions.grounded import related_skills

    resume = ResumeFacts(skills=("Docker", "Python", "Grafana", "Kubernetes"))
    assert related_skills("Terraform", resume, ["Kubernetes"])[:2] == ["Kubernetes", "Docker"]
    assert "Python" not in related_skills("Terraform", resume)
    assert related_skills("Terraform", None) == []
