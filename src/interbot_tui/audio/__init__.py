"""The voice pipeline: microphone capture, voice activity, streaming transcription."""
