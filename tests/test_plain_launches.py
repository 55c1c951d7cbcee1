"""Plain mode runs the launches from history: resume after a kill, retry with a comparison."""

from __future__ import annotations

import io
from pathlib import Path

from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.plain import run_plain
from interbot_tui.session.launches import Prepared, resume_launch, retry_launch
from interbot_tui.store.sessions import Store
from tests.fakes.llm import FakeChatModel, grade

LONG = (
    "It is a complete answer: what it is, why it matters, how I used it in production last "
    "year and what I measured before and after the change went live."
)
PROFILE = Profile(role="Backend engineer", topic="Python", questions=3)


def plain(banks: list[Bank], store: Store, prepared: Prepared, lines: list[str]) -> str:
    out = io.StringIO()
    run_plain(
        prepared.profile,
        banks,
        FakeChatModel(default_grade=grade("correct", 9, "Good.")),
        store,
        seed=4,
        launch=prepared.launch,
        stdin=io.StringIO("".join(f"{line}\n" for line in lines)),
        stdout=out,
    )
    return out.getvalue()


def test_resume_after_a_kill_asks_only_what_is_left(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    recorder = store.start_session(PROFILE, "fake")
    killed = Interview(
        PROFILE,
        banks,
        LLMGrader(FakeChatModel([grade("correct", 9), grade("partial", 5)])),
        recorder=recorder,
        seed=1,
    )
    killed.start()
    killed.submit(LONG)  # question 1: correct
    stopped = killed.current
    assert stopped is not None
    killed.submit(LONG)  # question 2: partial, a hint is given; then the terminal closes
    text = plain(banks, store, resume_launch(store), [LONG, LONG])
    assert "Welcome back. 1 of 3 questions are answered" in text
    assert f"Interviewer: {stopped.text}" in text and "Interviewer: Hint:" in text
    assert "Question 1/" not in text and "Question 2/3" in text and "Question 3/3" in text
    assert "Accuracy: 3/3 (100%)" in text  # the report has the turns from before the kill
    assert text.rstrip().endswith(f"Session: {recorder.session_id}")
    [session] = store.sessions()
    assert session.status == "finished" and session.questions == 3


def test_retry_a_question_is_compared_with_the_last_time(data_dir: Path, banks: list[Bank]) -> None:
    store = Store(data_dir)
    recorder = store.start_session(PROFILE, "fake")
    engine = Interview(
        PROFILE,
        banks,
        LLMGrader(FakeChatModel([grade("partial", 5), grade("partial", 5)])),
        recorder=recorder,
        seed=1,
    )
    engine.start()
    engine.submit(LONG)  # partial, then a hint
    engine.submit(LONG)  # still partial: the answer is revealed
    engine.finish()
    text = plain(banks, store, retry_launch(store, 1, 1), [LONG])
    assert "Question 1/1" in text
    assert "Since your last try on" in text and "your score went up to 9/10" in text
    assert store.attempt_links() == {2: [{"number": 1, "repeats_session": 1, "repeats_number": 1}]}
    assert [s.kind for s in store.sessions()] == ["interview", "retry"]
