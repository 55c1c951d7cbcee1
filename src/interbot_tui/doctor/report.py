"""The doctor's output: the table with fixes and a closing verdict, JSON, and the exit code."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict

from interbot_tui.doctor.check import Check


def all_required_ok(checks: Sequence[Check]) -> bool:
    return all(c.ok for c in checks if not c.optional)


def exit_code(checks: Sequence[Check]) -> int:
    return 0 if all_required_ok(checks) else 1


def to_json(checks: Sequence[Check]) -> str:
    payload = {"checks": [asdict(c) for c in checks], "ok": all_required_ok(checks)}
    return json.dumps(payload, indent=2, ensure_ascii=False)


# What a failed optional check costs, for the closing verdict: (feature, short reason).
_CONSEQUENCE: dict[str, tuple[str, str]] = {
    "microphone": ("voice input", "no microphone"),
    "speech model": ("voice input", "no speech model"),
    "voice activity": ("voice input", "loudness-only pause detection"),
    "speaker": ("voice output", "no speaker"),
    "espeak-ng": ("voice output", "no speech synthesis"),
    "camera": ("camera", "no webcam"),
    "server log-probabilities": ("grading", "the JSON grader: no log-probabilities"),
    "disk space": ("warnings", "low disk space"),
    "data dir": ("warnings", "data dir readable by others"),
}


def verdict(checks: Sequence[Check]) -> str:
    blocking = [c.name for c in checks if not c.ok and not c.optional]
    if blocking:
        return f"The interview cannot start: fix the {', '.join(blocking)} first (see above)."
    missing: dict[str, list[str]] = {}
    for c in checks:
        if not c.ok:
            feature, reason = _CONSEQUENCE.get(c.name, ("warnings", f"{c.name} check failed"))
            missing.setdefault(feature, [])
            if reason not in missing[feature]:
                missing[feature].append(reason)
    if not missing:
        return "Everything works: text, voice and camera."
    parts = "; ".join(f"{feature}: {', '.join(reasons)}" for feature, reasons in missing.items())
    return f"The text interview works; {parts}."


def render(checks: Sequence[Check]) -> str:
    width = max((len(c.name) for c in checks), default=0)
    lines: list[str] = []
    for c in checks:
        mark = "✓" if c.ok else "✗"
        lines.append(f"{mark} {c.name.ljust(width)}  {c.detail}")
        if c.fix:
            lines.append(f"{' ' * (width + 4)}fix: {c.fix}")
    lines.append("")
    lines.append(verdict(checks))
    return "\n".join(lines)
