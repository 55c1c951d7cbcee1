"""Chat models. The interface, `ChatModel` (and `ChoiceScorer`), lives in `core/ports.py`
because the core codes against it; here are the real one, `llama_cpp.LlamaCppChatModel`
(llama.cpp in-process), and `factory.py`, which picks it from the catalog and loads it.
The scripted fake is `tests/fakes/llm.py`."""
