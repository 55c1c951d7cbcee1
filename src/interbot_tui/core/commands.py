"""Spoken or typed commands inside an answer, such as "finish interview"."""

from __future__ import annotations

import re

_FINISH_RE = re.compile(
    r"^(?:(?:ok(?:ay)?|please|let'?s|i(?: would|'d)? like to|i want to|can we|could we)\s+)*"
    r"(?:finish|end|stop|quit|wrap up)\s+(?:the\s+|this\s+)?interview(?:\s+(?:now|please))?$"
)


def is_finish_command(text: str) -> bool:
    """True when the whole answer is a request to end the interview.

    "Finish interview", "end the interview please", "stop the interview" count; an answer that
    merely mentions finishing something ("we had to finish the interview loop early") does not.
    """
    normal = re.sub(r"[^a-z' ]+", " ", text.lower())
    normal = " ".join(normal.split())
    return bool(_FINISH_RE.match(normal))
