"""Back-ends by capability (llm, stt, tts, vision): each a small interface in `base.py`, real
implementations, and a `factory.py`; the fakes live in `tests/fakes/`.

Heavy libraries are imported only when a back-end is created, never at import time.
"""
