"""`interbot bench`: measure the pipeline on this machine (nothing here is asserted).

Speech to text: model load time, real-time factor on real speech, and the latency from the end
of an answer to its final text for a short and a long answer fed at real-time pace, next to
transcribing the whole recording after it ends, all in the same run. Then the interviewer's
voice (tts_bench), grading latency (grader_eval), the camera (vision_bench) and the sentence
encoder (embedding_bench).
"""

from __future__ import annotations

import difflib
import json
import resource
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interbot_tui.core.speech.transcript import SAMPLE_RATE, Transcript, bias_prompt

JFK = "jfk.flac"
# A spoken answer with natural sentence breaks; its first two sentences make the short one.
ANSWER = [
    "An idempotent operation can be repeated safely.",
    "A B-tree index keeps its keys sorted.",
    "In my last job we ran PostgreSQL on Kubernetes, with a read replica for reporting.",
    "When a request timed out, the client retried it with an idempotency key,",
    "so the payment service could recognise the duplicate and return the first result.",
    "We measured the retry rate every week and kept it under one percent.",
    "For caching we used Redis in front of the product catalogue,",
    "and we invalidated entries when the catalogue service published a change event.",
    "The hardest part was the migration from the old monolith,",
    "which we did one endpoint at a time behind a feature flag.",
    "Looking back, I would add contract tests between the services much earlier.",
    "That would have caught two breaking changes before they reached production.",
]
TERMS = ["idempotent", "B-tree", "PostgreSQL", "Kubernetes", "idempotency key", "Redis"]
DEBUG = False
GAP_S = 0.5  # a breath between sentences


@dataclass
class StreamResult:
    mode: str
    audio_s: float
    finalise_s: float  # end of answer declared (silence or key) → final text
    speech_end_to_text_s: float  # last word spoken → final text (includes waiting for silence)
    offline_s: float  # whole recording transcribed after it ends
    similarity: float  # streamed words vs offline words, 0..1
    jobs: int
    text: str = field(repr=False, default="")

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 3) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def _espeak_answer(sentences: list[str], workdir: Path) -> Any:
    """Synthesise sentences with espeak-ng and join them with short silences."""
    import numpy as np

    from interbot_tui.backends.stt.whisper import read_audio

    parts = []
    gap = np.zeros(int(GAP_S * SAMPLE_RATE), np.float32)
    for i, sentence in enumerate(sentences):
        wav = workdir / f"s{i}.wav"
        subprocess.run(["espeak-ng", "-w", str(wav), sentence], check=True, capture_output=True)
        parts += [read_audio(wav), gap]
    return np.concatenate(parts[:-1])


def _stream(stt: Any, samples: Any, *, push_to_talk: bool, silence_s: float) -> StreamResult:
    """Feed `samples` at real-time pace through a listener; time the final text."""
    from interbot_tui.backends.stt.listener import Callbacks, Listener
    from interbot_tui.backends.stt.playback_feed import blocks
    from interbot_tui.backends.stt.vad import load_vad

    done = threading.Event()
    final: list[Transcript] = []

    def on_final(transcript: Transcript) -> None:
        final.append(transcript)
        done.set()

    listener = Listener(
        stt,
        load_vad(),
        Callbacks(final=on_final),
        silence_s=silence_s,
        hands_free=not push_to_talk,
    )
    listener.arm(terms=TERMS)
    duration = len(samples) / SAMPLE_RATE
    start = time.monotonic()
    speech_end = start + duration
    sent = 0
    key_pressed = False
    for chunk in blocks(samples, trailing_silence_s=silence_s + 3.0):
        if done.is_set():
            break
        listener.feed(chunk)
        sent += len(chunk)
        now = time.monotonic()
        if push_to_talk and not key_pressed and now >= speech_end + 0.3:
            key_pressed = True  # the key is released a moment after the last word
            listener.finish()
        delay = start + sent / SAMPLE_RATE - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    done.wait(30)
    listener.close()
    timing = listener.timing
    text = final[0].text if final else ""
    t0 = time.monotonic()
    offline = stt.transcribe(samples, words=True, prompt=bias_prompt(TERMS))
    offline_s = time.monotonic() - t0
    if DEBUG:
        print(timing.jobs, timing.ended_at - start, timing.final_at - start)
        print("STREAM:", text)
        print("OFFLINE:", offline.text)
    similarity = difflib.SequenceMatcher(
        None, _norm(text).split(), _norm(offline.text).split()
    ).ratio()
    return StreamResult(
        mode="push-to-talk" if push_to_talk else "hands-free",
        audio_s=duration,
        finalise_s=timing.finalise_s,
        speech_end_to_text_s=max(0.0, timing.final_at - speech_end),
        offline_s=offline_s,
        similarity=similarity,
        jobs=len(timing.jobs),
        text=text,
    )


