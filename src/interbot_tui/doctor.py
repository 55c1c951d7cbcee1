"""`interbot doctor`: does each part of the pipeline work on this machine, and if not, what to do.

Every check is a small function that never raises: a failure becomes a `Check` with a one-line
`fix`. Nothing here loads a model, opens a device or records sound; heavy libraries are imported
only inside the check that needs them, so importing this module stays cheap.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

LOW_DISK_BYTES = 500 * 1000 * 1000
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


# --- helpers -------------------------------------------------------------------------------


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _import(name: str) -> tuple[ModuleType | None, str]:
    """The module, or None and why it would not import (missing, or a broken native library)."""
    try:
        return importlib.import_module(name), ""
    except Exception as exc:  # ImportError, or OSError from a missing shared library
        return None, _one_line(f"{type(exc).__name__}: {exc}")


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def _probe_write(folder: Path) -> None:
    """Create and delete a temporary file in `folder`; raises OSError when that is not allowed."""
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".interbot-doctor-"):
        pass


_FIX_IN_MESSAGE = re.compile(r"^(?P<detail>.*?)\.?\s+(?P<fix>(?:Re)?[Ii]nstall it with .*)$")


def _split_model_error(message: str) -> tuple[str, str]:
    """ModelError messages end with "Install it with `…`": that part is the fix."""
    message = _one_line(message)
    match = _FIX_IN_MESSAGE.match(message)
    if match:
        return match["detail"], match["fix"].rstrip(".")
    return message, "`interbot models list` shows what is installed; `--model PATH` picks a file"


def _human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


# --- the checks ----------------------------------------------------------------------------


def check_data_dir(data_dir: Path) -> Check:
    name = "data dir"
    if data_dir.exists() and not data_dir.is_dir():
        return Check(
            name,
            False,
            f"{data_dir} exists but is not a folder",
            "move that file away, or choose another folder with `--data-dir DIR`",
            optional=False,
        )
    if not data_dir.exists():
        parent = _existing_ancestor(data_dir.parent)
        try:
            _probe_write(parent)
        except OSError as exc:
            return Check(
                name,
                False,
                f"{data_dir} does not exist and cannot be created in {parent} ({exc.strerror or exc})",
                f"create it yourself (`mkdir -m 700 -p {data_dir}`) or choose another folder with `--data-dir DIR`",
                optional=False,
            )
        return Check(
            name, True, f"{data_dir} will be created (private, 0700) on first use", optional=False
        )
    try:
        _probe_write(data_dir)
    except OSError as exc:
        return Check(
            name,
            False,
            f"{data_dir} is not writable ({exc.strerror or exc})",
            f"`chmod u+rwx {data_dir}`, or choose another folder with `--data-dir DIR`",
            optional=False,
        )
    mode = stat.S_IMODE(data_dir.stat().st_mode)
    if mode & 0o077:
        # Works, but other users may read the interviews: worth fixing, not blocking.
        return Check(
            name,
            False,
            f"{data_dir} is writable but readable by other users (mode {mode:04o})",
            f"`chmod 700 {data_dir}`",
            optional=True,
        )
    return Check(name, True, f"{data_dir} (writable, private {mode:04o})", optional=False)


def check_disk_space(data_dir: Path) -> Check:
    where = _existing_ancestor(data_dir)
    free = shutil.disk_usage(where).free
    detail = f"{_human_bytes(free)} free in {where}"
    if free < LOW_DISK_BYTES:
        return Check(
            "disk space",
            False,
            detail,
            f"free up space: under {_human_bytes(LOW_DISK_BYTES)} left (a model install needs up to 1.2 GB)",
        )
    return Check("disk space", True, detail)


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
        detail, fix = _split_model_error(str(exc))
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
        detail, fix = _split_model_error(str(exc))
        details.append(detail)
        fixes.append(fix)
    module, why = _import("faster_whisper")
    if module is None:
        details.append(f"faster-whisper does not import ({why})")
        fixes.append(VOICE_EXTRA)
    else:
        details.append(f"faster-whisper {getattr(module, '__version__', '?')}")
    return Check("speech model", not fixes, "; ".join(details), "; ".join(fixes))


def check_voice_activity() -> Check:
    from interbot_tui.backends.stt.vad import load_vad

    vad = load_vad()
    if vad.name == "silero-vad":
        return Check("voice activity", True, "silero-vad")
    return Check(
        "voice activity",
        False,
        f"{vad.name} fallback: Silero VAD is unavailable, so pauses are judged by loudness only",
        f"{VOICE_EXTRA} (Silero ships with faster-whisper and runs on onnxruntime)",
    )


def check_microphone() -> Check:
    from interbot_tui.backends.stt import microphone

    name = "microphone"
    try:
        devices = microphone.input_devices()
    except microphone.MicrophoneUnavailable as exc:
        cause = exc.__cause__
        message = _one_line(exc)
        if isinstance(cause, OSError) or "PortAudio" in message:
            fix = f"sudo apt-get install libportaudio2 (or your system's PortAudio package); {TYPE_INSTEAD}"
            detail = "PortAudio is not installed, so sound input cannot work"
        elif isinstance(cause, ImportError) or "voice extras" in message:
            fix = f"{VOICE_EXTRA}; {TYPE_INSTEAD}"
            detail = "sounddevice is not installed"
        else:
            fix = f"check the sound system (ALSA/PulseAudio/PipeWire) is running; {TYPE_INSTEAD}"
            detail = message
        return Check(name, False, detail, fix)
    if not devices:
        return Check(
            name,
            False,
            "no audio input device found",
            f"plug in a microphone or check the 'audio' group; {TYPE_INSTEAD}",
        )
    default = next((d for d in devices if d.default), None)
    count = f"{len(devices)} input device{'s' if len(devices) != 1 else ''}"
    if default is None:
        return Check(name, True, f"{devices[0].name} (no default set; {count})")
    return Check(name, True, f"{default.name} (default; {count})")


def check_speaker() -> Check:
    name = "speaker"
    sd, why = _import("sounddevice")
    if sd is None:
        portaudio = "PortAudio" in why or "OSError" in why
        return Check(
            name,
            False,
            f"sounddevice does not import ({why})",
            "sudo apt-get install libportaudio2; questions are always shown as text"
            if portaudio
            else f"{VOICE_EXTRA}; questions are always shown as text",
        )
    try:
        devices: Any = sd.query_devices()
        default_out = int(sd.default.device[1])
    except Exception as exc:
        return Check(
            name,
            False,
            f"cannot list audio devices: {_one_line(exc)}",
            "check the sound system (ALSA/PulseAudio/PipeWire) is running; questions are always shown as text",
        )
    outputs = [
        (i, str(d["name"]))
        for i, d in enumerate(devices)
        if int(d.get("max_output_channels", 0)) > 0
    ]
    if not outputs:
        return Check(
            name,
            False,
            "no audio output device found",
            "plug in speakers or headphones; questions are always shown as text",
        )
    count = f"{len(outputs)} output device{'s' if len(outputs) != 1 else ''}"
    chosen = next((n for i, n in outputs if i == default_out), None)
    if chosen is None:
        return Check(name, True, f"{outputs[0][1]} (no default set; {count})")
    return Check(name, True, f"{chosen} (default; {count})")


def check_espeak() -> Check:
    details: list[str] = []
    fixes: list[str] = []
    binary = shutil.which("espeak-ng")
    if binary:
        details.append(binary)
    else:
        details.append("espeak-ng not found on PATH")
        fixes.append("sudo apt-get install espeak-ng")
    module, why = _import("pyttsx3")
    if module is None:
        details.append(f"pyttsx3 does not import ({why})")
        fixes.append(VOICE_EXTRA)
    else:
        details.append("pyttsx3 importable")
    return Check("espeak-ng", not fixes, "; ".join(details), "; ".join(fixes))


def _expression_model(models_dir: Path) -> tuple[str, str]:
    """(what was found, fix or "") for the expression model."""
    from interbot_tui.backends.vision.factory import resolve_expression_model
    from interbot_tui.core.ports import ModelError

    try:
        path, entry = resolve_expression_model(None, models_dir)
    except ModelError as exc:
        return _split_model_error(str(exc))
    return f"expression model {entry.name if entry else path.name}", ""


def _camera_devices() -> tuple[str, str]:
    """(what was found, fix or "") for the webcam device nodes (Linux; elsewhere, at start)."""
    if not sys.platform.startswith("linux"):
        return "the camera is looked for when an interview starts", ""
    videos = sorted(str(p) for p in Path("/dev").glob("video*"))
    if not videos:
        return (
            "no camera device (/dev/video*)",
            "plug in a webcam (and check the 'video' group); interviews work without one",
        )
    if not any(os.access(v, os.R_OK) for v in videos):
        return (
            f"{', '.join(videos)} not readable by you",
            "add yourself to the 'video' group (`sudo usermod -aG video $USER`, then log in "
            "again); interviews work without one",
        )
    return ", ".join(videos), ""


def check_camera(models_dir: Path | None = None) -> Check:
    """OpenCV with its face detector, onnxruntime, the expression model and a webcam."""
    from interbot_tui import locations

    name = "camera"
    cv2, why = _import("cv2")
    if cv2 is None:
        return Check(
            name,
            False,
            f"OpenCV does not import ({why})",
            f"{VISION_EXTRA}; interviews work without one",
        )
    version = str(getattr(cv2, "__version__", "?"))
    if not hasattr(cv2, "CascadeClassifier"):
        return Check(
            name,
            False,
            f"OpenCV {version} has no face detector (CascadeClassifier; OpenCV 5 dropped it)",
            "pip install 'opencv-python-headless>=4.8,<5'",
        )
    details, fixes = [f"OpenCV {version}"], []
    ort, why = _import("onnxruntime")
    if ort is None:
        details.append(f"onnxruntime does not import ({why})")
        fixes.append(VISION_EXTRA)
    for detail, fix in (
        _expression_model(models_dir or locations.models_dir()),
        _camera_devices(),
    ):
        details.append(detail)
        if fix:
            fixes.append(fix)
    return Check(name, not fixes, "; ".join(details), "; ".join(fixes))


# --- running and reporting -----------------------------------------------------------------


def _guarded(name: str, optional: bool, check: Callable[[], Check]) -> Check:
    """Run one check; an unexpected error becomes a failed check instead of a crash."""
    try:
        return check()
    except Exception as exc:
        return Check(
            name,
            False,
            _one_line(f"the check itself failed: {type(exc).__name__}: {exc}"),
            "please report this with the output of `interbot doctor --json`",
            optional=optional,
        )


def run_checks(
    data_dir: Path,
    models_dir: Path,
    *,
    stt_spec: str | None = None,
    llm_spec: str | None = None,
) -> list[Check]:
    """All checks, in pipeline order. Loads no model and opens no device."""
    plan: list[tuple[str, bool, Callable[[], Check]]] = [
        ("data dir", False, lambda: check_data_dir(data_dir)),
        ("disk space", True, lambda: check_disk_space(data_dir)),
        ("language model", False, lambda: check_language_model(models_dir, llm_spec)),
        ("speech model", True, lambda: check_speech_model(models_dir, stt_spec)),
        ("voice activity", True, check_voice_activity),
        ("microphone", True, check_microphone),
        ("speaker", True, check_speaker),
        ("espeak-ng", True, check_espeak),
        ("camera", True, lambda: check_camera(models_dir)),
    ]
    return [_guarded(name, optional, fn) for name, optional, fn in plan]


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
