"""`interbot doctor`: does each part of the pipeline work on this machine, and if not, what to do.

Every check is a small function that never raises: a failure becomes a `Check` with a one-line
`fix`. Nothing here loads a model, opens a device or records sound; heavy libraries are imported
only inside the check that needs them, so importing this package stays cheap.

`storage.py` (data dir, disk), `models.py` (chat and speech models), `server.py` (the model
server of `--llm-url`), `audio.py` (voice activity, microphone, speaker, espeak-ng), `camera.py`;
`report.py` renders the result.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui.doctor import audio, camera, history, models, storage
from interbot_tui.doctor.check import Check, one_line
from interbot_tui.doctor.report import all_required_ok, exit_code, render, to_json, verdict

if TYPE_CHECKING:
    from interbot_tui.backends.llm.server import ServerConfig

__all__ = [
    "Check",
    "all_required_ok",
    "exit_code",
    "render",
    "run_checks",
    "to_json",
    "verdict",
]


def _guarded(name: str, optional: bool, check: Callable[[], Check]) -> Check:
    """Run one check; an unexpected error becomes a failed check instead of a crash."""
    try:
        return check()
    except Exception as exc:
        return Check(
            name,
            False,
            one_line(f"the check itself failed: {type(exc).__name__}: {exc}"),
            "please report this with the output of `interbot doctor --json`",
            optional=optional,
        )


def run_checks(
    data_dir: Path,
    models_dir: Path,
    *,
    stt_spec: str | None = None,
    llm_spec: str | None = None,
    llm_server: ServerConfig | None = None,
) -> list[Check]:
    """All checks, in pipeline order. Loads no model and opens no device; with `llm_server`,
    that server is asked instead of looking for a model file."""
    language: list[tuple[str, bool, Callable[[], Check]]] = [
        ("language model", False, lambda: models.check_language_model(models_dir, llm_spec)),
    ]
    if llm_server is not None:
        from interbot_tui.doctor.server import ServerProbe

        probe = ServerProbe(llm_server)
        language = [
            ("model server", False, probe.check_server),
            ("server log-probabilities", True, probe.check_logprobs),
        ]
    plan: list[tuple[str, bool, Callable[[], Check]]] = [
        ("data dir", False, lambda: storage.check_data_dir(data_dir)),
        ("disk space", True, lambda: storage.check_disk_space(data_dir)),
        ("history database", True, lambda: history.check_history(data_dir)),
        *language,
        ("speech model", True, lambda: models.check_speech_model(models_dir, stt_spec)),
        ("voice activity", True, audio.check_voice_activity),
        ("microphone", True, audio.check_microphone),
        ("speaker", True, audio.check_speaker),
        ("espeak-ng", True, audio.check_espeak),
        ("camera", True, lambda: camera.check_camera(models_dir)),
    ]
    return [_guarded(name, optional, fn) for name, optional, fn in plan]
