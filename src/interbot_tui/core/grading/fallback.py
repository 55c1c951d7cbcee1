"""Whether a model will be graded by the JSON fallback instead of the probes, and why."""

from __future__ import annotations

from interbot_tui.core.ports import ChatModel, ChoiceScorer, ChoiceSupport

NO_CHOICES = "the model cannot score choices, so the JSON grader is used"


def json_fallback_reason(model: ChatModel) -> str:
    """Why answers will be graded by the JSON grader ("" when the probes can run). May ask a
    server once (a network call): run it off the UI thread."""
    if not isinstance(model, ChoiceScorer):
        return NO_CHOICES
    if isinstance(model, ChoiceSupport) and not model.scores_choices():
        return model.choices_unsupported or NO_CHOICES
    return ""
