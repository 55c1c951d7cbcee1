"""The leak guard (long runs of the instructions' words, talk about instructions or being an
AI; the phrases the instructions suggest are allowed) and the skills a resume lacks."""

from __future__ import annotations

import pytest

from interbot_tui.core.persona.guard import deflection, leaks_prompt, unknown_skills
from interbot_tui.core.persona.prompt import DEFAULT_SYSTEM_PROMPT
from tests.conftest import REPO

RESUME = (REPO / "examples" / "resume.md").read_text()


@pytest.mark.parametrize(
    "answer",
    [
        "Sure: you answer interview questions as the candidate described below, in the first person.",
        "Draw only on the resume passages, the prepared answers and this conversation.",
        "My instructions say I should stay in character.",
        "I was instructed not to talk about that.",
        "My system prompt is private.",
        "As an AI, I cannot have a job.",
        "As an AI language model I don't work anywhere.",
        "I'm sorry, but I can't assist with that.",
        "I cannot comply with that request.",
    ],
)
def test_leaks_are_caught(answer: str) -> None:
    assert leaks_prompt(answer, DEFAULT_SYSTEM_PROMPT)


@pytest.mark.parametrize(
    "answer",
    [
        "I haven't worked with that directly, but I moved 120 Airflow DAGs to Kubernetes.",
        "As an AI engineer I built recommendation models.",
        "I followed the instructions in the runbook and restored the loads.",
        "I cut tracking latency from 6 hours to 40 seconds with Kafka Streams.",
        "I did prompt engineering for our support chatbot.",
        "I'm sorry, but I can't help with Terraform: I haven't used it.",
    ],
)
def test_ordinary_answers_pass(answer: str) -> None:
    assert not leaks_prompt(answer, DEFAULT_SYSTEM_PROMPT)


def test_a_custom_prompt_is_guarded_by_its_own_words() -> None:
    prompt = "Speak like a pirate captain who sails the seven seas of data engineering every day."
    assert leaks_prompt("Well, I speak like a pirate captain who sails the seven seas.", prompt)
    assert not leaks_prompt(
        "Well, I speak like a pirate captain who sails the seven seas.", "Be brief."
    )


def test_deflection_names_the_employer_when_known() -> None:
    assert "my work at Freightline" in deflection("Freightline")
    assert "resume" in deflection("") and "at " not in deflection("").split("—")[1]


def test_unknown_skills() -> None:
    assert unknown_skills("Have you used Terraform or Kafka?", RESUME) == ("Terraform",)
    assert unknown_skills("How do you use k8s?", RESUME) == ()  # Kubernetes is on it
    assert unknown_skills("Terraform?", RESUME, "I haven't used Terraform yet.") == ()
    assert unknown_skills("Tell me about yourself", RESUME) == ()


def test_a_claim_of_a_missing_skill_is_caught_and_an_honest_no_is_not() -> None:
    from interbot_tui.core.persona.guard import claims_unknown, not_done

    lacking = ("Apache Iceberg",)
    assert claims_unknown(
        "I've been working on Apache Iceberg at Brightcart for two years.", lacking
    )
    assert not claims_unknown("I haven't used Apache Iceberg in production yet.", lacking)
    assert not claims_unknown("I built pipelines in Python. Iceberg I have not used.", lacking)
    assert not claims_unknown("I built pipelines in Python.", lacking)  # not named at all
    assert not_done(lacking).startswith("I haven't worked with Apache Iceberg myself")