def _norm(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum() or c.isspace())


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(
    models_dir: Path,
    shared_data: Path | None,
    *,
    stt_spec: str | None = None,
    llm_spec: str | None = None,
    quick: bool = False,
    log: Any = print,
) -> dict[str, Any]:
    from interbot_tui.backends.stt.factory import load_stt
    from interbot_tui.backends.stt.whisper import read_audio

    result: dict[str, Any] = {"machine": _machine()}
    t0 = time.monotonic()
    stt = load_stt(stt_spec, models_dir)
    stt_info: dict[str, Any] = {"model": stt.name, "load_s": round(time.monotonic() - t0, 3)}
    log(f"speech model {stt.name}: loaded in {stt_info['load_s']:.2f} s")

    jfk = shared_data / JFK if shared_data else None
    if jfk is not None and jfk.is_file():
        samples = read_audio(jfk)
        stt.transcribe(samples[: SAMPLE_RATE * 2])  # warm-up
        t0 = time.monotonic()
        text = stt.transcribe(samples, words=True).text
        elapsed = time.monotonic() - t0
        stt_info["jfk"] = {
            "audio_s": round(len(samples) / SAMPLE_RATE, 2),
            "elapsed_s": round(elapsed, 3),
            "real_time_factor": round(elapsed / (len(samples) / SAMPLE_RATE), 3),
            "text": text,
        }
        log(
            f"real speech (jfk.flac, {len(samples) / SAMPLE_RATE:.0f} s): "
            f"{elapsed:.2f} s, real-time factor {elapsed / (len(samples) / SAMPLE_RATE):.3f}"
        )
    if shutil.which("espeak-ng") is None:
        stt_info["streaming"] = "skipped: espeak-ng is needed to make the test answers"
        log(stt_info["streaming"])
    else:
        with tempfile.TemporaryDirectory() as tmp:
            short = _espeak_answer(ANSWER[:2], Path(tmp))
            long = _espeak_answer(ANSWER, Path(tmp))
        runs = []
        cases = [(short, False), (short, True)]
        if not quick:
            cases += [(long, False), (long, True)]
        for audio, ptt in cases:
            r = _stream(stt, audio, push_to_talk=ptt, silence_s=1.2)
            runs.append(r.to_dict())
            log(
                f"{r.audio_s:4.0f} s answer, {r.mode:12}: final text {r.finalise_s:.2f} s after "
                f"the end was declared ({r.speech_end_to_text_s:.2f} s after the last word); "
                f"whole recording after the end: {r.offline_s:.2f} s; "
                f"same words {r.similarity:.0%}"
            )
        stt_info["streaming"] = runs
    stt_info["rss_mb"] = round(_rss_mb())
    result["stt"] = stt_info
    result["grading"] = _section(
        "grading", lambda: _grading(models_dir, llm_spec, shared_data, quick, log), log
    )
    result["tts"] = _section("speech out", lambda: _tts(models_dir, llm_spec, log), log)
    result["vision"] = _section("camera", lambda: _vision(models_dir, quick, log), log)
    result["embedding"] = _section("sentence encoder", lambda: _embedding(models_dir, log), log)
    return result


def _section(name: str, measure: Any, log: Any) -> dict[str, Any] | str:
    """One part of the bench; a part that cannot run here says why and the rest goes on."""
    try:
        figures: dict[str, Any] = measure()
    except Exception as exc:  # a missing model, extra or device: report it, measure the rest
        message = f"skipped: {exc}"
        log(f"{name}: {message}")
        return message
    return figures


_models: dict[str | None, Any] = {}


def _chat_model(models_dir: Path, llm_spec: str | None) -> Any:
    """The LLM, loaded once for the grading and speech-out parts."""
    if llm_spec not in _models:
        from interbot_tui.backends.llm.factory import load_chat_model

        _models[llm_spec] = load_chat_model(llm_spec, models_dir)
    return _models[llm_spec]


def _grading(
    models_dir: Path, llm_spec: str | None, shared_data: Path | None, quick: bool, log: Any
) -> dict[str, Any]:
    from interbot_tui.core.grading.probe_grader import LLMGrader
    from interbot_tui.tools.grader_eval import grading_latency, load_items

    dev = shared_data / "grading_dev.jsonl" if shared_data else None
    if dev is None or not dev.is_file():
        raise FileNotFoundError("grading_dev.jsonl is not in the shared data dir")
    model = _chat_model(models_dir, llm_spec)
    result = grading_latency(
        LLMGrader(model), load_items(dev), n=3 if quick else 6, model=model.name
    )
    log(result.summary())
    return result.to_dict()


def _tts(models_dir: Path, llm_spec: str | None, log: Any) -> dict[str, Any]:
    from interbot_tui.tools.tts_bench import run_tts_bench

    return run_tts_bench(_chat_model(models_dir, llm_spec), log).to_dict()


def _vision(models_dir: Path, quick: bool, log: Any) -> dict[str, Any]:
    from interbot_tui.tools.vision_bench import run_vision_bench

    result = run_vision_bench(
        models_dir, frames=20 if quick else 40, seconds=5 if quick else 10, log=log
    )
    for line in result.lines():
        log(line)
    return result.to_dict()


def _embedding(models_dir: Path, log: Any) -> dict[str, Any]:
    from interbot_tui.tools.embedding_bench import run_embedding_bench

    return run_embedding_bench(models_dir, log=log)


def _machine() -> dict[str, Any]:
    import os
    import platform

    return {"cpus": os.cpu_count(), "python": platform.python_version()}


def to_json(result: dict[str, Any]) -> str:
    return json.dumps(result, indent=2, ensure_ascii=False)
