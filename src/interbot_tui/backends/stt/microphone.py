"""Microphone capture with sounddevice (PortAudio) on its own thread.

Every failure becomes `MicrophoneUnavailable` with a message that says what to do, so the caller
can fall back to typing: PortAudio missing, no input device, the device busy or refusing 16 kHz.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from interbot_tui.core.speech.transcript import SAMPLE_RATE

BLOCK = 1024  # 64 ms at 16 kHz: small enough for a lively level meter


class MicrophoneUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    default: bool


def _sounddevice() -> Any:
    try:
        import sounddevice
    except OSError as exc:  # the Python package is there but libportaudio is not
        raise MicrophoneUnavailable(
            "PortAudio is not installed, so there is no microphone input "
            "(Debian/Ubuntu: sudo apt-get install libportaudio2)."
        ) from exc
    except ImportError as exc:
        raise MicrophoneUnavailable(
            "the voice extras are not installed (pip install 'interbot-tui[voice]')."
        ) from exc
    return sounddevice


def input_devices() -> list[InputDevice]:
    sd = _sounddevice()
    try:
        devices = sd.query_devices()
        default_in = sd.default.device[0]
    except Exception as exc:
        raise MicrophoneUnavailable(f"cannot list audio devices: {exc}") from exc
    return [
        InputDevice(i, str(d["name"]), i == default_in)
        for i, d in enumerate(devices)
        if int(d.get("max_input_channels", 0)) > 0
    ]


class Microphone:
    """Opens the input device and calls `on_block(samples)` from PortAudio's thread."""

    def __init__(self, on_block: Callable[[Any], None], *, device: int | str | None = None):
        self.on_block = on_block
        self.device = device
        self._stream: Any = None
        self.overflows = 0

    def start(self) -> None:
        sd = _sounddevice()
        if not input_devices():
            raise MicrophoneUnavailable(
                "no microphone found (no audio input device). Plug one in, or check that your "
                "user may record audio (the 'audio' group); answers can be typed meanwhile."
            )

        def callback(indata: Any, _frames: int, _time: Any, status: Any) -> None:
            if status.input_overflow:
                self.overflows += 1
            self.on_block(indata[:, 0].copy())

        try:
            self._stream = sd.InputStream(
                samplerate=SAMPLE_RATE,
                channels=1,
                dtype="float32",
                blocksize=BLOCK,
                device=self.device,
                callback=callback,
            )
            self._stream.start()
        except Exception as exc:  # PortAudioError and ValueError name the device problem
            self._stream = None
            raise MicrophoneUnavailable(
                f"cannot open the microphone: {exc}. Is another program using it? "
                "Answers can be typed meanwhile."
            ) from exc

    def stop(self) -> None:
        if self._stream is not None:
            try:
                self._stream.stop()
                self._stream.close()
            finally:
                self._stream = None

    @property
    def running(self) -> bool:
        return self._stream is not None and bool(self._stream.active)
