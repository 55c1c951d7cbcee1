"""`interbot say` (the interviewer's voice) and `interbot transcribe` (speech to text)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui.cli.common import CliError, models_dir, speech_flags
from interbot_tui.settings import Settings

if TYPE_CHECKING:
    from interbot_tui.backends.tts.espeak import Pyttsx3Synthesizer
    from interbot_tui.backends.tts.factory import SpeechSettings


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    say = command("say", "speak a line with the interviewer's voice, or write it to a WAV file")
    say.add_argument("text", metavar="TEXT", nargs="?", default="")
    say.add_argument("--out", metavar="FILE.wav", help="write a WAV file instead of playing")
    say.add_argument("--voices", action="store_true", help="list the voices installed")
    speech_flags(say, argparse.SUPPRESS)
    say.set_defaults(handler=cmd_say)

    transcribe = command("transcribe", "transcribe an audio file (WAV, FLAC, MP3) locally")
    transcribe.add_argument("file", metavar="FILE")
    transcribe.add_argument("--json", action="store_true", help="text, timings, words, delivery")
    transcribe.set_defaults(handler=cmd_transcribe)


def speech_settings(settings: Settings, *, muted: bool = False) -> SpeechSettings:
    """The interviewer's voice from the settings (checked when they were resolved)."""
    from interbot_tui.backends.tts.factory import SpeechSettings

    return SpeechSettings(
        voice=settings.voice.value,
        rate=settings.rate.value,
        volume=settings.volume.value,
        muted=muted,
        language=settings.language.value,
    )


def cmd_say(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.backends.tts.factory import SpeechOff, make_synthesizer

    try:
        synth = make_synthesizer(speech_settings(settings))
    except SpeechOff as exc:
        raise CliError(str(exc)) from exc
    if args.voices:
        for v in synth.voices():
            print(f"{v.id:24} {v.name:32} {', '.join(v.languages)}")
        return 0
    text = args.text if args.text and args.text != "-" else sys.stdin.read()
    if not text.strip():
        raise CliError("nothing to say: give TEXT, or pipe it in with `-`")
    if args.out:
        return _say_to_file(synth, text, Path(args.out))
    return _say_aloud(synth, text)


def _say_to_file(synth: Pyttsx3Synthesizer, text: str, out: Path) -> int:
    from interbot_tui.backends.tts.wav_file import write_speech_wav

    try:
        seconds = write_speech_wav(synth, text, out)
    except (OSError, RuntimeError) as exc:
        raise CliError(f"cannot write {out}: {exc}") from exc
    print(f"Wrote {out} ({seconds:.1f} s, {synth.voice.name}).")
    return 0


def _say_aloud(synth: Pyttsx3Synthesizer, text: str) -> int:
    from interbot_tui.backends.tts.sound_output import SoundDeviceOutput, SpeakerUnavailable
    from interbot_tui.backends.tts.speaker import Speaker

    try:
        output = SoundDeviceOutput()
    except SpeakerUnavailable as exc:
        raise CliError(f"{exc}; or write a file with --out FILE.wav") from exc
    speaker = Speaker(synth, output)
    speaker.say(text)
    speaker.idle(timeout=600)
    speaker.close()
    return 0


def cmd_transcribe(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.backends.stt.files import transcribe_file
    from interbot_tui.core.speech.delivery import analyse

    try:
        transcript = transcribe_file(
            Path(args.file),
            stt_spec=settings.stt_model.value,
            models_dir=models_dir(settings),
            language=settings.language.value,
        )
    except (FileNotFoundError, ValueError) as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        data = transcript.to_dict()
        data["delivery"] = analyse(transcript.words, transcript.duration_s).to_dict()
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(transcript.text)
    return 0
