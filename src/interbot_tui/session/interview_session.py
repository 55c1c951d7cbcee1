"""One interview as every front end drives it: built once, run on one worker thread.

The full-screen app and plain mode are thin shells over this. It opens the session in the store,
reads the grader's calibration for the model from the data dir, builds the engine, runs every
engine action in order on its own thread, writes the next question ahead once per question, and
turns a spoken answer into text with its delivery figures (and a kept recording, if asked).
Engine events and failures reach the front end through callbacks, on the session's thread.
"""

from __future__ import annotations

import os
import queue
import random
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui.core.i18n.phrases import Phrases
from interbot_tui.core.interview.engine import Interview
from interbot_tui.core.interview.events import (
    Event,
    InterviewerSaid,
    InterviewFinished,
    Purpose,
    QuestionAsked,
)
from interbot_tui.core.interview.plan import Slot
from interbot_tui.core.interview.turn import Turn
from interbot_tui.core.ports import ChatModel, Recorder
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.grounded import grounded_plan
from interbot_tui.core.questions.question import Question
from interbot_tui.core.questions.selection import slot_kinds
from interbot_tui.core.reporting.render import to_markdown
from interbot_tui.core.reporting.report import Report
from interbot_tui.core.speech.delivery import Delivery, analyse
from interbot_tui.core.speech.transcript import Transcript, bias_terms
from interbot_tui.core.vision.expression import ExpressionSummary
from interbot_tui.session.assemble import model_interview
from interbot_tui.session.calibration import score_model_for
from interbot_tui.session.launch import NEW_INTERVIEW, Launch
from interbot_tui.store.sessions import SessionRecorder, Store

if TYPE_CHECKING:
    from interbot_tui.core.progress.stored_session import StoredSession

Action = Callable[[Interview], object]
EventSink = Callable[[Event], object]
ErrorSink = Callable[[Exception], object]
NoticeSink = Callable[[str], object]
# Write a recording to the data dir; returns its file name relative to it.
KeepRecording = Callable[[Path, int | None, int, object], str]


@dataclass(frozen=True)
class SpokenAnswer:
    transcript: Transcript
    delivery: Delivery
    audio: str  # the kept recording, relative to the data dir; "" when not kept


@dataclass(frozen=True)
class SessionOptions:
    """What a session needs besides the profile and the model, resolved once by the front end."""

    data_dir: Path  # history, the grader's calibration and recordings live here
    seed: int | None = None  # repeatable question order
    keep_audio: bool = False  # keep each spoken answer as a WAV under <data dir>/recordings


