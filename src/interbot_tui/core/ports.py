"""The interfaces the core needs from the outside world. Back-ends implement them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from interbot_tui.core.grading.grade import Grade
from interbot_tui.core.interview.turn import Turn
from interbot_tui.core.profile import Difficulty, Profile
from interbot_tui.core.questions.question import Kind, Question

if TYPE_CHECKING:
    from interbot_tui.core.reporting.report import Report

Message = dict[str, str]  # {"role": "system"|"user"|"assistant", "content": ...}
TextSink = Callable[[str], None]


class ChatModel(Protocol):
    """A chat LLM. `schema` constrains the output to JSON matching it; `on_text` gets deltas."""

    name: str

    def chat(
        self,
        messages: list[Message],
        *,
        schema: dict[str, Any] | None = None,
        max_tokens: int = 256,
        temperature: float = 0.2,
        on_text: TextSink | None = None,
    ) -> str: ...


@runtime_checkable
class ChoiceScorer(Protocol):
    """A chat model that can say how likely its reply starts with each of a few choices.

    `prefix` is text the reply is taken to start with ("Your answer is"). The result is one
    probability per choice (its first token), normalised over the choices. Calls that share a
    long prompt prefix are cheap on a local model: the evaluated prefix is reused.
    Raises ChoicesUnsupported when the back-end cannot do it (callers fall back to `chat`).
    """

    def choice_probabilities(
        self, messages: list[Message], choices: Sequence[str], *, prefix: str = ""
    ) -> list[float]: ...


@runtime_checkable
class ChoiceSupport(Protocol):
    """A ChoiceScorer that finds out at run time whether it can score (a server that may give
    no log-probabilities): `scores_choices()` asks once; `choices_unsupported` says why not."""

    def scores_choices(self) -> bool: ...

    @property
    def choices_unsupported(self) -> str: ...


@runtime_checkable
class TokenCounter(Protocol):
    """A chat model that can count tokens as it does and says its context size (n_ctx).
    Models without it are estimated (core.persona.context.estimate_tokens)."""

    context_size: int

    def count_tokens(self, text: str) -> int: ...


class PassageRetriever(Protocol):
    """The passages of a document (the resume) most relevant to a question, best first."""

    def retrieve(self, question: str, k: int = 4) -> list[str]: ...


@runtime_checkable
class Closable(Protocol):
    """A back-end holding a native resource; `close` before the process exits."""

    def close(self) -> None: ...


class Grader(Protocol):
    def grade(
        self,
        question: Question,
        answer: str,
        *,
        on_feedback: TextSink | None = None,
        retry_follows: bool = False,
    ) -> Grade:
        """Grade one answer. `retry_follows`: the candidate may try again after a hint, so the
        feedback must not name what was missing (that would give the answer away)."""
        ...


class QuestionWriter(Protocol):
    def write(
        self, profile: Profile, kind: Kind, difficulty: Difficulty, avoid: list[str]
    ) -> Question | None: ...


class Translator(Protocol):
    """English text into the interview's language (a Whisper language code, such as "es")."""

    def translate(self, text: str, language: str) -> str: ...


class Recorder(Protocol):
    """Commits each question and turn as it happens, so a crash loses nothing answered.

    Each method may return, when writes it had kept in memory (see SavingPaused) are now
    written too, how many answers that saved; None (or nothing) otherwise."""

    def record_question(self, number: int, question: Question) -> int | None: ...

    def record_turn(self, turn: Turn) -> int | None: ...

    def record_finish(self, report: Report) -> int | None: ...


class SavingPaused(RuntimeError):
    """The history cannot be written for now; the recorder keeps this write, with the others it
    kept, in memory and writes them in order when it can. `reason`: "full" (no disk space),
    "read_only" (the folder or file became read-only) or "unavailable" (any other I/O failure);
    `folder`: where the history is; `detail`: the storage's own words; `unsaved`: answers kept
    in memory."""

    def __init__(
        self,
        message: str,
        *,
        reason: str,
        folder: str,
        detail: str,
        unsaved: int,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.folder = folder
        self.detail = detail
        self.unsaved = unsaved


class ModelError(RuntimeError):
    """A model could not be loaded or run; the message says what to do."""


class ModelUnreachable(ModelError):
    """The model stopped answering (its server is down, gone or too slow): trying again later
    may work, so nothing is given up for good (an answer is kept for grading again)."""


class ChoicesUnsupported(ModelError):
    """This model or back-end cannot score choices (see ChoiceScorer)."""
