"""Text to speech. `base.py`: the interfaces (`Synthesizer`, `SoundOutput`). Real ones:
`espeak.py` (espeak-ng through pyttsx3) and `sound_output.py` (sounddevice). `speaker.py` speaks
sentence by sentence on a worker; `factory.py` builds it from the settings. Fakes:
`tests/fakes/tts.py`."""