class InterviewSession:
    """Start it, submit typed or spoken answers, finish it; `close` when the front end goes."""

    def __init__(
        self,
        interview: Interview,
        options: SessionOptions,
        *,
        session_id: int | None = None,
        on_error: ErrorSink | None = None,
        on_notice: NoticeSink | None = None,
        keep_recording: KeepRecording | None = None,
        launch: Launch = NEW_INTERVIEW,
    ) -> None:
        self.interview = interview
        self.launch = launch
        self.options = options
        self.session_id = session_id
        self.on_error: ErrorSink = on_error or (lambda exc: None)
        self.on_notice: NoticeSink = on_notice or (lambda text: None)
        self._keep_recording = keep_recording
        self._actions: queue.Queue[Action | None] = queue.Queue()
        self._prepared: set[int] = set()
        self._worker = threading.Thread(target=self._run, name="interview", daemon=True)
        self._worker.start()

    @classmethod
    def open(
        cls,
        profile: Profile,
        model: ChatModel,
        banks: list[Bank],
        store: Store | None,
        options: SessionOptions,
        *,
        emit: EventSink,
        on_error: ErrorSink | None = None,
        on_notice: NoticeSink | None = None,
        launch: Launch = NEW_INTERVIEW,
    ) -> InterviewSession:
        """Open the session in the store (without history if that fails, with a notice), read
        the grader's calibration for `model` from the data dir, and build the engine. Notices
        (no history, an unusable calibration) go to `on_notice` before this returns.

        `launch` says what to run; resuming continues the interrupted session's own record."""
        notices: list[str] = []
        recorder: Recorder | None = None
        # The store's recorder, asked at the end whether answers are still kept in memory.
        kept: SessionRecorder | None = None
        session_id = None
        recent: list[str] = []
        earlier: EarlierLoader | None = None
        plan: list[Slot] = list(launch.plan) or list(slot_kinds(profile, banks))
        grounding = launch.grounding if launch.grounding and not launch.grounding.empty else None
        if grounding is not None and not launch.plan and launch.resume is None:
            plan = grounded_plan(plan, grounding, banks, profile, random.Random(options.seed))
        if store is not None:
            try:
                recent = store.recent_question_ids()
                started: SessionRecorder
                if launch.resume is not None:
                    started = store.continue_session(launch.resume.session_id)
                else:
                    started = store.start_session(
                        profile, model.name, kind=launch.kind, plan=plan, grounding=grounding
                    )
                recorder = kept = started
                session_id = started.session_id
                earlier = EarlierLoader(store, session_id)
            except Exception as exc:  # a broken store must not stop practice: no history then
                notices.append(f"History is not being saved: {exc}")
        score_model, notice = score_model_for(options.data_dir, model.name)
        if notice:
            notices.append(notice)
        box: list[InterviewSession] = []

        def forward(event: Event) -> None:
            if isinstance(event, InterviewFinished) and kept is not None and kept.unsaved_answers:
                # Said before the report: which answers are not in the history, and where a
                # copy of the report (with every answer) was saved instead.
                text = unsaved_notice(kept, event.report, Phrases(profile.language))
                emit(InterviewerSaid(text, Purpose.NOTICE))
            emit(event)
            if isinstance(event, QuestionAsked) and box:
                box[0]._prepare_for(event.number)

        interview = model_interview(
            profile,
            banks,
            model,
            recorder=recorder,
            emit=forward,
            seed=options.seed,
            score_model=score_model,
            recent=recent,
            plan=plan,
            earlier=earlier,
            since_last_time=_since_last_time(earlier, session_id or 0) if earlier else None,
            grounding=grounding,
        )
        session = cls(
            interview,
            options,
            session_id=session_id,
            on_error=on_error,
            on_notice=on_notice,
            keep_recording=_keep_recording if options.keep_audio else None,
            launch=launch,
        )
        box.append(session)
        for text in notices:
            session.on_notice(text)
        return session

    # --- state --------------------------------------------------------------------------------

    @property
    def profile(self) -> Profile:
        return self.interview.profile

    @property
    def phrases(self) -> Phrases:
        return self.interview.phrases

    @property
    def finished(self) -> bool:
        return self.interview.finished

    @property
    def number(self) -> int:
        """The number of the question being asked (1-based; 0 before the first)."""
        return self.interview.number

    @property
    def current(self) -> Question | None:
        return self.interview.current

    def bias_terms(self) -> list[str]:
        """Words to bias speech recognition toward for the current question: its technical
        terms, the role and stack, and the spoken finish command in the interview's language."""
        if self.current is None:
            return []
        terms = bias_terms(self.current, self.profile)
        if self.profile.language != "en":
            terms.insert(0, self.phrases["finish_command"])
        return terms

    # --- actions (queued, run in order on the session's thread) ---------------------------

    def start(self) -> None:
        """Greet and ask the first question, or, resuming, go on where the session stopped."""
        resume = self.launch.resume
        if resume is not None:
            self._queue(lambda interview: interview.resume(resume))
        else:
            self._queue(lambda interview: interview.start())

    def hear(self, transcript: Transcript, *, recording: object = None) -> SpokenAnswer:
        """A spoken answer ready to submit: its delivery figures and, when the user keeps
        audio, the recording written to the data dir."""
        delivery = analyse(transcript.words, transcript.duration_s)
        return SpokenAnswer(transcript, delivery, self._keep(recording))

    def submit(
        self, answer: str | SpokenAnswer, *, expression: ExpressionSummary | None = None
    ) -> None:
        """A typed answer (or "finish interview"), or a spoken one from `hear`."""
        if isinstance(answer, str):
            self._queue(lambda interview: interview.submit(answer, expression=expression))
            return
        self._queue(
            lambda interview: interview.submit(
                answer.transcript.text,
                delivery=answer.delivery,
                audio=answer.audio,
                expression=expression,
            )
        )

    def finish(self) -> None:
        """End the interview after whatever is queued (the report comes as an event)."""
        self._queue(lambda interview: interview.finish())

    def wait(self) -> None:
        """Block until every queued action has run (plain mode reads the next line after)."""
        self._actions.join()

    def close(self) -> None:
        """Stop the session's thread once the queued actions have run."""
        self._actions.put(None)

    # --- internals ----------------------------------------------------------------------------

    def _queue(self, action: Action) -> None:
        self._actions.put(action)

    def _run(self) -> None:
        while True:
            action = self._actions.get()
            try:
                if action is None:
                    return
                action(self.interview)
            except Exception as exc:  # told to the user; the interview can go on
                self.on_error(exc)
            finally:
                self._actions.task_done()

    def _prepare_for(self, number: int) -> None:
        """Once per question: let the grader prepare it and write the next model question
        while the candidate answers (on its own thread; the engine locks around it)."""
        if number in self._prepared:
            return
        self._prepared.add(number)
        threading.Thread(target=self._prepare, name="prepare", daemon=True).start()

    def _prepare(self) -> None:
        if self.finished:
            return
        try:
            if self.interview.earlier is not None:
                self.interview.earlier()  # read the history while the candidate answers
            self.interview.prepare_next()
        except Exception:  # work ahead is optional: grading and the bank do without it
            return

    def _keep(self, recording: object) -> str:
        if self._keep_recording is None or recording is None:
            return ""
        try:
            return self._keep_recording(
                self.options.data_dir, self.session_id, self.number, recording
            )
        except OSError as exc:
            self.on_notice(f"The recording was not kept: {exc}")
            return ""


