"""Claims nothing the candidate shared supports: numbers the resume never gives, and "yes" to
experience it does not show; and the honest answer that replaces them."""

from __future__ import annotations

from datetime import date

import pytest

from interbot_tui.core.persona.claims import (
    asked_experience,
    check_answer,
    honest_reply,
    known,
    unsupported_topics,
)
from tests.conftest import REPO

RESUME = (REPO / "examples" / "resume.md").read_text()
TEAM = "Have you managed a team of ten engineers?"


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (TEAM, "I haven't managed a team of ten engineers"),
        ("So, have you ever worked remotely?", "I haven't worked remotely"),
        ("Did you lead the migration yourself?", "I didn't lead the migration myself"),
        ("Do you have experience with Terraform?", "I don't have experience with Terraform"),
        ("Were you on call at Freightline?", "I wasn't on call at Freightline"),
        (
            "Are you comfortable presenting to executives?",
            "I'm not comfortable presenting to executives",
        ),
        ("Tell me about your biggest weakness.", None),
        ("What did you do at Brightcart?", None),
        ("Have you " + "really " * 20 + "done it?", None),
    ],
)
def test_asked_experience(question: str, said: str | None) -> None:
    assert asked_experience(question) == said


def test_the_resumes_numbers_and_year_spans_are_known() -> None:
    shared = known(RESUME, date(2026, 12, 1))
    assert {6.0, 40.0, 14.0, 35.0, 120.0, 3.0, 90.0, 8.0} <= shared.numbers  # "eight years"
    assert 5.0 in shared.numbers  # 2021 to 2026: "five years at Freightline"
    assert 10.0 not in shared.numbers or "ten" in RESUME


@pytest.mark.parametrize(
    "answer",
    [
        "Yes, I managed a team of ten engineers at Freightline.",
        "Yes. At Freightline I ran the data team.",
        "Sure — I've managed people for years.",
        "I managed the whole data team at Freightline.",
    ],
)
def test_yes_to_experience_the_resume_lacks_is_dropped(answer: str) -> None:
    checked = check_answer(answer, TEAM, RESUME)
    assert checked.invents


@pytest.mark.parametrize(
    "answer",
    [
        "I haven't managed a team formally, but I mentored three junior engineers at Freightline.",
        "Not as a manager. I mentored three junior engineers, and two now own pipelines.",
        "I'd love to grow into managing a team of ten engineers.",
        "I led the move of 120 Airflow DAGs to Kubernetes and mentored three engineers.",
    ],
)
def test_honest_or_supported_answers_stand(answer: str) -> None:
    assert not check_answer(answer, TEAM, RESUME).invents


def test_an_invented_number_is_dropped_in_any_answer() -> None:
    question = "Tell me about the warehouse costs at Freightline."
    checked = check_answer(
        "I cut the warehouse bill by 35% with partitioning. That saved us 2 million euros a year.",
        question,
        RESUME,
    )
    assert checked.kept == ("I cut the warehouse bill by 35% with partitioning.",)
    assert checked.dropped == ("That saved us 2 million euros a year.",)


def test_numbers_in_plans_and_others_words_are_not_claims() -> None:
    question = "How would you onboard onto our stack?"
    answer = "I would spend two weeks pairing with the team. The first 30 days matter most."
    assert not check_answer(answer, question, RESUME).invents


def test_a_number_from_the_question_is_fine_unless_claimed() -> None:
    question = "Our team has 12 engineers. Have you worked in a team that size?"
    assert not check_answer("A team of 12 sounds like a good size.", question, RESUME).invents
    assert check_answer("My team at Freightline had 12 engineers.", question, RESUME).invents


def test_topics_ignore_generic_words_and_what_the_resume_has() -> None:
    shared = known(RESUME)
    assert unsupported_topics("Have you worked with Kafka in production?", shared) == ()
    assert unsupported_topics(TEAM, shared) == ("managed",)
    assert unsupported_topics("Tell me about managing people.", shared) == ()


def test_honest_reply_keeps_what_holds() -> None:
    checked = check_answer(
        "Yes, I managed a team of ten engineers. I mentored three junior engineers at Freightline.",
        TEAM,
        RESUME,
    )
    passage = "Experience › Freightline\n- Mentored three junior engineers; two now own pipelines."
    reply = honest_reply(TEAM, checked, [passage])
    assert reply == (
        "I haven't managed a team of ten engineers, so I won't claim that. "
        "I mentored three junior engineers at Freightline."
    )


def test_honest_reply_falls_back_on_the_closest_resume_line() -> None:
    checked = check_answer("Yes, I managed ten engineers.", TEAM, RESUME)
    passage = (
        "[Experience › Senior Data Engineer — Freightline (2021–present)] Mentored three junior "
        "engineers; two now own pipelines of their own."
    )
    reply = honest_reply(TEAM, checked, ["[Skills] Languages: Python", passage])
    assert reply.startswith("I haven't managed a team of ten engineers, so I won't claim that.")
    assert reply.endswith(
        "The closest thing I've done: at Freightline, I mentored three junior engineers; two now "
        "own pipelines of their own."
    )


def test_honest_reply_without_a_yes_no_question() -> None:
    checked = check_answer("We saved 2 million euros.", "Tell me about the savings.", RESUME)
    reply = honest_reply("Tell me about the savings.", checked)
    assert "can't back up" in reply and "2 million" not in reply


def test_a_skill_the_resume_lacks_is_dropped() -> None:
    question = "Have you worked with Rust?"
    checked = check_answer(
        "I haven't worked with Rust, but I have experience with Python and Java.", question, RESUME
    )
    assert checked.invents
    assert not check_answer(
        "I haven't worked with Rust, but I write Python and Scala every day.", question, RESUME
    ).invents
