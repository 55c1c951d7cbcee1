"""Real speech through the real Whisper models: a human recording, espeak-ng answers, streaming,
the fake ALSA microphone and a voice-driven TUI interview.

The Whisper models are skipped with the install command when missing; espeak-ng, sox and
libportaudio2 (Debian packages) are skipped when missing. Figures worth knowing are printed
(run with -s).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from textual.widgets import Input

from interbot_tui.backends.stt.files import transcribe_file
from interbot_tui.backends.stt.voice_input import VoiceSettings
from interbot_tui.core.interview.commands import is_finish_command
from interbot_tui.core.ports import ModelError
from interbot_tui.core.speech.delivery import analyse
from interbot_tui.core.speech.transcript import SAMPLE_RATE, Transcript, bias_prompt
from interbot_tui.locations import banks_dir, models_dir
from interbot_tui.store.sessions import Store
from tests.audio_support import (
    compose,
    espeak_wav,
    missing_audio_tools,
    run_python,
    to_raw_f32,
    write_fake_mic_home,
)
from tests.conftest import SHARED
from tests.fakes.llm import FakeChatModel, grade
from tests.tui.test_app import start_interview, wait_for

pytestmark = pytest.mark.slow

JFK = SHARED / "data" / "jfk.flac"
JFK_TEXT = (
    "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country."
)
TERMS = ["idempotent", "B-tree", "K-means", "PostgreSQL", "Kubernetes"]
TECH_ANSWER = (
    "An idempotent operation can be repeated safely. A B-tree index keeps keys sorted. "
    "We used K-means clustering on PostgreSQL data running in Kubernetes."
)
FINISH = "Finish interview."
MENTIONS_FINISH = "We had to finish the interview loop early because the recruiter left."
# Mishearings of "Finish interview." that commands.is_finish_command documents as accepted.
PLAUSIBLE_FINISH = {
    "finish interview",
    "finish the interview",
    "finishing the new",
    "finishing interview",
    "finnish interview",
    "finish inter view",
    "finish in the view",
    "finish into view",
    "finish interviews",
    "fin ish interview",
}
STREAM_SENTENCES = [
    "A hash index answers equality lookups quickly.",
    "A B-tree index keeps keys sorted for range queries.",
    "We chose PostgreSQL because it is reliable and well documented.",
]
STREAM_TERMS = ["hash index", "B-tree", "PostgreSQL"]

needs_speech = pytest.mark.skipif(
    bool(missing_audio_tools("espeak-ng", "sox")),
    reason=f"needs Debian espeak-ng and sox; missing {missing_audio_tools('espeak-ng', 'sox')}",
)


# --- helpers ------------------------------------------------------------------------------------


def words_of(text: str) -> list[str]:
    """Lower case words without punctuation; a hyphen splits ("B-tree" -> "b tree")."""
    return re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("-", " ")).split()


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words, by word edit distance."""
    ref, hyp = words_of(reference), words_of(hypothesis)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1] / max(len(ref), 1)


