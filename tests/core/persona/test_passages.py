"""A resume in passages: one bullet or up to three paragraph lines each, led by its headings."""

from __future__ import annotations

from interbot_tui.core.persona.passages import MAX_PASSAGE_CHARS, split_passages
from interbot_tui.core.persona.words import search_words, stem
from tests.conftest import REPO


def test_the_example_resume() -> None:
    passages = split_passages((REPO / "examples" / "resume.md").read_text())
    kafka = [p for p in passages if "Kafka Streams." in p]
    assert kafka == [
        "[Experience › Senior Data Engineer — Freightline (2021–present)] Cut tracking latency "
        "from 6 hours to 40 seconds by moving the batch jobs to Kafka Streams."
    ]
    wrapped = next(p for p in passages if "schema registry" in p)
    assert wrapped.endswith("used by 14 teams and 4 million events a day.")  # a wrapped bullet
    assert (
        "[Maya Okafor › Languages] English (fluent), Dutch (native), Yoruba (conversational)"
        in passages
    )


def test_paragraphs_are_cut_every_three_lines_and_long_lines_in_sentences() -> None:
    text = "## About\n" + "\n".join(f"Line {i}." for i in range(7)) + "\n\n" + "Word. " * 200
    passages = split_passages(text)
    assert passages[:3] == [
        "[About] Line 0. Line 1. Line 2.",
        "[About] Line 3. Line 4. Line 5.",
        "[About] Line 6. " + passages[2].removeprefix("[About] Line 6. "),
    ]
    assert all(len(p) <= MAX_PASSAGE_CHARS + len("[About] ") for p in passages)


def test_a_heading_with_nothing_under_it_is_kept() -> None:
    assert split_passages("## Skills\n## Education\nBSc, Delft") == [
        "Skills",
        "[Education] BSc, Delft",
    ]


def test_stemming_is_consistent() -> None:
    assert {stem(w) for w in ("migrated", "migration", "migrate", "migrating")} == {"migrat"}
    assert stem("weaknesses") == stem("weakness")
    assert search_words("How did you migrate the DAGs?") == ["migrat", "dag"]
