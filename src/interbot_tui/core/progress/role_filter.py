"""Which sessions `--role` keeps: a case-insensitive substring of the session's role, so
"backend" keeps "Backend engineer" and "Senior backend developer". Blank keeps every session."""

from __future__ import annotations


def role_matches(role: str, wanted: str | None) -> bool:
    needle = (wanted or "").strip().casefold()
    return not needle or needle in role.casefold()
