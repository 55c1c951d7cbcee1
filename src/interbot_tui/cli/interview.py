"""The interview: the full-screen app (no command; its flags live on the root parser only) and
`interbot plain`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui import locations
from interbot_tui.cli.common import (
    CliError,
    grading_notice,
    load_model,
    load_user_banks,
    models_dir,
    open_store,
    speech_flags,
)
from interbot_tui.core.ports import Closable
from interbot_tui.core.profile import Difficulty, InterviewType, Mode, Profile, ProfileError
from interbot_tui.session.launch import NEW_INTERVIEW, Launch
from interbot_tui.settings import Settings

if TYPE_CHECKING:
    from interbot_tui.backends.stt.whisper import WhisperSpeechToText
    from interbot_tui.backends.vision.camera import CameraSettings
    from interbot_tui.core.documents.facts import Grounding
    from interbot_tui.core.speech.transcript import Transcript
    from interbot_tui.session.documents import DocumentInputs
    from interbot_tui.session.launches import Prepared
    from interbot_tui.tui.app import PersonaOpener

# Each flag of the full-screen app defaults to None, so that `main` can tell one given before
# a command (`interbot --camera 1 history`) and refuse it.


def app_flags(
    parser: argparse.ArgumentParser, default: object = None, *, documents: bool = True
) -> list[argparse.Action]:
    """Add the full-screen app's flags to the root parser (or, with `default` SUPPRESS, to a
    command that can open the app); return them. `documents`: with --resume and --jd."""
    actions = [
        parser.add_argument(
            "--text",
            action="store_true",
            default=default,
            help="text only: no microphone, speech or camera (the mode for SSH)",
        )
    ]
    voice = parser.add_argument_group("voice input (full-screen app)")
    actions += [
        voice.add_argument(
            "--push-to-talk",
            action="store_true",
            default=default,
            help="answer by holding the floor with F4 (start) and F4 (stop) instead of hands-free",
        ),
        voice.add_argument(
            "--silence",
            type=float,
            default=default,
            metavar="SECONDS",
            help="hands-free: this much silence ends an answer (default 1.2)",
        ),
        voice.add_argument(
            "--mic", default=default, metavar="DEVICE", help="input device number or name"
        ),
        voice.add_argument(
            "--mic-file",
            action="append",
            default=default,
            metavar="FILE",
            help="play recorded answers as the microphone, one per question (demos, tests)",
        ),
        voice.add_argument(
            "--keep-audio",
            action="store_true",
            default=default,
            help="keep each spoken answer as a WAV in the data dir (off by default)",
        ),
    ]
    if documents:
        actions += document_flags(parser.add_argument_group("your story"), default)
    actions.append(
        parser.add_argument(
            "--seed",
            type=int,
            default=default,
            help="repeatable question choice and order (the same seed, the same questions)",
        )
    )
    actions += speech_flags(parser, default)
    speech = parser.add_argument_group("speech (full-screen app)")
    actions += [
        speech.add_argument(
            "--mute",
            action="store_true",
            default=default,
            help="start with the interviewer muted (F8 unmutes)",
        ),
        speech.add_argument(
            "--no-speech",
            action="store_true",
            default=default,
            help="never speak (--text also turns speech off)",
        ),
    ]
    camera = parser.add_argument_group("camera (full-screen app)").add_mutually_exclusive_group()
    actions += [
        camera.add_argument(
            "--camera",
            type=int,
            default=default,
            metavar="N",
            help="webcam device number (default 0); frames are read in memory, never stored",
        ),
        camera.add_argument(
            "--camera-file",
            default=default,
            metavar="VIDEO",
            help="read a video file as the camera, at its own frame rate, looping (demos, tests)",
        ),
        camera.add_argument(
            "--no-camera", action="store_true", default=default, help="do not use the camera"
        ),
    ]
    return actions


def document_flags(
    parser: argparse.ArgumentParser | argparse._ArgumentGroup, default: object = None
) -> list[argparse.Action]:
    """--resume and --jd: ground the questions in the candidate's resume and the job."""
    return [
        parser.add_argument(
            "--resume",
            dest="resume_file",
            default=default,
            metavar="FILE",
            help="your resume (PDF, DOCX, Markdown or text): questions about your own claims",
        ),
        parser.add_argument(
            "--jd",
            default=default,
            metavar="FILE",
            help="the job description (a file): questions about its must-haves and your gaps",
        ),
    ]


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    plain = command("plain", "an interview as plain lines on stdin/stdout")
    plain.add_argument("--name", default="")
    plain.add_argument("--role", default="Software engineer")
    plain.add_argument("--topic", default="")
    plain.add_argument("--years", type=int, default=2)
    plain.add_argument("--difficulty", choices=[d.value for d in Difficulty], default="medium")
    plain.add_argument(
        "--type", dest="interview_type", default="mixed", choices=[t.value for t in InterviewType]
    )
    plain.add_argument("--questions", type=int, default=8, help="1–25 (default 8)")
    plain.add_argument("--mode", choices=[m.value for m in Mode], default="coach")
    plain.add_argument("--seed", type=int, default=None, help="repeatable question order")
    document_flags(plain)
    plain.set_defaults(handler=cmd_plain)


def camera_settings(args: argparse.Namespace, settings: Settings) -> CameraSettings:
    """The camera as the app gets it: off with --text, --no-camera or `camera = "off"`;
    --camera-file turns it on with that file."""
    from interbot_tui.backends.vision.camera import CameraSettings

    file = Path(args.camera_file).expanduser() if args.camera_file else None
    if file is not None and not file.is_file():
        raise CliError(f"--camera-file {file}: no such file")
    device = settings.camera.value
    enabled = (file is not None or device is not None) and not args.text
    return CameraSettings(enabled=enabled, device=device or 0, file=file)


