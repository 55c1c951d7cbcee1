"""The prompt for scoring choices is the model's own chat template, with the reply opened."""

from __future__ import annotations

import pytest

from interbot_tui.backends.llm.server.formats import guess_chat_format, prepare, renderer
from interbot_tui.core.ports import ChoicesUnsupported, Message

MESSAGES: list[Message] = [
    {"role": "system", "content": "Rules."},
    {"role": "user", "content": "Q?"},
]


@pytest.mark.parametrize(
    ("model", "chat_format"),
    [
        ("Qwen2.5-Coder-7B-Instruct", "chatml"),
        ("qwen2.5:7b", "chatml"),
        ("models/SmolLM2-135M-Instruct.Q4_1.gguf", "chatml"),
        ("meta-llama/Meta-Llama-3.1-8B-Instruct", "llama-3"),
        ("llama3.1:8b", "llama-3"),
        ("google/gemma-3-4b-it", "gemma"),
        ("mistralai/Mistral-7B-Instruct-v0.3", "mistral-instruct"),
        ("my-private-finetune", ""),
    ],
)
def test_the_format_is_guessed_from_the_model_name(model: str, chat_format: str) -> None:
    assert guess_chat_format(model) == chat_format


def test_chatml_prompt_ends_where_the_reply_starts() -> None:
    prompt = renderer("chatml", "qwen")(MESSAGES)
    assert prompt == (
        "<|im_start|>system\nRules.<|im_end|>\n<|im_start|>user\nQ?<|im_end|>\n"
        "<|im_start|>assistant\n"
    )


def test_templates_without_a_system_role_get_the_rules_in_the_first_turn() -> None:
    assert prepare(MESSAGES, "mistral-instruct") == [{"role": "user", "content": "Rules.\n\nQ?"}]
    assert "Rules." in renderer("mistral-instruct", "mistral")(MESSAGES)
    assert "Rules." in renderer("gemma", "gemma")(MESSAGES)
    assert prepare(MESSAGES, "chatml") == MESSAGES


def test_an_unknown_format_says_which_flag_sets_it() -> None:
    with pytest.raises(ChoicesUnsupported, match="--llm-chat-format"):
        renderer("", "my-private-finetune")
    with pytest.raises(ChoicesUnsupported, match="chatml"):
        renderer("alpaca-ish", "m")
