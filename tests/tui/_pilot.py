"""Waiting in Pilot tests: for a condition, then for the screen that appeared to finish mounting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot


async def wait_for(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 10.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            # Let the screen that just appeared finish mounting: a test that ends mid-mount
            # tears the app down under it (Textual's Header then finds no title to set).
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not met in time")
