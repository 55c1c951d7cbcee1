"""Speech to text: the microphone, voice activity, streaming Whisper transcription."""
