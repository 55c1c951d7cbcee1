"""Reading the resume and job description for a session: kept, remembered, never fatal."""

from __future__ import annotations

import shutil
from pathlib import Path

from interbot_tui.session.documents import (
    DocumentInputs,
    load_grounding,
    remember_inputs,
    remembered_inputs,
)
from interbot_tui.store.sessions import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_both_are_read_summarised_and_kept_private(tmp_path: Path) -> None:
    loaded = load_grounding(
        DocumentInputs(str(EXAMPLES / "resume.md"), str(EXAMPLES / "job.md")), tmp_path
    )
    assert loaded.grounding.resume is not None and loaded.grounding.job is not None
    assert loaded.summary[0].startswith("Resume: ")
    assert loaded.summary[-1] == "Not on your resume: Apache Iceberg, Terraform"
    assert not loaded.notes
    for name in ("resume.txt", "job.txt", "resume.json"):
        assert (tmp_path / "documents" / name).stat().st_mode & 0o777 == 0o600


def test_a_moved_resume_is_read_from_the_copy_kept_last_time(tmp_path: Path) -> None:
    resume = tmp_path / "cv.md"
    shutil.copy(EXAMPLES / "resume.md", resume)
    first = load_grounding(DocumentInputs(str(resume)), tmp_path / "data")
    resume.unlink()
    again = load_grounding(DocumentInputs(str(resume)), tmp_path / "data")
    assert again.grounding.resume == first.grounding.resume
    assert again.notes == (f"{resume} is gone; using the copy read last time.",)


def test_an_unreadable_resume_is_a_note_and_the_job_still_counts(tmp_path: Path) -> None:
    broken = tmp_path / "cv.pdf"
    broken.write_bytes(b"%PDF-1.4 garbage")
    loaded = load_grounding(DocumentInputs(str(broken), str(EXAMPLES / "job.md")), tmp_path)
    assert loaded.grounding.resume is None and loaded.grounding.job is not None
    (note,) = loaded.notes
    assert "cv.pdf" in note and note.endswith(". The interview goes on without the resume.")
    assert loaded.grounding.gaps() == ()  # no resume: no claims about what is missing from it


def test_a_pasted_job_ad_is_read_as_text(tmp_path: Path) -> None:
    ad = "Data engineer\n\nRequirements:\n- 3+ years of Python\n- Kafka in production\n"
    loaded = load_grounding(DocumentInputs(job=ad), tmp_path)
    assert loaded.grounding.job is not None
    assert "Kafka" in loaded.grounding.job.must_have_skills


def test_an_empty_resume_says_nothing_was_found(tmp_path: Path) -> None:
    empty = tmp_path / "cv.txt"
    empty.write_text("hello there\n")
    loaded = load_grounding(DocumentInputs(str(empty)), tmp_path)
    assert "Nothing in the resume looked like roles, skills or achievements." in loaded.notes


def test_the_inputs_are_remembered(tmp_path: Path) -> None:
    store = Store(tmp_path)
    assert remembered_inputs(store).empty
    remember_inputs(store, DocumentInputs(" cv.pdf ", "Pasted\nad"))
    assert remembered_inputs(Store(tmp_path)) == DocumentInputs("cv.pdf", "Pasted\nad")
