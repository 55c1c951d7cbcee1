"""Playing the interviewer's voice without a sound card: no device, and a fake ALSA speaker.

PortAudio reads the ALSA configuration once per process, so each case runs in a subprocess with
its own HOME (tests/audio_support.py). The fake speaker is ALSA's `file` plugin: what would have
been played is written to a raw file, which the test reads back.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.audio_support import home_env, missing_audio_tools, run_python

pytestmark = pytest.mark.skipif(
    bool(missing_audio_tools()), reason=f"missing: {missing_audio_tools()}"
)

PLAY = """
import json, time
import numpy as np
from interbot_tui.backends.tts.sound_output import SoundDeviceOutput, SpeakerUnavailable
try:
    out = SoundDeviceOutput()
except SpeakerUnavailable as exc:
    print(json.dumps({"error": str(exc)}))
    raise SystemExit
t = np.arange(16000 * 0.6) / 16000
tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
start = time.monotonic()
done = out.play(tone, 16000)
print(json.dumps({"name": out.name, "done": done, "elapsed": time.monotonic() - start}))
"""

FAKE_SPEAKER = """\
pcm.!default {{
    type plug
    slave {{
        pcm {{ type file; slave.pcm "null"; file "{raw}"; format "raw" }}
        format FLOAT_LE
        rate 16000
        channels 1
    }}
}}
"""


def test_no_output_device_is_a_clear_error(tmp_path: Path) -> None:
    result = run_python(PLAY, home_env(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    error = json.loads(result.stdout.strip().splitlines()[-1])["error"]
    assert "no audio output device" in error and "shown as text" in error


def test_the_fake_speaker_gets_the_samples_in_real_time(tmp_path: Path) -> None:
    raw = tmp_path / "played.f32"
    env = home_env(tmp_path / "home")
    (tmp_path / "home" / ".asoundrc").write_text(FAKE_SPEAKER.format(raw=raw))
    result = run_python(PLAY, env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["done"] is True
    # The null device swallows audio at once; playback is still paced like a real speaker.
    assert report["elapsed"] >= 0.5
    played = np.fromfile(raw, dtype="<f4")
    assert 0.55 * 16000 <= len(played) <= 0.7 * 16000
    assert 0.3 < float(np.abs(played).max()) <= 0.51
