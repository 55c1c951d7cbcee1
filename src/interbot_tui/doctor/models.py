"""The models the interview loads: the chat model (required) and the speech model."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from interbot_tui.doctor.check import VOICE_EXTRA, Check, split_model_error, try_import


def check_language_model(models_dir: Path, spec: str | None = None) -> Check:
    from interbot_tui.backends.llm.factory import resolve_model
    from interbot_tui.core.ports import ModelError

    name = "language model"
    if importlib.util.find_spec("llama_cpp") is None:
        return Check(
            name,
            False,
            "llama-cpp-python is not installed",
            "pip install 'llama-cpp-python>=0.3.16,<0.4' (it compiles; needs a C compiler)",
            optional=False,
        )
    try:
        path, entry = resolve_model(spec, models_dir)
    except ModelError as exc:
        detail, fix = split_model_error(str(exc))
        return Check(name, False, detail, fix, optional=False)
    label = entry.name if entry else path.name
    return Check(name, True, f"{label} ({path})", optional=False)


def check_speech_model(models_dir: Path, spec: str | None = None) -> Check:
    from interbot_tui.backends.stt.factory import resolve_stt
    from interbot_tui.core.ports import ModelError

    details: list[str] = []
    fixes: list[str] = []
    try:
        path, entry = resolve_stt(spec, models_dir)
        details.append(f"{entry.name if entry else path.name} ({path})")
    except ModelError as exc:
        detail, fix = split_model_error(str(exc))
        details.append(detail)
        fixes.append(fix)
    module, why = try_import("faster_whisper")
    if module is None:
        details.append(f"faster-whisper does not import ({why})")
        fixes.append(VOICE_EXTRA)
    else:
        details.append(f"faster-whisper {getattr(module, '__version__', '?')}")
    return Check("speech model", not fixes, "; ".join(details), "; ".join(fixes))
