"""A chat model on an OpenAI-compatible server the user runs (`--llm-url`).

`config.py` the URL and timeouts (the API key only from INTERBOT_LLM_API_KEY), `transport.py`
JSON and server-sent events to that one host, `formats.py` the chat template for raw prompts,
`logprobs.py` the next-token probabilities out of a reply, `model.py` the `ServerChatModel`.
Standard library only, plus llama-cpp-python's chat formats for scoring choices.
"""

from interbot_tui.backends.llm.server.config import API_KEY_ENV, ServerConfig
from interbot_tui.backends.llm.server.model import ServerChatModel

__all__ = ["API_KEY_ENV", "ServerChatModel", "ServerConfig"]