def unsaved_notice(
    recorder: SessionRecorder, report: Report, phrases: Phrases, *, places: Sequence[Path] = ()
) -> str:
    """The last word when answers are still kept in memory at the end (the disk still full, the
    folder still read-only): the report, which has every answer, is saved outside the data dir
    (the temporary folder, else the home folder) and the notice says where."""
    folder = recorder.store.path.parent
    count = recorder.unsaved_answers
    name = f"interbot-session-{recorder.session_id}-"
    copy = save_elsewhere(to_markdown(report), name, places or _fallback_places(folder))
    if copy is None:
        return phrases.say("unsaved_at_end_no_copy", count=count, folder=folder)
    return phrases.say("unsaved_at_end", count=count, folder=folder, copy=copy)


def _fallback_places(folder: Path) -> list[Path]:
    places = [Path(tempfile.gettempdir()), Path.home()]
    return [p for p in places if p.resolve() != folder.resolve()]


def save_elsewhere(text: str, prefix: str, places: Sequence[Path]) -> Path | None:
    """Write `text` to a new private (0600) file named `prefix…md` in the first of `places`
    that takes all of it; None when none does (a partial file is removed)."""
    data = text.encode("utf-8")
    for place in places:
        try:
            fd, name = tempfile.mkstemp(prefix=prefix, suffix=".md", dir=place)
        except OSError:
            continue
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except OSError:
            Path(name).unlink(missing_ok=True)
            continue
        return Path(name)
    return None


class EarlierLoader:
    """The sessions before this one, read once when first asked for (on the session's threads,
    never the UI's: a long history takes a good part of a second to read)."""

    def __init__(self, store: Store, session_id: int) -> None:
        self._store = store
        self._session_id = session_id
        self._sessions: list[StoredSession] | None = None
        self._lock = threading.Lock()

    def __call__(self) -> list[StoredSession]:
        from interbot_tui.store.progress import stored_sessions

        with self._lock:
            if self._sessions is None:
                self._sessions = [
                    s for s in stored_sessions(self._store) if s.id < self._session_id
                ]
            return self._sessions


def _since_last_time(
    earlier: EarlierLoader, session_id: int
) -> Callable[[Question, Sequence[Turn]], str]:
    """What changed since the latest earlier attempt at a question ("" for a new one)."""
    from interbot_tui.core.progress.attempts import attempt_view, attempts_of, what_changed

    def since(question: Question, turns: Sequence[Turn]) -> str:
        previous = attempts_of(earlier(), question.id)
        if not previous:
            return ""
        return what_changed(previous[-1], attempt_view(session_id, turns))

    return since


def _keep_recording(data_dir: Path, session_id: int | None, number: int, samples: object) -> str:
    from interbot_tui.backends.stt.files import keep_recording

    return keep_recording(data_dir, session_id, number, samples)