def squash(text: str) -> str:
    """Letters and digits only: "B-tree", "B tree" and "btree" compare equal."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def terms_found(text: str, terms: list[str]) -> list[str]:
    return [t for t in terms if squash(t) in squash(text)]


def load_model(name: str) -> Any:
    pytest.importorskip("faster_whisper", reason="the voice extras (faster-whisper) are missing")
    from interbot_tui.backends.stt.factory import load_stt

    try:
        return load_stt(name, models_dir())
    except ModelError as exc:  # the message says how to install it
        pytest.skip(f"speech model {name} not installed: {exc}")


def speech(text: str, out: Path, *, pad_s: float = 0.3) -> np.ndarray:
    """espeak-ng `text` with `pad_s` of silence either side, as 16 kHz float32 samples."""
    return compose(espeak_wav(text, out), pad_start_s=pad_s, pad_end_s=pad_s)


def timed_words_ok(transcript: Transcript) -> None:
    words = transcript.words
    assert words, f"no word timestamps in {transcript.text!r}"
    starts = [w.start for w in words]
    assert starts == sorted(starts), starts
    assert all(0.0 <= w.start <= w.end <= transcript.duration_s + 0.5 for w in words), words


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base() -> Any:
    return load_model("whisper-base")


@pytest.fixture(scope="module")
def tiny() -> Any:
    return load_model("whisper-tiny.en")


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("voice_clips")


# --- 1. real human speech -----------------------------------------------------------------------


def test_jfk_recording_transcribes_with_times_and_delivery(base: Any) -> None:
    if not JFK.is_file():
        pytest.skip(f"no shared recording at {JFK}")
    transcript = transcribe_file(JFK, stt=base)
    wer = word_error_rate(JFK_TEXT, transcript.text)
    delivery = analyse(transcript.words, transcript.duration_s)
    print(
        f"\njfk: {transcript.text!r} WER {wer:.3f}, {transcript.elapsed_s:.2f} s; "
        f"delivery: {delivery.summary()}"
    )
    assert wer <= 0.1, transcript.text
    assert transcript.language == "en"
    assert transcript.duration_s == pytest.approx(11.0, abs=0.1)
    timed_words_ok(transcript)
    assert 100 <= delivery.wpm <= 180, delivery
    assert delivery.long_pauses == 0 and not delivery.fillers, delivery
    # Not only the forced "en": the multilingual model detects English by itself.
    from interbot_tui.backends.stt.whisper import read_audio

    detected = base.transcribe(read_audio(JFK)[: 5 * SAMPLE_RATE], language=None)
    assert detected.language == "en", detected


# --- 2. technical terms -------------------------------------------------------------------------


@needs_speech
def test_bias_prompt_spells_the_technical_terms(base: Any, clips: Path) -> None:
    audio = speech(TECH_ANSWER, clips / "tech.wav")
    plain = base.transcribe(audio).text
    biased = base.transcribe(audio, prompt=bias_prompt(TERMS)).text
    got_plain, got_biased = terms_found(plain, TERMS), terms_found(biased, TERMS)
    message = f"plain: {plain!r} has {got_plain}; biased: {biased!r} has {got_biased}"
    print("\n" + message)
    assert len(got_biased) >= 4, message
    assert len(got_biased) > len(got_plain), message


# --- 3. the spoken finish command ---------------------------------------------------------------


@needs_speech
@pytest.mark.parametrize("model", ["base", "tiny"])
def test_spoken_finish_command(model: str, clips: Path, request: pytest.FixtureRequest) -> None:
    stt = request.getfixturevalue(model)
    finish = speech(FINISH, clips / "finish.wav")
    biased = stt.transcribe(finish, prompt=bias_prompt(TERMS)).text
    plain = stt.transcribe(finish).text
    accepted = is_finish_command(plain)
    print(f"\n{stt.name}: biased {biased!r}; plain {plain!r} -> is_finish_command {accepted}")
    assert is_finish_command(biased), biased
    if " ".join(words_of(plain)) in PLAUSIBLE_FINISH:
        assert accepted, plain
    elif not accepted:
        print(f"NOTE {stt.name}: the unbiased mishearing {plain!r} is not taken as a command")

    mention = speech(MENTIONS_FINISH, clips / "mention.wav")
    for prompt in (bias_prompt(TERMS), ""):
        heard = stt.transcribe(mention, prompt=prompt).text
        print(f"{stt.name}: mention ({'biased' if prompt else 'plain'}) {heard!r}")
        assert "finish" in heard.lower(), heard
        assert not is_finish_command(heard), heard


# --- 4. streaming -------------------------------------------------------------------------------


@needs_speech
def test_streaming_listener_gives_partials_then_a_timed_final(base: Any, clips: Path) -> None:
    from interbot_tui.backends.stt.listener import Callbacks, Listener
    from interbot_tui.backends.stt.playback_feed import play
    from interbot_tui.backends.stt.vad import SileroVad

    wavs = [espeak_wav(s, clips / f"stream{i}.wav") for i, s in enumerate(STREAM_SENTENCES)]
    audio = compose(wavs, pad_start_s=0.4, pad_end_s=0.0, gap_s=0.6)
    events: list[tuple[str, float, Any]] = []
    done = threading.Event()

    def on(kind: str) -> Callable[[Any], None]:
        def record(payload: Any) -> None:
            events.append((kind, time.monotonic(), payload))
            if kind == "final":
                done.set()

        return record

    listener = Listener(
        base,
        SileroVad(),
        Callbacks(partial=on("partial"), final=on("final"), error=on("error")),
        silence_s=1.0,
    )
    try:
        listener.arm(terms=STREAM_TERMS)
        start = time.monotonic()
        play(audio, listener.feed, realtime=True, trailing_silence_s=1.6)
        assert done.wait(15), f"no final; events: {events}"
        time.sleep(0.2)  # a late second final would show up here
    finally:
        listener.close()
    kinds = [kind for kind, _, _ in events]
    assert "error" not in kinds, events
    assert kinds.count("final") == 1, kinds
    final_at = kinds.index("final")
    partials = [(t - start, text) for kind, t, text in events[:final_at] if kind == "partial"]
    transcript: Transcript = events[final_at][2]
    script = " ".join(STREAM_SENTENCES)
    wer = word_error_rate(script, transcript.text)
    timing = listener.timing
    print(
        f"\naudio {len(audio) / SAMPLE_RATE:.1f} s; {len(partials)} partials, first at "
        f"{partials[0][0] if partials else -1:.2f} s; final {transcript.text!r} WER {wer:.3f}; "
        f"finalise_s {timing.finalise_s:.3f}; jobs "
        + ", ".join(f"{k} {a:.1f}s/{e:.2f}s" for k, a, e in timing.jobs)
    )
    assert len(partials) >= 2, events
    assert wer <= 0.25, transcript.text
    # Most of the text is committed while the person is still speaking (the speed itself is
    # measured by `interbot bench`, not asserted: it depends on how busy the machine is).
    assert any(kind == "commit" for kind, _, _ in timing.jobs), timing
    assert timing.finalise_s < 15, timing  # only "it did not hang"
    timed_words_ok(transcript)


# --- 5. the fake ALSA microphone ----------------------------------------------------------------

# Microphone -> blocks until the file's length is reached (the fake device is not paced), then
# the whole recording through a Listener, at full speed, up to its final transcript.
MIC_CHILD = """
import json, sys, threading
from pathlib import Path
import numpy as np
from interbot_tui.backends.stt.listener import Callbacks, Listener
from interbot_tui.backends.stt.microphone import Microphone
from interbot_tui.backends.stt.playback_feed import play
from interbot_tui.backends.stt.vad import SileroVad
from interbot_tui.backends.stt.factory import load_stt

