"""Recorded answers: kept recordings on disk, and `@PATH` answers in plain mode."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import numpy as np
import soundfile as sf

from interbot_tui.backends.stt.files import AUDIO_DIR, keep_recording
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.speech.delivery import Word, analyse
from interbot_tui.core.speech.transcript import SAMPLE_RATE, Transcript
from interbot_tui.plain import FileTranscriber, run_plain
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel, grade

SPOKEN = "Um, a B-tree keeps its keys sorted, so range scans are cheap."
TYPED = (
    "It is a complete answer: what it is, why it matters, how I used it in production last "
    "year and what I measured before and after the change went live."
)


def spoken_words() -> tuple[Word, ...]:
    pieces = SPOKEN.split()
    return tuple(Word(p, 0.5 + 0.4 * i, 0.5 + 0.4 * i + 0.3) for i, p in enumerate(pieces))


def test_keep_recording_writes_a_private_wav(data_dir: Path) -> None:
    t = np.arange(SAMPLE_RATE // 2) / SAMPLE_RATE
    samples = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)

    name = keep_recording(data_dir, 7, 3, samples)

    assert name.startswith(f"{AUDIO_DIR}/session7-q3-") and name.endswith(".wav")
    path = data_dir / name
    back, rate = sf.read(path, dtype="float32")
    assert rate == SAMPLE_RATE and back.ndim == 1 and len(back) == len(samples)
    np.testing.assert_allclose(back, samples, atol=1.5 / 32768)  # 16-bit PCM
    assert sf.info(path).subtype == "PCM_16"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / AUDIO_DIR).stat().st_mode) == 0o700


def test_keep_recording_without_a_session_id(data_dir: Path) -> None:
    name = keep_recording(data_dir, None, 1, np.zeros(160, np.float32))
    assert name.startswith(f"{AUDIO_DIR}/session0-q1-")
    assert sf.info(data_dir / name).frames == 160


def run(
    banks: list[Bank],
    data_dir: Path,
    lines: list[str],
    transcribe: FileTranscriber | None,
    *,
    questions: int = 1,
) -> str:
    out = io.StringIO()
    run_plain(
        Profile(role="Backend engineer", questions=questions),
        banks,
        FakeChatModel(default_grade=grade("correct", 9, "Good.")),
        Store(data_dir),
        seed=3,
        transcribe=transcribe,
        stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
        stdout=out,
    )
    return out.getvalue()


def test_at_path_answer_is_transcribed_graded_and_stored(
    banks: list[Bank], data_dir: Path, tmp_path: Path
) -> None:
    asked: list[tuple[Path, list[str]]] = []
    transcript = Transcript(SPOKEN, "en", 6.0, 0.2, spoken_words())

    def transcribe(path: Path, terms: list[str]) -> Transcript:
        asked.append((path, terms))
        return transcript

    text = run(banks, data_dir, ["@ ~/answer.wav "], transcribe)

    assert len(asked) == 1
    path, terms = asked[0]
    assert path == Path.home() / "answer.wav"  # stripped and expanded
    assert "Backend engineer" in terms  # biased toward the role, and the question's terms
    expected = analyse(transcript.words, transcript.duration_s)
    lines = text.splitlines()
    assert f"Heard: {SPOKEN}" in lines
    assert f"Delivery: {expected.summary()}" in lines
    assert "Verdict: correct (9/10)" in lines
    assert lines.index(f"Heard: {SPOKEN}") < lines.index("Verdict: correct (9/10)")
    assert "Accuracy: 1/1 (100%)" in text

    store = Store(data_dir)
    turns = store.turns(store.sessions()[0].id)
    assert len(turns) == 1
    assert turns[0].answer == SPOKEN
    assert set(turns[0].question.terms) <= set(terms)
    assert turns[0].delivery == expected
    assert turns[0].delivery is not None and turns[0].delivery.fillers == {"um": 1}


def test_failing_transcriber_prints_a_notice_and_the_interview_goes_on(
    banks: list[Bank], data_dir: Path
) -> None:
    def transcribe(path: Path, terms: list[str]) -> Transcript:
        raise ValueError(f"cannot read {path} as audio")

    text = run(banks, data_dir, ["@broken.mp3", TYPED], transcribe)

    assert "Notice: cannot read broken.mp3 as audio. Type the answer, or give another @FILE." in (
        text.splitlines()
    )
    assert "Heard:" not in text and "Delivery:" not in text
    assert "Verdict: correct (9/10)" in text and "Accuracy: 1/1 (100%)" in text
    store = Store(data_dir)
    turns = store.turns(store.sessions()[0].id)
    assert [t.answer for t in turns] == [TYPED]
    assert turns[0].delivery is None


def test_empty_transcript_says_no_speech_was_heard(banks: list[Bank], data_dir: Path) -> None:
    def transcribe(path: Path, terms: list[str]) -> Transcript:
        return Transcript("", "en", 3.0)

    text = run(banks, data_dir, ["@quiet.wav", TYPED], transcribe)

    assert "Notice: no speech was heard in that file. Type the answer instead." in text
    assert "Heard:" not in text
    store = Store(data_dir)
    assert [t.answer for t in store.turns(store.sessions()[0].id)] == [TYPED]


def test_without_voice_extras_an_at_path_line_is_not_an_answer(
    banks: list[Bank], data_dir: Path
) -> None:
    text = run(banks, data_dir, ["@answer.wav"], None)

    assert "Notice: audio answers need the voice extras; type the answer instead." in text
    assert "Verdict:" not in text
    store = Store(data_dir)
    assert store.turns(store.sessions()[0].id) == []  # end of input: nothing was answered
