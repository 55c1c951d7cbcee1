"""The next token's top log-probabilities out of a completions reply, and the choices' shares.

Servers put them in different shapes: the OpenAI completions form (`logprobs.top_logprobs`,
a list of {token: logprob}; vLLM, llama-cpp-python), the chat form (`logprobs.content`, a list
of {token, logprob, top_logprobs: [{token, logprob}]}; newer llama-server), and llama-server's
native `completion_probabilities` (`probs` of {tok_str, prob}).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard

# Byte-level BPE and SentencePiece spell a leading space like this in raw token text.
SPACE_MARKS = ("Ġ", "▁")


def first_top_logprobs(reply: Any) -> dict[str, float] | None:
    """{token text: log-probability} for the first generated token; None when there are none."""
    if not isinstance(reply, dict):
        return None
    native = reply.get("completion_probabilities")
    if isinstance(native, list) and native:
        return _native(native[0])
    choices = reply.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return None
    logprobs = choices[0].get("logprobs")
    if not isinstance(logprobs, dict):
        return None
    top = logprobs.get("top_logprobs")
    if isinstance(top, list) and top and isinstance(top[0], dict):
        return _numbers(top[0])
    content = logprobs.get("content")
    if isinstance(content, list) and content and isinstance(content[0], dict):
        entries = content[0].get("top_logprobs")
        if isinstance(entries, list):
            pairs = {
                e.get("token"): e.get("logprob")
                for e in entries
                if isinstance(e, dict) and isinstance(e.get("token"), str)
            }
            return _numbers(pairs)
    return None


def _native(entry: Any) -> dict[str, float] | None:
    if not isinstance(entry, dict):
        return None
    for key, field, is_log in (("top_logprobs", "logprob", True), ("probs", "prob", False)):
        rows = entry.get(key)
        if not isinstance(rows, list):
            continue
        out: dict[str, float] = {}
        for row in rows:
            if not isinstance(row, dict):
                continue
            token, value = row.get("token", row.get("tok_str")), row.get(field)
            if not isinstance(token, str) or not _is_number(value):
                continue
            number = float(value)
            if is_log:
                out[token] = number
            elif number > 0:
                out[token] = math.log(number)
        return out or None
    return None


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _numbers(pairs: Mapping[Any, Any]) -> dict[str, float] | None:
    out = {
        token: float(value)
        for token, value in pairs.items()
        if isinstance(token, str) and _is_number(value)
    }
    return out or None


def _spaced(token: str) -> str:
    for mark in SPACE_MARKS:
        if token.startswith(mark):
            return " " + token[len(mark) :]
    return token


def choice_shares(top: Mapping[str, float], choices: Sequence[str]) -> list[float]:
    """Each choice's share of the next-token probability, normalised over the choices.

    A choice's first token is taken to be the longest listed token that starts it (" yes" for
    " yes") and covers at least half of its word: a shorter one is more likely another word
    (" in" is not how " inaccurate" starts in most vocabularies, though it is its prefix);
    tokens that are only whitespace do not count. When the server strips leading
    spaces from every token it lists, the match ignores them too. A choice whose first token is
    not listed gets at most what the least likely listed token has (and no more than the
    probability left over). Choices that fall on the same token share it.
    """
    probs: dict[str, float] = {}
    for token, logprob in top.items():
        key = _spaced(token)
        probs[key] = probs.get(key, 0.0) + math.exp(logprob)
    keeps_spaces = any(token[:1].isspace() for token in probs)

    def norm(text: str) -> str:
        return text if keeps_spaces else text.lstrip()

    tokens = sorted((t for t in probs if t.strip()), key=len, reverse=True)
    floor = min(min(probs.values(), default=0.0), max(0.0, 1.0 - sum(probs.values())))

    def first(choice: str) -> str | None:
        word = norm(choice)
        for token in tokens:
            start = norm(token)
            if word.startswith(start) and 2 * len(start.strip()) >= len(word.strip()):
                return token
        return None

    picked = [first(c) for c in choices]
    weights = []
    for pick in picked:
        weights.append(floor if pick is None else probs[pick] / picked.count(pick))
    total = sum(weights)
    if total <= 0:
        return [1 / len(choices)] * len(choices)
    return [w / total for w in weights]
