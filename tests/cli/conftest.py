"""Fixtures for the command-line tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def app_kwargs(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What a command passes to InterbotApp; the app itself never runs. Put a callable under
    "on_run" to act as the running app would (it gets the kwargs) before the store closes."""
    import interbot_tui.tui.app

    seen: dict[str, Any] = {}

    class FakeApp:
        def __init__(self, **kwargs: Any) -> None:
            seen.update(kwargs)

        def run(self) -> None:
            on_run: Callable[[dict[str, Any]], None] | None = seen.get("on_run")
            if on_run is not None:
                on_run(seen)
            seen["store"].close()

    monkeypatch.setattr(interbot_tui.tui.app, "InterbotApp", FakeApp)
    return seen
