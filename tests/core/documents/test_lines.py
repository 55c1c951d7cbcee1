"""Line structure shared by the resume and job parsers."""

from __future__ import annotations

from interbot_tui.core.documents.lines import Line, labelled, section_of, sentences, split_lines

TITLES = {"must": ("requirements", "you have"), "other": ("about us",)}


def test_headings_in_markdown_bold_capitals_and_underlines() -> None:
    lines = split_lines("# Ada\n**Experience**\nEDUCATION\nSkills\n------\nplain words\n\n---\n")
    assert [(ln.text, ln.heading) for ln in lines] == [
        ("Ada", 1),
        ("Experience", 7),
        ("EDUCATION", 7),
        ("Skills", 7),
        ("plain words", 0),
    ]


def test_bullets_of_every_kind_lose_their_marks_and_emphasis() -> None:
    text = "- **Led** it\n* b item\n• c item\n\uf0b7 d item\n1. e item\n2) [f](http://x) item"
    lines = split_lines(text)
    assert all(ln.bullet for ln in lines)
    assert [ln.text for ln in lines] == ["Led it", "b item", "c item", "d item", "e item", "f item"]


def test_a_wrapped_bullet_is_joined_but_a_new_line_is_not() -> None:
    lines = split_lines(
        "• Cut the load from 5 hours to\n20 minutes\n• Built it\nData Engineer, Acme"
    )
    assert [ln.text for ln in lines] == [
        "Cut the load from 5 hours to 20 minutes",
        "Built it",
        "Data Engineer, Acme",
    ]


def test_capitals_with_commas_are_no_heading() -> None:
    assert split_lines("AWS, GCP, SQL")[0].heading == 0


def test_sentences_do_not_end_at_abbreviations() -> None:
    assert sentences("Used e.g. Kafka. Led 3 teams! Then Acme Inc. grew.") == [
        "Used e.g. Kafka.",
        "Led 3 teams!",
        "Then Acme Inc. grew.",
    ]


def test_a_plain_line_is_a_title_only_when_it_is_the_title_alone() -> None:
    assert section_of(Line("Requirements"), TITLES) == "must"
    assert section_of(Line("About Us:"), TITLES) == "other"
    assert section_of(Line("Requirements (must have)", heading=2), TITLES) == "must"
    assert section_of(Line("You have a strong Python background"), TITLES) is None
    assert section_of(Line("Requirements", bullet=True), TITLES) is None


def test_a_title_and_its_content_on_one_line() -> None:
    assert labelled(Line("Requirements: Python, SQL"), TITLES) == ("must", "Python, SQL")
    assert labelled(Line("Experience with Kafka: streams"), TITLES) is None
    assert labelled(Line("Requirements:"), TITLES) is None
