"""A session keeps what it was grounded in: resume, job, and the report's must-have lines."""

from __future__ import annotations

import random
from pathlib import Path

from interbot_tui.core.documents.facts import Grounding, JobFacts, Requirement, ResumeFacts
from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.interview.events import InterviewerSaid, Purpose
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import load_banks
from interbot_tui.core.questions.grounded import grounded_plan
from interbot_tui.core.questions.selection import slot_kinds
from interbot_tui.core.reporting.render import to_html, to_markdown, to_text
from interbot_tui.locations import banks_dir
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel, grade

GROUNDING = Grounding(
    ResumeFacts("Ada", ("Data engineer — Acme",), ("Python",)),
    JobFacts("Data engineer", (Requirement("Terraform for infrastructure", ("Terraform",)),)),
)
PROFILE = Profile(role="Data engineer", questions=3)
LONG = "I would start by reading the docs and building a small project " * 4


def test_grounding_is_stored_resumed_and_reported(tmp_path: Path) -> None:
    banks, _ = load_banks(banks_dir())
    plan = grounded_plan(slot_kinds(PROFILE, banks), GROUNDING, banks, PROFILE, random.Random(1))
    store = Store(tmp_path)
    recorder = store.start_session(PROFILE, "fake", plan=plan, grounding=GROUNDING)
    said: list[str] = []
    engine = Interview(
        PROFILE,
        banks,
        LLMGrader(FakeChatModel(default_grade=grade("partial", 5))),
        recorder=recorder,
        plan=plan,
        grounding=GROUNDING,
        emit=lambda e: (
            said.append(e.text)
            if isinstance(e, InterviewerSaid) and e.purpose is Purpose.GREETING
            else None
        ),
    )
    engine.start()
    assert "I've read your resume and the job description" in said[0]
    engine.submit(LONG)  # the warm-up; the session is then interrupted
    interrupted = store.interrupted()
    assert interrupted.grounding == GROUNDING
    engine.submit(LONG)
    engine.submit(LONG)
    while not engine.finished:
        engine.submit(LONG)
    live = engine.finish()
    (terraform,) = live.coverage
    assert terraform.asked and terraform.asked[0].number == 2
    report, _ = store.report(recorder.session_id)
    assert report.coverage == live.coverage
    assert report.to_dict()["job_coverage"][0]["skill"] == "Terraform"
    line = "Terraform (not on your resume): question 2, partial 5/10"
    assert f"## The job's must-haves\n\n- {line}" in to_markdown(report)
    assert f"<li>{line}</li>" in to_html(report)
    assert f"  - {line}" in to_text(report)


def test_a_session_without_grounding_has_no_coverage(tmp_path: Path) -> None:
    store = Store(tmp_path)
    recorder = store.start_session(PROFILE, "fake")
    report, _ = store.report(recorder.session_id)
    assert report.coverage == () and store.interrupted().grounding is None
