"""Plain mode: the interview as lines on stdin/stdout, for scripts and screen readers."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from interbot_tui.backends.llm.model_file import FileBacked
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
from interbot_tui.core.speech.transcript import Transcript
from interbot_tui.core.text import terminal_safe
from interbot_tui.session.interview_session import InterviewSession, SessionOptions
from interbot_tui.session.launch import NEW_INTERVIEW, Launch
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
        # Questions, feedback and names come from files, the model and the user: nothing in
        # them may act on the terminal.
        print(terminal_safe(text), file=self.out, flush=True)


# Transcribe a recorded answer, biased toward these terms.
FileTranscriber = Callable[[Path, list[str]], Transcript]


def _heard(
    path_text: str,
    session: InterviewSession,
    transcribe: FileTranscriber | None,
    printer: PlainPrinter,
) -> Transcript | None:
    """`@PATH`: the file's words, or None (with a notice) when it cannot be used."""
    if transcribe is None:
        printer.line("Notice: audio answers need the voice extras; type the answer instead.")
        return None
    try:
        transcript = transcribe(Path(path_text.strip()).expanduser(), session.bias_terms())
    except (OSError, ValueError, RuntimeError) as exc:
        printer.line(f"Notice: {exc}. Type the answer, or give another @FILE.")
        return None
    if not transcript.text:
        printer.line("Notice: no speech was heard in that file. Type the answer instead.")
        return None
    printer.line(f"Heard: {transcript.text}")
    return transcript


def run_plain(
    profile: Profile,
    banks: list[Bank],
    model: ChatModel,
    store: Store,
    *,
    data_dir: Path | None = None,
    seed: int | None = None,
    transcribe: FileTranscriber | None = None,
    launch: Launch = NEW_INTERVIEW,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
) -> int | None:
    """Run one interview; returns the session id. A line `@PATH` answers with a recording.

    `data_dir` (default: the store's) is where the grader's calibration is read from; `launch`
    makes it a retry, a practice session or the rest of an interrupted one."""
    if launch.kind == "interview" and launch.resume is None:
        store.remember_profile(profile)
    printer = PlainPrinter(stdout, profile.mode)

    def failed(exc: Exception) -> None:
        printer.line(f"Notice: something went wrong: {exc}. Answer again, or end the input.")

    session = InterviewSession.open(
        profile,
        model,
        banks,
        store,
        SessionOptions(data_dir=data_dir or store.path.parent, seed=seed),
        emit=printer,
        on_error=failed,
        on_notice=lambda text: print(terminal_safe(text), file=stderr, flush=True),
        launch=launch,
    )
    watched = model if isinstance(model, FileBacked) else None

    def check_model_file() -> None:
        """Say once if the model file was removed or replaced (the loaded model goes on)."""
        nonlocal watched
        change = watched.file_change() if watched is not None else None
        if change:
            print(f"Notice: {change}", file=stderr, flush=True)
            watched = None

    session.start()
    session.wait()
    prompt = stdin.isatty()
    while not session.finished:
        check_model_file()
        if prompt:
            print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            session.finish()
        elif line.startswith("@"):
            transcript = _heard(line[1:].rstrip("\n"), session, transcribe, printer)
            if transcript is not None:
                spoken = session.hear(transcript)
                printer.line(f"Delivery: {spoken.delivery.summary()}")
                session.submit(spoken)
        else:
            session.submit(line.rstrip("\n"))
        session.wait()
    session.close()
    printer.line(f"Session: {session.session_id}")
    return session.session_id
