"""Chat models. The interface, `ChatModel` (and `ChoiceScorer`), lives in `core/ports.py`
because the core codes against it; here are the real ones, `llama_cpp.LlamaCppChatModel`
(llama.cpp in-process) and `server.ServerChatModel` (an OpenAI-compatible server the user runs,
`--llm-url`), and `factory.py`, which picks one and loads or connects it.
The scripted fake is `tests/fakes/llm.py`."""
