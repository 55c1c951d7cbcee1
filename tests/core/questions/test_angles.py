from __future__ import annotations

from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.angles import ANGLES, focus, stack_items
from interbot_tui.core.questions.question import Kind


def test_stack_items_split_on_commas_slashes_and_and() -> None:
    profile = Profile(role="Data analyst", topic="SQL, Tableau/Looker and Python")
    assert stack_items(profile) == ["SQL", "Tableau", "Looker", "Python"]
    assert stack_items(Profile(role="Recruiter", topic="")) == ["Recruiter"]


def test_twenty_five_requests_get_distinct_focuses() -> None:
    profile = Profile(role="Backend engineer", topic="Python, PostgreSQL, REST APIs")
    technical = [focus(profile, Kind.TECHNICAL, n) for n in range(25)]
    assert len(set(technical)) == 25
    behavioural = [focus(profile, Kind.BEHAVIOURAL, n) for n in range(14)]
    assert sorted(behavioural) == sorted(ANGLES[Kind.BEHAVIOURAL])
