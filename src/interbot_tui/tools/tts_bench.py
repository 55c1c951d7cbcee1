"""Bench figures for the interviewer's voice: synthesis speed, and time to first audio for a
typical spoken reply, streamed sentence by sentence versus synthesised whole, in one run.

Both figures come from the same generation: the streamed one is when the Speaker started to
play the reply's first sentence (it is fed the model's deltas as they arrive); the whole one is
when the reply was complete plus the time to synthesise all of it in one go.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from interbot_tui.backends.tts.base import Samples
from interbot_tui.backends.tts.speaker import Speaker
from interbot_tui.core.ports import ChatModel

REPLY_PROMPT = [
    {
        "role": "system",
        "content": "You are a friendly technical interviewer. Speak directly to the candidate. "
        "Reply in three or four short sentences of plain text: what was good, what was "
        "missing, then one follow-up question.",
    },
    {
        "role": "user",
        "content": "Question: What is a database index, and when can it hurt performance?\n"
        "Candidate: An index is like the index of a book, it lets the database find rows "
        "without reading the whole table. It makes queries faster.",
    },
]


@dataclass
class TtsBench:
    voice: str
    load_s: float
    synth_rtf: float  # synthesis time / audio length, on the whole reply
    reply_chars: int
    reply_audio_s: float
    generation_s: float  # the model's whole reply
    first_sentence_generated_s: float
    first_audio_streamed_s: float  # request → first sound, speaking sentence by sentence
    first_audio_whole_s: float  # request → first sound, synthesising the finished reply
    sentences: int

    def to_dict(self) -> dict[str, Any]:
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(self).items()}

    def lines(self) -> list[str]:
        return [
            f"speech out ({self.voice}): loaded in {self.load_s:.2f} s; synthesis real-time "
            f"factor {self.synth_rtf:.3f}",
            f"reply of {self.reply_chars} characters ({self.reply_audio_s:.1f} s of speech, "
            f"{self.sentences} sentences) generated in {self.generation_s:.1f} s",
            f"time to first audio: streamed {self.first_audio_streamed_s:.2f} s "
            f"(first sentence generated at {self.first_sentence_generated_s:.2f} s) vs "
            f"synthesised whole {self.first_audio_whole_s:.2f} s",
        ]


class _Clocked:
    """An output that notes when each sentence would start to play, and plays instantly."""

    def __init__(self) -> None:
        self.starts: list[float] = []

    def play(self, samples: Samples, rate: int) -> bool:
        self.starts.append(time.monotonic())
        return True

    def stop(self) -> None:
        pass


def run_tts_bench(model: ChatModel, log: Callable[[str], None] = print) -> TtsBench:
    from interbot_tui.backends.tts.espeak import Pyttsx3Synthesizer

    t0 = time.monotonic()
    synth = Pyttsx3Synthesizer()
    load_s = time.monotonic() - t0
    synth.synthesize("Warm up.")
    output = _Clocked()
    speaker = Speaker(synth, output)
    first_sentence_at = 0.0

    def on_text(delta: str) -> None:
        nonlocal first_sentence_at
        if speaker.feed(delta) and not first_sentence_at:
            first_sentence_at = time.monotonic()

    start = time.monotonic()
    speaker.mark()
    reply = model.chat(REPLY_PROMPT, max_tokens=160, temperature=0.0, on_text=on_text)
    done = time.monotonic()
    speaker.end_reply()
    speaker.idle(timeout=60)
    streamed = (output.starts[0] - start) if output.starts else float("nan")
    sentences = len(output.starts)
    speaker.close()

    t0 = time.monotonic()
    whole: Samples = synth.synthesize(reply)
    synth_s = time.monotonic() - t0
    audio_s = len(whole) / synth.sample_rate
    result = TtsBench(
        voice=synth.name,
        load_s=load_s,
        synth_rtf=synth_s / audio_s if audio_s else 0.0,
        reply_chars=len(reply),
        reply_audio_s=audio_s,
        generation_s=done - start,
        first_sentence_generated_s=(first_sentence_at or done) - start,
        first_audio_streamed_s=streamed,
        first_audio_whole_s=(done - start) + synth_s,
        sentences=sentences,
    )
    synth.close()
    for line in result.lines():
        log(line)
    return result