def cmd_tui(
    args: argparse.Namespace,
    settings: Settings,
    prepared: Prepared | None = None,
    *,
    persona: PersonaOpener | None = None,
) -> int:
    """The full-screen app; with `prepared`, straight into that session instead of setup;
    with `persona`, persona mode."""
    from interbot_tui.backends.stt.voice_input import VoiceSettings
    from interbot_tui.cli.voice import speech_settings
    from interbot_tui.tui.app import InterbotApp

    language = settings.language
    device = int(args.mic) if args.mic and args.mic.isdigit() else args.mic
    voice = VoiceSettings(
        hands_free=not settings.push_to_talk.value,
        silence_s=settings.silence.value,
        language=language.value,
        stt_spec=settings.stt_model.value,
        device=device,
        mic_files=[Path(f).expanduser() for f in args.mic_file or []],
        keep_audio=bool(args.keep_audio),
    )
    speech = None if args.no_speech else speech_settings(settings, muted=settings.mute.value)
    camera = camera_settings(args, settings)
    app = InterbotApp(
        store=open_store(settings),
        banks_dir=locations.banks_dir(),
        models_dir=models_dir(settings),
        model_spec=settings.model.value,
        model_factory=(lambda: load_model(settings)) if settings.llm_url.value else None,
        text_only=bool(args.text),
        voice=voice,
        data_dir=settings.data_dir.value,
        # "" lets the setup form offer the last interview's language, as the profile layer says.
        language="" if language.source.origin in ("profile", "default") else language.value,
        speech=speech,
        camera=camera,
        keymap=settings.keys.value,
        seed=args.seed,
        prepared=prepared,
        documents=None if persona else document_inputs(args),
        persona=persona,
    )
    app.run()
    return 0


def cmd_plain(args: argparse.Namespace, settings: Settings) -> int:
    try:
        profile = Profile(
            name=args.name,
            role=args.role,
            topic=args.topic,
            years=args.years,
            difficulty=Difficulty(args.difficulty),
            interview_type=InterviewType(args.interview_type),
            questions=args.questions,
            mode=Mode(args.mode),
            language=settings.language.value,
        )
    except ProfileError as exc:
        raise CliError(str(exc)) from exc
    inputs = document_inputs(args)
    launch = NEW_INTERVIEW
    if inputs is not None:
        launch = Launch(grounding=grounding_for(inputs, settings))
    return plain_session(settings, profile, seed=args.seed, launch=launch)


def document_inputs(args: argparse.Namespace) -> DocumentInputs | None:
    """The --resume and --jd given, checked; None when neither was."""
    from interbot_tui.session.documents import DocumentInputs

    resume, jd = getattr(args, "resume_file", None), getattr(args, "jd", None)
    if not resume and not jd:
        return None
    for flag, value in (("--resume", resume), ("--jd", jd)):
        if value and not Path(value).expanduser().is_file():
            raise CliError(f"{flag} {value}: no such file")
    return DocumentInputs(resume=resume or "", job=jd or "")


def grounding_for(inputs: DocumentInputs, settings: Settings) -> Grounding | None:
    """Read the documents for a plain session; say what was read on stderr (stdout is the
    interview's)."""
    from interbot_tui.session.documents import load_grounding, remember_inputs

    loaded = load_grounding(inputs, settings.data_dir.value)
    for line in loaded.summary:
        print(line, file=sys.stderr)
    try:
        store = open_store(settings)
        try:
            remember_inputs(store, inputs)
        finally:
            store.close()
    except Exception as exc:  # a lost convenience, not a reason to stop
        print(f"interbot: warning: could not remember the documents: {exc}", file=sys.stderr)
    return None if loaded.grounding.empty else loaded.grounding


def plain_session(
    settings: Settings, profile: Profile, *, seed: int | None, launch: Launch = NEW_INTERVIEW
) -> int:
    """Load the model and run one session as plain lines (`plain`, and `--plain` elsewhere)."""
    from interbot_tui.plain import run_plain

    store = open_store(settings)
    banks = load_user_banks()
    print("Loading the model…", file=sys.stderr, flush=True)
    model = load_model(settings)
    if notice := grading_notice(model):
        print(notice, file=sys.stderr)
    try:
        run_plain(
            profile,
            banks,
            model,
            store,
            data_dir=settings.data_dir.value,
            seed=seed,
            transcribe=file_transcriber(settings),
            launch=launch,
        )
    finally:
        if isinstance(model, Closable):  # work ahead may still be inside the model
            model.close()
    return 0


def file_transcriber(settings: Settings) -> Callable[[Path, list[str]], Transcript]:
    """Loads the speech model on the first `@FILE` answer, then reuses it."""
    from interbot_tui.backends.stt.files import transcribe_file

    loaded: list[WhisperSpeechToText] = []

    def transcribe(path: Path, terms: list[str]) -> Transcript:
        if not loaded:
            from interbot_tui.backends.stt.factory import load_stt

            try:
                loaded.append(load_stt(settings.stt_model.value, models_dir(settings)))
            except ImportError as exc:
                raise RuntimeError(
                    "speech recognition needs the voice extras: pip install 'interbot-tui[voice]'"
                ) from exc
        return transcribe_file(path, stt=loaded[0], language=settings.language.value, terms=terms)

    return transcribe
