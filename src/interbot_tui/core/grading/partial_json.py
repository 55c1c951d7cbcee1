"""Read a string field out of JSON that is still being generated, to stream it to the user."""

from __future__ import annotations

import contextlib
import json
import re

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def partial_string(buffer: str, key: str) -> str | None:
    """The value of `"key": "..."` decoded as far as `buffer` goes, or None if not started yet."""
    match = re.search(r'"' + re.escape(key) + r'"\s*:\s*"', buffer)
    if not match:
        return None
    out: list[str] = []
    i = match.end()
    while i < len(buffer):
        ch = buffer[i]
        if ch == '"':
            break
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if i + 1 >= len(buffer):
            break  # escape not complete yet
        code = buffer[i + 1]
        if code == "u":
            if i + 6 > len(buffer):
                break
            with contextlib.suppress(json.JSONDecodeError):
                out.append(json.loads(f'"{buffer[i : i + 6]}"'))
            i += 6
        else:
            out.append(_ESCAPES.get(code, code))
            i += 2
    return "".join(out)
