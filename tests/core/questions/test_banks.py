"""Bank loading and validation: the shipped banks, and what a broken file reports."""

from __future__ import annotations

from pathlib import Path

from interbot_tui.core.questions.banks import Bank, load_bank, load_banks
from interbot_tui.core.questions.question import Kind

GOOD = """
[bank]
domain = "demo"
title = "Demo"
kind = "technical"
aliases = ["demo"]

[[questions]]
id = "demo-001"
difficulty = "easy"
question = "What does a load balancer do?"
key_points = ["spreads requests across servers"]
hint = "Think about many servers behind one address."
model_answer = "It spreads incoming requests across healthy servers."
terms = ["load balancer"]
"""


def test_shipped_banks_cover_eleven_domains_with_fifteen_questions(banks: list[Bank]) -> None:
    domains = {b.domain: b for b in banks}
    required = {
        "behavioural",
        "backend",
        "frontend",
        "data_science",
        "machine_learning",
        "devops",
        "system_design",
        "product_management",
        "hr",
        "digital_marketing",
        "law",
    }
    assert required <= set(domains)
    for name in required:
        bank = domains[name]
        assert len(bank.questions) >= 15, name
        assert {q.difficulty for q in bank.questions} == {"easy", "medium", "hard"}, name
        for q in bank.questions:
            assert q.key_points and q.hint and q.model_answer and q.terms, q.id
    assert any(b.kind is Kind.WARMUP for b in banks)


def test_toml_syntax_error_reports_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(GOOD.replace('title = "Demo"', 'title = "Demo'))
    bank, errors = load_bank(path)
    assert bank is None
    assert errors[0].path == path and errors[0].line == 4
    assert "not valid TOML" in str(errors[0]) and str(errors[0]).startswith(f"{path}:4:")


def test_bad_question_is_reported_and_the_rest_load(tmp_path: Path) -> None:
    broken = GOOD + GOOD.split("[[questions]]")[1].replace("demo-001", "demo-002").replace(
        'difficulty = "easy"', 'difficulty = "brutal"'
    ).join(["\n[[questions]]", ""])
    (tmp_path / "demo.toml").write_text(broken)
    (tmp_path / "other.toml").write_text(GOOD.replace("demo", "other"))
    banks, errors = load_banks(tmp_path)
    assert [b.domain for b in banks] == ["demo", "other"]
    assert len(banks[0].questions) == 1
    assert len(errors) == 1 and "difficulty 'brutal'" in errors[0].message
    assert errors[0].line == GOOD.count("\n") + 2  # the second [[questions]] header


def test_missing_field_and_duplicate_id(tmp_path: Path) -> None:
    dup = GOOD + "\n[[questions]]" + GOOD.split("[[questions]]")[1]
    path = tmp_path / "dup.toml"
    path.write_text(dup.replace('terms = ["load balancer"]', "", 1))
    bank, errors = load_bank(path)
    assert bank is not None and len(bank.questions) == 1
    messages = [e.message for e in errors]
    assert messages == ["question 1: missing field 'terms'"]
    path.write_text(dup)
    _, errors = load_bank(path)
    assert "duplicate id 'demo-001'" in errors[0].message


def test_hint_that_gives_the_answer_away_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "leak.toml"
    path.write_text(
        GOOD.replace(
            'hint = "Think about many servers behind one address."',
            'hint = "It spreads incoming requests across healthy servers."',
        )
    )
    bank, errors = load_bank(path)
    assert bank is None and "gives the model answer away" in errors[0].message


def test_ids_must_be_unique_across_banks(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD)
    (tmp_path / "b.toml").write_text(GOOD.replace('domain = "demo"', 'domain = "demo_b"'))
    banks, errors = load_banks(tmp_path)
    assert len(banks) == 1 and "ids already used in a.toml" in errors[0].message


def test_missing_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    banks, errors = load_banks(tmp_path / "nope")
    assert banks == [] and "not found" in errors[0].message
