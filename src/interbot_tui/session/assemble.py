"""One place that puts an interview together around a chat model, for the TUI and plain mode."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from interbot_tui.core.documents.facts import Grounding
from interbot_tui.core.grading.probe_grader import LLMGrader
from interbot_tui.core.grading.score_model import ScoreModel
from interbot_tui.core.i18n.phrases import language_name
from interbot_tui.core.i18n.translation import LLMTranslator
from interbot_tui.core.interview.engine import EarlierSessions, Interview, SinceLastTime
from interbot_tui.core.interview.events import Event
from interbot_tui.core.interview.plan import Slot
from interbot_tui.core.ports import ChatModel, Recorder
from interbot_tui.core.profile import Profile
from interbot_tui.core.questions.banks import Bank
from interbot_tui.core.questions.writer import LLMQuestionWriter


def model_interview(
    profile: Profile,
    banks: list[Bank],
    model: ChatModel,
    *,
    recorder: Recorder | None = None,
    emit: Callable[[Event], None] | None = None,
    seed: int | None = None,
    score_model: ScoreModel | None = None,
    recent: Collection[str] = (),
    plan: Sequence[Slot] | None = None,
    earlier: EarlierSessions | None = None,
    since_last_time: SinceLastTime | None = None,
    grounding: Grounding | None = None,
) -> Interview:
    """The model grades (with `score_model`, fitted for it), writes fresh questions, and speaks
    the interview's language."""
    return Interview(
        profile,
        banks,
        LLMGrader(model, language=language_name(profile.language), score_model=score_model),
        writer=LLMQuestionWriter(model),
        translator=LLMTranslator(model),
        recorder=recorder,
        emit=emit,
        seed=seed,
        recent=recent,
        plan=plan,
        earlier=earlier,
        since_last_time=since_last_time,
        grounding=grounding,
    )
