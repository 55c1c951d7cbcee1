"""Text to speech: espeak-ng through pyttsx3, played with sounddevice."""
