"""The near-duplicate rules every repeat check uses."""

from __future__ import annotations

from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.dedupe import is_near_duplicate, repeats, similarity


def test_near_duplicates() -> None:
    a = "What does it mean for an HTTP method to be idempotent?"
    assert is_near_duplicate("What does idempotent mean for HTTP methods?", [a])
    assert not is_near_duplicate("How does a B-tree index speed up lookups?", [a])
    assert similarity(a, a) == 1.0


def test_subject_words_catch_a_reworded_repeat() -> None:
    profile = Profile(role="Backend engineer", topic="PostgreSQL")
    earlier = ["How would you find and fix slow queries in PostgreSQL using query plans?"]
    assert repeats(
        "What do you do to find slow queries and read their query plans?", earlier, profile
    )
    assert not repeats(
        "When would you choose a partial index in PostgreSQL, and why?", earlier, profile
    )
