"""Test doubles for every back-end (llm, stt, tts, vision), and `conformance.missing`, which
checks a class or a fake against a back-end protocol."""
