from __future__ import annotations

from collections.abc import Sequence

from interbot_tui.core.grading.fallback import NO_CHOICES, json_fallback_reason
from interbot_tui.core.ports import Message
from tests.fakes.llm import FakeChatModel


class ChatOnly:
    name = "chat-only"

    def chat(self, messages: list[Message], **kw: object) -> str:
        return ""


class Scorer(FakeChatModel):
    def choice_probabilities(
        self, messages: list[Message], choices: Sequence[str], *, prefix: str = ""
    ) -> list[float]:
        return [1 / len(choices)] * len(choices)


class Server(Scorer):
    """A scorer that finds out at run time (a server): asked once, it says why not."""

    def __init__(self, works: bool) -> None:
        super().__init__()
        self.works, self.asked = works, 0

    def scores_choices(self) -> bool:
        self.asked += 1
        return self.works

    @property
    def choices_unsupported(self) -> str:
        return "" if self.works else "the server gives no log-probabilities"


def test_a_model_that_scores_choices_uses_the_probes() -> None:
    assert json_fallback_reason(Scorer()) == ""


def test_a_model_that_cannot_score_choices_falls_back() -> None:
    assert json_fallback_reason(ChatOnly()) == NO_CHOICES  # type: ignore[arg-type]


def test_a_server_is_asked_and_its_reason_is_given() -> None:
    working, broken = Server(True), Server(False)
    assert json_fallback_reason(working) == "" and working.asked == 1
    assert json_fallback_reason(broken) == "the server gives no log-probabilities"
