"""The server model's chat template, rendered here: scoring choices sends a raw prompt to the
completions endpoint, so it must be the text the model's own template makes, with the reply
opened, as the in-process back-end builds it. llama-cpp-python's named formats do the rendering.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from interbot_tui.backends.llm.llama_cpp import NO_SYSTEM_ROLE, _named_formats, fold_system
from interbot_tui.core.ports import ChoicesUnsupported, Message

# Substrings of a model's name -> its chat format, first match wins ("llama-3" before "llama").
GUESSES: tuple[tuple[str, str], ...] = (
    ("llama-3", "llama-3"),
    ("llama3", "llama-3"),
    ("qwen", "chatml"),
    ("smollm", "chatml"),
    ("hermes", "chatml"),
    ("gemma", "gemma"),
    ("mistral", "mistral-instruct"),
    ("mixtral", "mistral-instruct"),
)
FORMATS = ("chatml", "qwen", "llama-3", "gemma", "mistral-instruct")
# Their templates drop system messages: the rules go into the first user turn instead.
DROPS_SYSTEM = NO_SYSTEM_ROLE | {"mistral-instruct"}


def guess_chat_format(model: str) -> str:
    """The chat format a model's name suggests; "" when it suggests none."""
    lowered = model.lower().replace("_", "-")
    return next((fmt for part, fmt in GUESSES if part in lowered), "")


def prepare(messages: list[Message], chat_format: str) -> list[Message]:
    """The messages as this template can take them (system folded in where it has no role)."""
    return fold_system(messages) if chat_format in DROPS_SYSTEM else messages


def renderer(chat_format: str, model: str) -> Callable[[list[Message]], str]:
    """messages -> the prompt text, ending where the assistant's reply starts.

    Raises ChoicesUnsupported naming --llm-chat-format when the format is not known."""
    if not chat_format:
        raise ChoicesUnsupported(
            f"the chat format of {model!r} cannot be told from its name, so choices cannot be "
            f"scored: pass --llm-chat-format ({', '.join(FORMATS)})"
        )
    formatter = _formatters().get(chat_format)
    if formatter is None:
        raise ChoicesUnsupported(
            f"--llm-chat-format {chat_format!r} is not known: use one of {', '.join(FORMATS)}"
        )

    def render(messages: list[Message]) -> str:
        return str(formatter(messages=prepare(messages, chat_format)).prompt)

    return render


def _formatters() -> dict[str, Any]:
    from llama_cpp import llama_chat_format as f

    return _named_formats() | {
        "llama-3": f.format_llama3,
        "mistral-instruct": f.format_mistral_instruct,
    }
