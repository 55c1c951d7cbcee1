"""The llama.cpp chat model and the scripted fake provide what `core/ports.py` asks for."""

from __future__ import annotations

import pytest

from interbot_tui.backends.llm.llama_cpp import LlamaCppChatModel
from interbot_tui.core.ports import ChatModel, ChoiceScorer
from tests.fakes.conformance import missing
from tests.fakes.llm import FakeChatModel


@pytest.mark.parametrize("protocol", [ChatModel, ChoiceScorer])
@pytest.mark.parametrize("candidate", [LlamaCppChatModel, FakeChatModel()], ids=["real", "fake"])
def test_satisfies_the_protocol(candidate: object, protocol: type) -> None:
    assert missing(candidate, protocol) == []
