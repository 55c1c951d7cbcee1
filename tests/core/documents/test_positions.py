"""Position lines: dates found and each position written "Title, Company (dates)"."""

from __future__ import annotations

import pytest

from interbot_tui.core.documents.positions import format_role, has_dates, without_dates


@pytest.mark.parametrize(
    ("line", "role"),
    [
        (
            "Senior Data Engineer — Acme Corp (2021–2024)",
            "Senior Data Engineer, Acme Corp (2021–2024)",
        ),
        ("Data Engineer, Acme, Jan 2019 - Present", "Data Engineer, Acme (Jan 2019 - Present)"),
        (
            "Acme Corp | Staff Engineer | 03/2018 – 12/2020",
            "Staff Engineer, Acme Corp (03/2018 – 12/2020)",
        ),
        ("Head of Data at Initech since 2020", "Head of Data, Initech (since 2020)"),
        (
            "Analyst @ Globex, September 2015 to May 2017",
            "Analyst, Globex (September 2015 to May 2017)",
        ),
        ("Backend Developer", "Backend Developer"),
        ("(2019)", ""),
    ],
)
def test_positions_are_written_one_way(line: str, role: str) -> None:
    assert format_role(line) == role


def test_dates_and_not_dates() -> None:
    assert has_dates("Jan 2019 – Present") and has_dates("2016-2018") and has_dates("(2021)")
    assert not has_dates("Python 3 and 250 users") and not has_dates("12025 rows")


def test_without_dates() -> None:
    assert without_dates("Senior Data Engineer, Acme (2021–2024)") == "Senior Data Engineer, Acme"
    assert without_dates("Engineer") == "Engineer"
