"""Chat models: llama.cpp in-process, chosen and loaded by the factory."""
