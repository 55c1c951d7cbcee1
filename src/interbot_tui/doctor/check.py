"""What every doctor check returns, and the small helpers the checks share."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from types import ModuleType

VOICE_EXTRA = "pip install 'interbot-tui[voice]'"
VISION_EXTRA = "pip install 'interbot-tui[vision]'"
TYPE_INSTEAD = "answers can be typed; `interbot plain` reads @FILE answers"


@dataclass(frozen=True)
class Check:
    name: str  # "microphone", "speech model", ...
    ok: bool
    detail: str  # what was found, one line
    fix: str = ""  # what to do, one line; "" when ok
    optional: bool = True  # False for what the core text interview needs


def one_line(text: object) -> str:
    return " ".join(str(text).split())


def try_import(name: str) -> tuple[ModuleType | None, str]:
    """The module, or None and why it would not import (missing, or a broken native library)."""
    try:
        return importlib.import_module(name), ""
    except Exception as exc:  # ImportError, or OSError from a missing shared library
        return None, one_line(f"{type(exc).__name__}: {exc}")


_FIX_IN_MESSAGE = re.compile(r"^(?P<detail>.*?)\.?\s+(?P<fix>(?:Re)?[Ii]nstall it with .*)$")


def split_model_error(message: str) -> tuple[str, str]:
    """ModelError messages end with "Install it with `…`": that part is the fix."""
    message = one_line(message)
    match = _FIX_IN_MESSAGE.match(message)
    if match:
        return match["detail"], match["fix"].rstrip(".")
    return message, "`interbot models list` shows what is installed; `--model PATH` picks a file"
