"""Persona mode's files read into a PersonaSetup, or one clear message about the one that
cannot be used."""

from __future__ import annotations

from pathlib import Path

import pytest

from interbot_tui.core.persona.prepared import MAX_ANSWER_CHARS
from interbot_tui.session.persona_inputs import (
    MAX_PROMPT_CHARS,
    PersonaInputError,
    read_persona_setup,
)
from tests.conftest import REPO

RESUME = REPO / "examples" / "resume.md"
QA = REPO / "examples" / "qa.csv"


def test_the_examples_read(tmp_path: Path) -> None:
    prompt = tmp_path / "prompt.txt"
    prompt.write_text("\ufeffBe brief and honest.\n", encoding="utf-8")
    setup = read_persona_setup(RESUME, qa=QA, system_prompt=prompt, name="  Maya   O. ")
    assert setup.resume_text.startswith("# Maya Okafor")
    assert setup.prepared is not None and len(setup.prepared.pairs) == 10
    assert setup.system_prompt == "Be brief and honest." and setup.name == "Maya O."
    assert setup.notes == ()
    bare = read_persona_setup(RESUME)
    assert bare.prepared is None and bare.system_prompt is None and bare.name == ""


def test_notes_say_what_was_cut(tmp_path: Path) -> None:
    qa = tmp_path / "qa.csv"
    qa.write_text("question,answer\nWhy?," + "word " * 1000 + "\n")
    setup = read_persona_setup(RESUME, qa=qa)
    assert setup.notes == (f"{qa}, line 2: the answer was cut at {MAX_ANSWER_CHARS} characters",)


def test_each_bad_file_says_which_and_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(PersonaInputError, match="does not exist: check the path"):
        read_persona_setup(tmp_path / "nope.pdf")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(PersonaInputError, match=r"broken\.pdf"):
        read_persona_setup(broken)
    bad_qa = tmp_path / "qa.csv"
    bad_qa.write_text("q;a\nWhy?;Because\n")
    with pytest.raises(PersonaInputError, match="header `question,answer`"):
        read_persona_setup(RESUME, qa=bad_qa)
    with pytest.raises(PersonaInputError, match="does not exist: give the CSV"):
        read_persona_setup(RESUME, qa=tmp_path / "missing.csv")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty: write the instructions"),
        (b"\xff\xfe\x00bad", "is not UTF-8 text"),
        (b"x" * (MAX_PROMPT_CHARS + 1), "the limit is 20,000"),
    ],
)
def test_a_bad_system_prompt_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "prompt.txt"
    path.write_bytes(content)
    with pytest.raises(PersonaInputError, match=message):
        read_persona_setup(RESUME, system_prompt=path)


def test_a_missing_system_prompt_file(tmp_path: Path) -> None:
    with pytest.raises(PersonaInputError, match=r"--system-prompt .* does not exist"):
        read_persona_setup(RESUME, system_prompt=tmp_path / "none.txt")
    with pytest.raises(PersonaInputError, match="is a folder"):
        read_persona_setup(RESUME, system_prompt=tmp_path)
