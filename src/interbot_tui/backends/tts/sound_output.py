"""Play samples on the default output device with sounddevice, stoppable between short blocks.

Writes are paced to the clock as well as by the device: a device that swallows audio at once
(ALSA's null or file plugin, used as a fake speaker in tests and demos) still plays in real time,
so stopping and barge-in behave as they would through a real speaker.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import numpy as np
import numpy.typing as npt

BLOCK_S = 0.05  # stop() takes effect within one block


class SpeakerUnavailable(RuntimeError):
    """No usable audio output; the message says why and what to do."""


def _sounddevice() -> Any:
    try:
        import sounddevice as sd
    except (ImportError, OSError) as exc:  # OSError: PortAudio library missing
        fix = (
            "sudo apt-get install libportaudio2"
            if isinstance(exc, OSError)
            else "pip install 'interbot-tui[voice]'"
        )
        raise SpeakerUnavailable(f"sounddevice does not load ({exc}): {fix}") from exc
    return sd


class SoundDeviceOutput:
    def __init__(self, device: int | str | None = None) -> None:
        self.sd = _sounddevice()
        self.device = device
        self._stop = threading.Event()
        try:
            info = self.sd.query_devices(device, "output")
        except (ValueError, self.sd.PortAudioError) as exc:
            raise SpeakerUnavailable(
                "no audio output device found: plug in speakers or headphones "
                "(questions are always shown as text)"
            ) from exc
        self.name = str(info["name"])

    def play(self, samples: npt.NDArray[np.float32], rate: int) -> bool:
        """Play to the end (True) or until `stop()` (False). Blocks: call from a worker."""
        self._stop.clear()
        block = max(1, int(rate * BLOCK_S))
        try:
            with self.sd.OutputStream(
                samplerate=rate, channels=1, dtype="float32", device=self.device
            ) as stream:
                start = time.monotonic()
                for offset in range(0, len(samples), block):
                    if self._stop.is_set():
                        stream.abort()
                        return False
                    stream.write(np.ascontiguousarray(samples[offset : offset + block]))
                    ahead = (offset + block) / rate - (time.monotonic() - start)
                    if ahead > BLOCK_S:  # the device took it faster than real time
                        self._stop.wait(ahead - BLOCK_S)
        except (ValueError, self.sd.PortAudioError) as exc:  # ValueError: the device is gone
            raise SpeakerUnavailable(f"the audio output failed: {exc}") from exc
        return not self._stop.is_set()

    def stop(self) -> None:
        self._stop.set()