raw, models = Path(sys.argv[1]), Path(sys.argv[2])
expected = np.fromfile(raw, dtype="<f4")
blocks, full = [], threading.Event()

def on_block(block):
    if full.is_set():
        return
    blocks.append(block)
    if sum(len(b) for b in blocks) >= len(expected):
        full.set()

mic = Microphone(on_block)
mic.start()
recorded = full.wait(30)
mic.stop()
audio = np.concatenate(blocks)[: len(expected)] if blocks else np.zeros(0, np.float32)
finals, done = [], threading.Event()
listener = Listener(
    load_stt("whisper-base", models),
    SileroVad(),
    Callbacks(final=lambda t: (finals.append(t), done.set())),
    silence_s=1.0,
)
listener.arm(terms=["B-tree"])
play(audio, listener.feed, realtime=False, trailing_silence_s=0.0)
done.wait(30)
listener.close()
same = len(audio) == len(expected) and bool(np.array_equal(audio, expected))
print(json.dumps({
    "recorded": recorded,
    "samples": len(audio),
    "bit_exact": same,
    "text": finals[0].text if finals else None,
    "words": len(finals[0].words) if finals else 0,
}))
"""


@pytest.mark.skipif(
    bool(missing_audio_tools()),
    reason=f"needs Debian espeak-ng, sox, libportaudio2; missing {missing_audio_tools()}",
)
def test_fake_alsa_microphone_through_the_listener(base: Any, tmp_path: Path) -> None:
    wav = espeak_wav("A B-tree index keeps the keys sorted on disk.", tmp_path / "mic.wav")
    raw = to_raw_f32(wav, tmp_path / "mic.f32", pad_start_s=0.3, pad_end_s=1.5)
    env = write_fake_mic_home(tmp_path / "home", raw)
    code = "import sys; sys.argv[1:] = " + repr([str(raw), str(models_dir())]) + "\n" + MIC_CHILD
    done = run_python(code, env, timeout=90)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\nfake mic: {result}")
    assert result["recorded"] and result["bit_exact"], result
    text = result["text"] or ""
    found = terms_found(text, ["B-tree", "index", "keys", "sorted"])
    assert len(found) >= 3, f"{text!r} has only {found}"
    assert result["words"] >= 5, result


# --- 6. a voice interview in the TUI ------------------------------------------------------------

TUI_ANSWER = (
    "An index is a separate B-tree structure that lets the database find rows quickly "
    "without scanning the whole table."
)
# A real grader takes seconds; a short delay keeps this test close to that flow. (An instant
# grader re-arms the listener at once: test_mic_file_plays_the_next_clip_when_rearmed_at_once.)
GRADER_DELAY_S = 0.5


def require_stt(spec: str | None) -> None:
    pytest.importorskip("faster_whisper", reason="the voice extras (faster-whisper) are missing")
    from interbot_tui.backends.stt.factory import resolve_stt

    try:
        resolve_stt(spec, models_dir())
    except ModelError as exc:
        pytest.skip(f"speech model {spec or '(default)'} not installed: {exc}")


@needs_speech
async def test_tui_interview_answered_and_finished_by_voice(data_dir: Path, clips: Path) -> None:
    require_stt(None)
    from interbot_tui.tui.app import InterbotApp
    from interbot_tui.tui.screens.interview import InterviewScreen
    from interbot_tui.tui.screens.report import ReportScreen

    answer = espeak_wav(TUI_ANSWER, clips / "tui_answer.wav")
    finish = espeak_wav(FINISH, clips / "tui_finish.wav")

    def slow_grade(_messages: list[Any]) -> dict[str, Any]:
        time.sleep(GRADER_DELAY_S)
        return grade("correct", 9, "Good.")

    app = InterbotApp(
        store=Store(data_dir),
        banks_dir=banks_dir(),
        models_dir=models_dir(),
        model_factory=lambda: FakeChatModel(default_grade=slow_grade),
        text_only=False,
        seed=5,
        voice=VoiceSettings(mic_files=[answer, finish], silence_s=1.0),
    )
    started = time.monotonic()
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#role", Input).value = "Backend engineer"
        app.screen.query_one("#topic", Input).value = "PostgreSQL"
        app.screen.query_one("#questions", Input).value = "2"
        await start_interview(pilot, app)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await wait_for(
            pilot, lambda: app.devices.voice is not None or app.devices.voice_state == "failed", 20
        )
        assert app.devices.voice is not None, app.devices.voice_error
        await wait_for(pilot, lambda: bool(screen.session and screen.session.interview.turns), 60)
        assert screen.session is not None
        turn = screen.session.interview.turns[0]
        heard_at = time.monotonic() - started
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), 30)
        report = app.screen.report
        # Let the report screen finish mounting: leaving at once can make Textual's Header
        # query its title after the DOM is gone (NoMatches 'HeaderTitle' at exit).
        await pilot.pause(0.3)
        session_id = screen.session_id
        print(
            f"\nTUI: answer {turn.answer!r} after {heard_at:.1f} s; delivery "
            f"{turn.delivery.summary() if turn.delivery else None}; report after "
            f"{time.monotonic() - started:.1f} s"
        )
    found = terms_found(turn.answer, ["index", "B-tree", "database", "rows", "table"])
    assert len(found) >= 4, f"{turn.answer!r} has only {found}"
    assert turn.delivery is not None and turn.delivery.words >= 10, turn.delivery
    assert report.total == 1, report
    assert report.delivery is not None and report.delivery.answers == 1, report.delivery
    assert session_id is not None
    [stored] = Store(data_dir).turns(session_id)
    assert stored.answer == turn.answer and stored.delivery == turn.delivery


@needs_speech
def test_mic_file_plays_the_next_clip_when_rearmed_at_once(clips: Path) -> None:
    require_stt("whisper-tiny.en")
    from interbot_tui.backends.stt.listener import Callbacks
    from interbot_tui.backends.stt.voice_input import VoiceInput

    first = espeak_wav("Hello there.", clips / "hello.wav")
    second = espeak_wav(FINISH, clips / "finish.wav")
    started: list[float] = []
    finals: list[str] = []
    second_started = threading.Event()

    def on_started() -> None:
        started.append(time.monotonic())
        if len(started) == 2:
            second_started.set()

    def on_final(transcript: Transcript) -> None:
        finals.append(transcript.text)
        if len(finals) == 1:
            voice.listen([])  # the next question comes at once, as after an instant grade

    settings = VoiceSettings(mic_files=[first, second], silence_s=0.6, stt_spec="whisper-tiny.en")
    voice = VoiceInput(settings, models_dir(), Callbacks(speech_started=on_started, final=on_final))
    voice.start()
    try:
        voice.listen([])
        assert second_started.wait(6), f"the second clip was never played; heard {finals}"
    finally:
        voice.close()
