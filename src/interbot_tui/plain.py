"""Plain mode: the interview as lines on stdin/stdout, for scripts and screen readers."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from interbot_tui.core.grading.score_model import DEFAULT_MODEL, ScoreModel
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.interview.events import (
    AnswerGraded,
    Event,
    InterviewerSaid,
    InterviewFinished,
    Purpose,
    QuestionAsked,
)
from interbot_tui.core.ports import ChatModel
from interbot_tui.core.profile import Mode, Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.reporting.render import to_text
from interbot_tui.core.speech.delivery import Delivery, analyse
from interbot_tui.core.speech.transcript import Transcript, bias_terms
from interbot_tui.session.assemble import model_interview
from interbot_tui.store.sessions import Store


class PlainPrinter:
    """Turns engine events into whole lines: no colour, no cursor movement."""

    def __init__(self, out: TextIO, mode: Mode) -> None:
        self.out = out
        self.mode = mode

    def __call__(self, event: Event) -> None:
        if isinstance(event, QuestionAsked):
            self.line(
                f"Question {event.number}/{event.total} ({event.question.kind}, "
                f"{event.question.difficulty}):"
            )
        elif isinstance(event, InterviewerSaid):
            prefix = "Notice: " if event.purpose is Purpose.NOTICE else "Interviewer: "
            self.line(prefix + event.text)
        elif isinstance(event, AnswerGraded) and self.mode is Mode.COACH:
            g = event.turn.grade
            if g.available:
                self.line(f"Verdict: {g.verdict} ({g.score}/10)")
                if g.feedback:
                    self.line(f"Feedback: {g.feedback}")
        elif isinstance(event, InterviewFinished):
            self.line("")
            self.line(to_text(event.report))

    def line(self, text: str) -> None:
        print(text, file=self.out, flush=True)


# Transcribe a recorded answer, biased toward these terms.
FileTranscriber = Callable[[Path, list[str]], Transcript]


def _spoken_answer(
    path_text: str, interview: Interview, transcribe: FileTranscriber | None, printer: PlainPrinter
) -> tuple[str, Delivery] | None:
    """`@PATH`: the file's words as the answer, with its delivery figures; None on failure."""
    if transcribe is None:
        printer.line("Notice: audio answers need the voice extras; type the answer instead.")
        return None
    terms = bias_terms(interview.current, interview.profile)
    try:
        transcript = transcribe(Path(path_text.strip()).expanduser(), terms)
    except (OSError, ValueError, RuntimeError) as exc:
        printer.line(f"Notice: {exc}. Type the answer, or give another @FILE.")
        return None
    if not transcript.text:
        printer.line("Notice: no speech was heard in that file. Type the answer instead.")
        return None
    delivery = analyse(transcript.words, transcript.duration_s)
    printer.line(f"Heard: {transcript.text}")
    printer.line(f"Delivery: {delivery.summary()}")
    return transcript.text, delivery


def run_plain(
    profile: Profile,
    banks: list[Bank],
    model: ChatModel,
    store: Store,
    *,
    seed: int | None = None,
    transcribe: FileTranscriber | None = None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    score_model: ScoreModel = DEFAULT_MODEL,
) -> int:
    """Run one interview; returns the session id. A line `@PATH` answers with a recording."""
    store.remember_profile(profile)
    recorder = store.start_session(profile, model.name)
    printer = PlainPrinter(stdout, profile.mode)
    interview = model_interview(
        profile,
        banks,
        model,
        recorder=recorder,
        emit=printer,
        seed=seed,
        score_model=score_model,
    )
    interview.start()
    prompt = stdin.isatty()
    while not interview.finished:
        # Write the next model question while the candidate thinks (the engine locks around it),
        # then let the grader evaluate the current question's rubric ahead of the answer.
        threading.Thread(target=interview.prepare_next, daemon=True).start()
        if prompt:
            print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            interview.finish()
            break
        answer = line.rstrip("\n")
        if answer.startswith("@"):
            spoken = _spoken_answer(answer[1:], interview, transcribe, printer)
            if spoken is not None:
                interview.submit(spoken[0], delivery=spoken[1])
            continue
        interview.submit(answer)
    printer.line(f"Session: {recorder.session_id}")
    return recorder.session_id
