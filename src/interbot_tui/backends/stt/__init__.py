"""Speech to text. `base.py`: the interfaces (`SpeechToText`, `VoiceDetector`, `AudioSource`).
Real ones: `whisper.py` (faster-whisper), `vad.py` (Silero, or loudness), `microphone.py`
(sounddevice) and `playback_feed.py` (`--mic-file` recordings). `listener.py` streams one answer
through them; `voice_input.py` is what the UI holds; `factory.py` picks and loads the model;
`files.py` transcribes and keeps recordings. Fakes: `tests/fakes/stt.py`."""
