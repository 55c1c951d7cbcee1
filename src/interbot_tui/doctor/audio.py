"""Voice in and out: voice-activity detection, the microphone, the speaker and espeak-ng."""

from __future__ import annotations

import shutil
from typing import Any

from interbot_tui.doctor.check import TYPE_INSTEAD, VOICE_EXTRA, Check, one_line, try_import


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
        message = one_line(exc)
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
    sd, why = try_import("sounddevice")
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
            f"cannot list audio devices: {one_line(exc)}",
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
    module, why = try_import("pyttsx3")
    if module is None:
        details.append(f"pyttsx3 does not import ({why})")
        fixes.append(VOICE_EXTRA)
    else:
        details.append("pyttsx3 importable")
    return Check("espeak-ng", not fixes, "; ".join(details), "; ".join(fixes))
