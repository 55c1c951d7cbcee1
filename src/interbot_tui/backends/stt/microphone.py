"""Microphone capture with sounddevice (PortAudio) on its own thread.

Every failure to start becomes `MicrophoneUnavailable` with a message that says what to do, so the
caller can fall back to typing: PortAudio missing, no input device, the device busy or refusing
16 kHz. A microphone that stops mid-use (unplugged, its stream ended by a host error, no sound for
`STALL_S`, or our own processing of a block raising) is reported once through `on_lost`, from a
watch thread, never from PortAudio's own thread and never as a traceback on the terminal.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from interbot_tui.core.speech.transcript import SAMPLE_RATE

BLOCK = 1024  # 64 ms at 16 kHz: small enough for a lively level meter
STALL_S = 3.0  # no block for this long while running: the device has gone (blocks come every 64 ms)
WATCH_EVERY_S = 0.1


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
    """Opens the input device and calls `on_block(samples)` from PortAudio's thread.

    `on_lost(reason)` is called at most once, from the watch thread, if the stream stops by
    itself; `stop()` never triggers it."""

    def __init__(
        self,
        on_block: Callable[[Any], None],
        *,
        device: int | str | None = None,
        on_lost: Callable[[str], None] | None = None,
        stall_s: float = STALL_S,
    ):
        self.on_block = on_block
        self.device = device
        self.on_lost = on_lost
        self.stall_s = stall_s
        self._stream: Any = None
        self.overflows = 0
        self.lost: str | None = None  # why the stream stopped by itself, once it has
        self._failure: str | None = None  # set on PortAudio's thread, reported by the watch
        self._ended = threading.Event()  # PortAudio says the stream finished
        self._stopping = threading.Event()
        self._last_block = 0.0
        self._watch: threading.Thread | None = None

    def start(self) -> None:
        sd = _sounddevice()
        if not input_devices():
            raise MicrophoneUnavailable(
                "no microphone found (no audio input device). Plug one in, or check that your "
                "user may record audio (the 'audio' group); answers can be typed meanwhile."
            )

        def callback(indata: Any, _frames: int, _time: Any, status: Any) -> None:
            self._last_block = time.monotonic()
            if status.input_overflow:
                self.overflows += 1
            try:
                self.on_block(indata[:, 0].copy())
            except Exception as exc:  # sounddevice would print the traceback over the TUI
                self._failure = f"its sound could not be processed ({type(exc).__name__}: {exc})"
                raise sd.CallbackAbort from None

        self._stopping.clear()
        self._ended.clear()
        self.lost = self._failure = None
        self._last_block = time.monotonic()
        try:
            self._stream = sd.InputStream(
                samplerate=SAMPLE_RATE,
                channels=1,
                dtype="float32",
                blocksize=BLOCK,
                device=self.device,
                callback=callback,
                finished_callback=self._ended.set,
            )
            self._stream.start()
        except Exception as exc:  # PortAudioError and ValueError name the device problem
            self._stream = None
            raise MicrophoneUnavailable(
                f"cannot open the microphone: {exc}. Is another program using it? "
                "Answers can be typed meanwhile."
            ) from exc
        self._watch = threading.Thread(target=self._watch_stream, name="interbot-mic", daemon=True)
        self._watch.start()

    def _watch_stream(self) -> None:
        """Notice a stream that ended or went silent without `stop()`, and report it once."""
        while not self._stopping.wait(WATCH_EVERY_S):
            stream = self._stream
            if stream is None:
                return
            if self._ended.is_set() or not stream.active:
                reason = self._failure or "the audio stream ended (was it unplugged?)"
            elif time.monotonic() - self._last_block > self.stall_s:
                reason = f"no sound came from it for {self.stall_s:g} s (was it unplugged?)"
            else:
                continue
            if self._stopping.is_set():
                return
            self.lost = reason
            if self.on_lost is not None:
                self.on_lost(reason)
            return

    def stop(self) -> None:
        """Close the stream; safe after it failed (a dead device's errors are not raised)."""
        self._stopping.set()
        stream, self._stream = self._stream, None
        if stream is not None:
            for close in (stream.stop, stream.close):
                with contextlib.suppress(Exception):  # the device is gone: nothing more to do
                    close()
        watch = self._watch
        if watch is not None and watch is not threading.current_thread():
            watch.join(timeout=1.0)
        self._watch = None

    @property
    def running(self) -> bool:
        return self._stream is not None and bool(self._stream.active) and self.lost is None
