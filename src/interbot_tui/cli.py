"""The `interbot` command: the TUI by default, and subcommands for scripts and maintenance."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui import __version__, locations
from interbot_tui.core.ports import ModelError
from interbot_tui.core.profile import Difficulty, InterviewType, Mode, Profile, ProfileError
from interbot_tui.core.questions.banks import Bank, load_bank, load_banks
from interbot_tui.core.reporting.render import FORMATS, render
from interbot_tui.core.speech.transcript import LANGUAGES

if TYPE_CHECKING:
    from interbot_tui.backends.stt.whisper import WhisperSpeechToText
    from interbot_tui.backends.tts.espeak import Pyttsx3Synthesizer
    from interbot_tui.backends.tts.voice_output import SpeechSettings
    from interbot_tui.backends.vision.camera import CameraSettings
    from interbot_tui.core.speech.transcript import Transcript
    from interbot_tui.store.sessions import Store
    from interbot_tui.tools.grader_eval import ItemResult

EXIT_USAGE = 2


class CliError(Exception):
    """A problem the user can fix; printed as one clear message, exit status 2."""


def _speech_flags(parser: argparse.ArgumentParser, default: object) -> None:
    """The interviewer's voice: on the TUI and on `interbot say`."""
    group = parser.add_argument_group("speech (the interviewer's voice)")
    group.add_argument(
        "--voice",
        default=default,
        metavar="NAME",
        help="espeak-ng voice id or name (default: one for --language; `interbot say --voices`)",
    )
    group.add_argument(
        "--rate", type=int, default=default, metavar="WPM", help="words per minute (default 170)"
    )
    group.add_argument(
        "--volume", type=float, default=default, metavar="0-1", help="loudness (default 1.0)"
    )


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        default=default,
        metavar="DIR",
        help="where history and settings live (default: $INTERBOT_DATA_DIR or the user data dir)",
    )
    parser.add_argument(
        "--model",
        default=default,
        metavar="NAME|PATH",
        help="a model from `interbot models`, or a GGUF file",
    )
    parser.add_argument(
        "--stt-model",
        default=default,
        metavar="NAME|PATH",
        help="speech-to-text model: whisper-base (default), whisper-tiny.en, or a directory",
    )
    parser.add_argument(
        "--language",
        default=default,
        metavar="CODE",
        help=f"interview language: what Whisper listens for, what the interviewer and the report "
        f"say ({', '.join(LANGUAGES)}; default en, or the last interview's in the TUI)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interbot", description="A private interview coach in your terminal."
    )
    parser.add_argument("--version", action="version", version=f"interbot {__version__}")
    _common(parser, top=True)
    parser.add_argument(
        "--text",
        action="store_true",
        help="text only: no microphone, speech or camera (the mode for SSH)",
    )
    voice = parser.add_argument_group("voice input (TUI)")
    voice.add_argument(
        "--push-to-talk",
        action="store_true",
        help="answer by holding the floor with F4 (start) and F4 (stop) instead of hands-free",
    )
    voice.add_argument(
        "--silence",
        type=float,
        default=1.2,
        metavar="SECONDS",
        help="hands-free: this much silence ends an answer (default 1.2)",
    )
    voice.add_argument("--mic", default=None, metavar="DEVICE", help="input device number or name")
    voice.add_argument(
        "--mic-file",
        action="append",
        default=[],
        metavar="FILE",
        help="play recorded answers as the microphone, one per question (demos, tests)",
    )
    voice.add_argument(
        "--keep-audio",
        action="store_true",
        help="keep each spoken answer as a WAV in the data dir (off by default)",
    )
    _speech_flags(parser, None)
    speech = parser.add_argument_group("speech (TUI)")
    speech.add_argument(
        "--mute", action="store_true", help="start with the interviewer muted (F8 unmutes)"
    )
    speech.add_argument(
        "--no-speech", action="store_true", help="never speak (--text also turns speech off)"
    )
    camera = parser.add_argument_group("camera (TUI)").add_mutually_exclusive_group()
    camera.add_argument(
        "--camera",
        type=int,
        default=None,
        metavar="N",
        help="webcam device number (default 0); frames are read in memory, never stored",
    )
    camera.add_argument(
        "--camera-file",
        default=None,
        metavar="VIDEO",
        help="read a video file as the camera, at its own frame rate, looping (demos, tests)",
    )
    camera.add_argument("--no-camera", action="store_true", help="do not use the camera")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _common(p, top=False)
        return p

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

    history = command("history", "list past sessions")
    history.add_argument("--json", action="store_true")

    report = command("report", "show or export a session's report")
    report.add_argument("session", type=int, metavar="ID")
    report.add_argument("--format", choices=FORMATS, default="md")
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    models = command("models", "list, verify or install models")
    models.add_argument("action", nargs="?", choices=["list", "verify", "install"], default="list")
    models.add_argument("names", nargs="*", metavar="NAME")
    models.add_argument("--force", action="store_true", help="reinstall even if intact")
    models.add_argument("--setup", action="store_true", help="install the set-up models")

    banks = command("banks", "list question banks, or validate a bank file")
    banks.add_argument("--validate", metavar="PATH", help="check one bank file and report problems")

    say = command("say", "speak a line with the interviewer's voice, or write it to a WAV file")
    say.add_argument("text", metavar="TEXT", nargs="?", default="")
    say.add_argument("--out", metavar="FILE.wav", help="write a WAV file instead of playing")
    say.add_argument("--voices", action="store_true", help="list the voices installed")
    _speech_flags(say, argparse.SUPPRESS)

    transcribe = command("transcribe", "transcribe an audio file (WAV, FLAC, MP3) locally")
    transcribe.add_argument("file", metavar="FILE")
    transcribe.add_argument("--json", action="store_true", help="text, timings, words, delivery")

    expression = command("expression", "read the facial expression of each face in an image")
    expression.add_argument("image", metavar="IMAGE")
    expression.add_argument(
        "--json", action="store_true", help="faces: box, expression, probabilities"
    )
    expression.epilog = "exit status: 0 faces found, 1 no face, 2 unreadable image or no model"

    doctor = command(
        "doctor", "check the models, microphone, speaker and camera, and say how to fix"
    )
    doctor.add_argument("--json", action="store_true")

    bench = command("bench", "measure speech recognition latency on this machine")
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--quick", action="store_true", help="only the short answer")

    evalg = command(
        "eval-grader", "grade labelled answers (JSONL) and report accuracy, Spearman and latency"
    )
    evalg.add_argument("file", metavar="FILE.jsonl")
    evalg.add_argument("--json", action="store_true", help="one JSON object with per_item results")
    evalg.add_argument(
        "--model-feedback",
        action="store_true",
        help="let the model write each feedback sentence (slower; timed as the full grade)",
    )
    evalg.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N")

    fitg = command(
        "fit-grader", "fit the grader's score model for a model on labelled answers (JSONL)"
    )
    fitg.add_argument("files", nargs="+", metavar="FILE.jsonl")
    fitg.add_argument("--l2", type=float, default=3.0, help="regularisation (default 3.0)")
    fitg.add_argument("--save", action="store_true", help="use the fit for this model from now on")
    fitg.add_argument("--json", action="store_true")

    command("where", "print where interbot keeps its files")
    return parser


# --- commands ---------------------------------------------------------------------------------


def _data_dir(args: argparse.Namespace) -> Path:
    return locations.data_dir(getattr(args, "data_dir", None))


def _open_store(args: argparse.Namespace) -> Store:
    from interbot_tui.store.sessions import Store

    return Store(_data_dir(args))


def _load_banks() -> list[Bank]:
    banks, errors = load_banks(locations.banks_dir())
    for error in errors:
        print(f"warning: question bank skipped in part: {error}", file=sys.stderr)
    return banks


def cmd_plain(args: argparse.Namespace) -> int:
    from interbot_tui.backends.llm.factory import load_chat_model
    from interbot_tui.plain import run_plain

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
            language=_language(args),
        )
    except ProfileError as exc:
        raise CliError(str(exc)) from exc
    store = _open_store(args)
    banks = _load_banks()
    language = _language(args)
    models_dir = locations.models_dir(_data_dir(args))
    print("Loading the model…", file=sys.stderr, flush=True)
    model = load_chat_model(args.model, models_dir)
    run_plain(
        profile,
        banks,
        model,
        store,
        data_dir=_data_dir(args),
        seed=args.seed,
        transcribe=_file_transcriber(args.stt_model, models_dir, language),
    )
    return 0


def _file_transcriber(
    spec: str | None, models_dir: Path, language: str
) -> Callable[[Path, list[str]], Transcript]:
    """Loads the speech model on the first `@FILE` answer, then reuses it."""
    from interbot_tui.backends.stt.files import transcribe_file

    loaded: list[WhisperSpeechToText] = []

    def transcribe(path: Path, terms: list[str]) -> Transcript:
        if not loaded:
            from interbot_tui.backends.stt.factory import load_stt

            try:
                loaded.append(load_stt(spec, models_dir))
            except ImportError as exc:
                raise RuntimeError(
                    "speech recognition needs the voice extras: pip install 'interbot-tui[voice]'"
                ) from exc
        return transcribe_file(path, stt=loaded[0], language=language, terms=terms)

    return transcribe


def cmd_history(args: argparse.Namespace) -> int:
    sessions = _open_store(args).sessions()
    if args.json:
        print(json.dumps([s.to_dict() for s in sessions], indent=2))
        return 0
    if not sessions:
        print("No sessions yet. Start one with `interbot` or `interbot plain`.")
        return 0
    print(f"{'ID':>4}  {'Started':19}  {'Role':30}  {'Qs':>3}  {'Accuracy':>8}  Status")
    for s in sessions:
        d = s.to_dict()
        acc = "–" if s.accuracy is None else f"{s.accuracy:.0%}"
        role = (s.role + (f" ({s.topic})" if s.topic else ""))[:30]
        print(f"{s.id:>4}  {d['started']:19}  {role:30}  {s.questions:>3}  {acc:>8}  {s.status}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from interbot_tui.store.sessions import StoreError

    try:
        report, meta = _open_store(args).report(args.session)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    text = render(report, args.format, meta)
    if args.output:
        out = Path(args.output)
        try:
            fd = os.open(out, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as exc:
            raise CliError(f"cannot write {out}: {exc}") from exc
        print(f"Wrote {out}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    from interbot_tui.models.catalog import Status, load_catalog, status
    from interbot_tui.models.install import InstallError, install

    catalog = load_catalog()
    mdir = locations.models_dir(_data_dir(args))
    unknown = [n for n in args.names if n not in catalog]
    if unknown:
        raise CliError(f"unknown model(s): {', '.join(unknown)}; known: {', '.join(catalog)}")
    if args.action == "install":
        if args.names:
            names = args.names
        else:
            names = [n for n, e in catalog.items() if (e.setup if args.setup else e.default)]
        failed = []
        for name in names:
            try:
                install(catalog[name], mdir, force=args.force)
            except InstallError as exc:
                print(f"error: {exc}", file=sys.stderr)
                failed.append(name)
        return 1 if failed else 0
    full = args.action == "verify"
    bad = 0
    print(f"Models in {mdir}")
    for name, entry in catalog.items():
        if args.names and name not in args.names:
            continue
        state, reason = status(entry, mdir, full=full)
        mark = {"installed": "✓", "missing": "·", "corrupt": "✗"}[state.value]
        default = " (default)" if entry.default else ""
        size = f"{entry.total_size / 1e6:,.{0 if entry.total_size >= 1e7 else 1}f} MB"
        size = size if entry.total_size else "size unknown"
        print(
            f" {mark} {name:24} {state.value:9} {entry.role:10} {size:>9}  {entry.title}{default}"
        )
        if state is not Status.INSTALLED:
            fix = f"interbot models install {name}" + (
                " --force" if state is Status.CORRUPT else ""
            )
            if state is Status.CORRUPT or full:
                print(f"     {reason}; fix: {fix}")
            if state is Status.CORRUPT:
                bad += 1
    return 1 if bad else 0


def cmd_banks(args: argparse.Namespace) -> int:
    if args.validate:
        path = Path(args.validate)
        bank, errors = load_bank(path)
        for error in errors:
            print(error)
        if bank:
            print(
                f"{path}: {len(bank.questions)} valid question(s) in domain '{bank.domain}'"
                + (f", {len(errors)} problem(s)" if errors else "")
            )
        return 1 if errors or bank is None else 0
    banks, errors = load_banks(locations.banks_dir())
    print(f"Question banks in {locations.banks_dir()}")
    for bank in banks:
        levels = {d: sum(q.difficulty is d for q in bank.questions) for d in Difficulty}
        spread = " ".join(f"{d.value}:{n}" for d, n in levels.items())
        print(
            f"  {bank.domain:20} {bank.kind.value:13} {len(bank.questions):3} questions  ({spread})"
        )
    for error in errors:
        print(f"  problem: {error}")
    return 1 if errors else 0


def cmd_where(args: argparse.Namespace) -> int:
    data = _data_dir(args)
    print(f"data dir      {data}")
    print(f"history       {data / 'history.sqlite3'}")
    print(f"models        {locations.models_dir(data)}")
    print(f"model catalog {locations.catalog_path()}")
    print(f"banks         {locations.banks_dir()}")
    return 0


def _language(args: argparse.Namespace) -> str:
    code = (getattr(args, "language", None) or "en").lower()
    if code not in LANGUAGES:
        raise CliError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    return code


def speech_settings(args: argparse.Namespace) -> SpeechSettings:
    """The speech flags, checked; language from --language."""
    from interbot_tui.backends.tts.voice_output import SpeechSettings

    rate = args.rate if args.rate is not None else 170
    volume = args.volume if args.volume is not None else 1.0
    if not 80 <= rate <= 400:
        raise CliError("--rate must be 80–400 words per minute")
    if not 0.0 <= volume <= 1.0:
        raise CliError("--volume must be between 0 and 1")
    return SpeechSettings(
        voice=args.voice or "",
        rate=rate,
        volume=volume,
        muted=bool(getattr(args, "mute", False)),
        language=_language(args),
    )


def cmd_say(args: argparse.Namespace) -> int:
    from interbot_tui.backends.tts.voice_output import SpeechOff, make_synthesizer

    try:
        synth = make_synthesizer(speech_settings(args))
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
    import numpy as np
    import soundfile

    from interbot_tui.core.speech.sentences import split_sentences

    pause = np.zeros(int(0.25 * synth.sample_rate), dtype=np.float32)
    parts = []
    for sentence in split_sentences(text):
        parts += [synth.synthesize(sentence), pause]
    try:
        soundfile.write(str(out), np.concatenate(parts), synth.sample_rate, subtype="PCM_16")
    except (OSError, RuntimeError) as exc:
        raise CliError(f"cannot write {out}: {exc}") from exc
    seconds = sum(len(p) for p in parts) / synth.sample_rate
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


def cmd_transcribe(args: argparse.Namespace) -> int:
    from interbot_tui.backends.stt.files import transcribe_file
    from interbot_tui.core.speech.delivery import analyse

    language = _language(args)
    try:
        transcript = transcribe_file(
            Path(args.file),
            stt_spec=args.stt_model,
            models_dir=locations.models_dir(_data_dir(args)),
            language=language,
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


def camera_settings(args: argparse.Namespace) -> CameraSettings:
    """The camera flags as settings: off with --no-camera or --text."""
    from interbot_tui.backends.vision.camera import CameraSettings

    if args.camera is not None and args.camera < 0:
        raise CliError("--camera must be a device number: 0, 1, …")
    file = Path(args.camera_file).expanduser() if args.camera_file else None
    if file is not None and not file.is_file():
        raise CliError(f"--camera-file {file}: no such file")
    return CameraSettings(
        enabled=not (args.no_camera or args.text), device=args.camera or 0, file=file
    )


def _bar(share: float, width: int = 20) -> str:
    return "█" * round(share * width)


def cmd_expression(args: argparse.Namespace) -> int:
    from interbot_tui.backends.vision.face_detector import HaarFaceDetector
    from interbot_tui.backends.vision.factory import load_expression_reader
    from interbot_tui.backends.vision.support import VisionUnavailable, cv2_module

    try:
        cv2 = cv2_module()
        reader = load_expression_reader(None, locations.models_dir(_data_dir(args)))
        # A photo may show small faces: search it at up to 1280 px wide, not a camera-sized copy.
        reader.detector = HaarFaceDetector(max_width=1280, min_size=24)
    except VisionUnavailable as exc:
        raise CliError(str(exc)) from exc
    image = cv2.imread(args.image)
    if image is None:
        why = "no such file" if not Path(args.image).is_file() else "not an image OpenCV can read"
        raise CliError(f"cannot read {args.image}: {why}")
    faces = reader.faces(image)
    if args.json:
        payload = {
            "image": args.image,
            "width": int(image.shape[1]),
            "height": int(image.shape[0]),
            "model": reader.name,
            "faces": [
                {
                    "box": list(face.box),
                    "expression": face.expression,
                    "probabilities": {k: round(v, 4) for k, v in face.probabilities.items()},
                }
                for face in faces
            ],
        }
        print(json.dumps(payload, indent=2))
        return 0 if faces else 1
    if not faces:
        print(f"No face found in {args.image}.")
        return 1
    for i, face in enumerate(faces, 1):
        x, y, w, h = face.box
        print(f"Face {i} at x={x} y={y} ({w}×{h} px): {face.expression}")
        for label, p in sorted(face.probabilities.items(), key=lambda kv: -kv[1])[:3]:
            print(f"  {label:9} {p:6.1%} {_bar(p)}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from interbot_tui import doctor

    data = _data_dir(args)
    checks = doctor.run_checks(
        data, locations.models_dir(data), stt_spec=args.stt_model, llm_spec=args.model
    )
    print(doctor.to_json(checks) if args.json else doctor.render(checks))
    return doctor.exit_code(checks)


def cmd_bench(args: argparse.Namespace) -> int:
    from interbot_tui.tools import bench

    log = (lambda line: print(line, file=sys.stderr)) if args.json else print
    result = bench.run(
        locations.models_dir(_data_dir(args)),
        locations.shared_data_dir(),
        stt_spec=args.stt_model,
        llm_spec=args.model,
        quick=args.quick,
        log=log,
    )
    if args.json:
        print(bench.to_json(result))
    return 0


def cmd_eval_grader(args: argparse.Namespace) -> int:
    from interbot_tui.backends.llm.factory import load_chat_model
    from interbot_tui.core.grading.probe_grader import LLMGrader
    from interbot_tui.core.grading.score_model import DEFAULT_MODEL
    from interbot_tui.session.calibration import score_model_for
    from interbot_tui.tools.grader_eval import evaluate, load_items
    from interbot_tui.tools.labelled_answers import LabelledItemError

    try:
        items = load_items(Path(args.file).expanduser())
    except LabelledItemError as exc:
        raise CliError(str(exc)) from exc
    if args.limit is not None:
        if args.limit < 1:
            raise CliError("--limit must be at least 1")
        items = items[: args.limit]
    print(f"Loading the model… ({len(items)} answers to grade)", file=sys.stderr, flush=True)
    model = load_chat_model(args.model, locations.models_dir(_data_dir(args)))
    score_model, notice = score_model_for(_data_dir(args), model.name)
    if notice:
        print(notice, file=sys.stderr)
    elif score_model is not DEFAULT_MODEL:
        print(f"Using the calibration saved by fit-grader for {model.name}.", file=sys.stderr)
    grader = LLMGrader(model, model_feedback=args.model_feedback, score_model=score_model)

    def progress(r: ItemResult) -> None:
        mark = "ok " if r.verdict == r.label else "-- "
        print(
            f"{mark}{r.id}: {r.label} -> {r.verdict or 'ungraded'} ({r.score}) "
            f"{r.latency_s:.2f} s / {r.total_s:.2f} s",
            file=sys.stderr,
            flush=True,
        )

    report = evaluate(grader, items, model=model.name, on_item=progress)
    print(report.to_json() if args.json else report.render())
    return 0


def cmd_fit_grader(args: argparse.Namespace) -> int:
    from interbot_tui.backends.llm.factory import load_chat_model
    from interbot_tui.core.grading.probe_grader import LLMGrader
    from interbot_tui.core.ports import ChoicesUnsupported
    from interbot_tui.session.calibration import calibration_path, save_calibration
    from interbot_tui.tools.grader_eval import load_items
    from interbot_tui.tools.grader_fit import (
        check,
        fit_score_model,
        leave_one_question_out,
        probe_items,
    )
    from interbot_tui.tools.labelled_answers import LabelledItemError

    if args.l2 <= 0:
        raise CliError("--l2 must be above 0")
    items = []
    for name in args.files:
        try:
            items += load_items(Path(name).expanduser())
        except LabelledItemError as exc:
            raise CliError(str(exc)) from exc
    print(f"Loading the model… ({len(items)} answers to probe)", file=sys.stderr, flush=True)
    model = load_chat_model(args.model, locations.models_dir(_data_dir(args)))

    def progress(n: int, item: object) -> None:
        print(f"\rprobed {n}/{len(items)}", end="", file=sys.stderr, flush=True)

    try:
        rows = probe_items(LLMGrader(model), items, on_item=progress)
        print(file=sys.stderr)
        fitted = fit_score_model(rows, args.l2)
    except ChoicesUnsupported as exc:
        raise CliError(f"{model.name} cannot be calibrated: {exc}") from exc
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    held_out = leave_one_question_out(rows, args.l2)
    seen = check(fitted, rows)
    result: dict[str, object] = {
        "model": model.name,
        "n": len(rows),
        "l2": args.l2,
        "accuracy_in_sample": round(seen.accuracy, 4),
        "accuracy_leave_one_question_out": round(held_out.accuracy, 4),
        "spearman_leave_one_question_out": held_out.spearman and round(held_out.spearman, 4),
        "score_model": fitted.to_dict(),
    }
    if args.save:
        path = calibration_path(_data_dir(args), model.name)
        save_calibration(path, fitted, {k: v for k, v in result.items() if k != "score_model"})
        result["saved"] = str(path)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    rho = "n/a" if held_out.spearman is None else f"{held_out.spearman:.3f}"
    print(f"Score model for {model.name} on {len(rows)} answers (L2 {args.l2})")
    print(f"Verdict accuracy  in sample {seen.accuracy:.3f}")
    print(f"Leave one question out: accuracy {held_out.accuracy:.3f}, Spearman {rho}")
    print(json.dumps(fitted.to_dict(), indent=2))
    if args.save:
        print(f"Saved to {result['saved']}: the interview and eval-grader use it for this model.")
    else:
        print("Not saved: add --save to use it for this model.")
    return 0


def cmd_tui(args: argparse.Namespace) -> int:
    from interbot_tui.backends.stt.voice_input import VoiceSettings
    from interbot_tui.tui.app import InterbotApp

    if not 0.3 <= args.silence <= 10:
        raise CliError("--silence must be between 0.3 and 10 seconds")
    device = int(args.mic) if args.mic and args.mic.isdigit() else args.mic
    voice = VoiceSettings(
        hands_free=not args.push_to_talk,
        silence_s=args.silence,
        language=_language(args),
        stt_spec=args.stt_model,
        device=device,
        mic_files=[Path(f).expanduser() for f in args.mic_file],
        keep_audio=args.keep_audio,
    )
    store = _open_store(args)
    app = InterbotApp(
        store=store,
        banks_dir=locations.banks_dir(),
        models_dir=locations.models_dir(_data_dir(args)),
        model_spec=args.model,
        text_only=args.text,
        voice=voice,
        language=_language(args) if getattr(args, "language", None) else "",
        speech=None if args.no_speech else speech_settings(args),
        camera=camera_settings(args),
    )
    app.run()
    return 0


COMMANDS = {
    "plain": cmd_plain,
    "history": cmd_history,
    "report": cmd_report,
    "models": cmd_models,
    "banks": cmd_banks,
    "where": cmd_where,
    "transcribe": cmd_transcribe,
    "say": cmd_say,
    "doctor": cmd_doctor,
    "bench": cmd_bench,
    "eval-grader": cmd_eval_grader,
    "fit-grader": cmd_fit_grader,
    "expression": cmd_expression,
}


def main(argv: list[str] | None = None) -> int:
    from interbot_tui.models.catalog import CatalogError
    from interbot_tui.store.sessions import StoreError

    args = build_parser().parse_args(argv)
    handler = COMMANDS.get(args.command or "", cmd_tui)
    try:
        return handler(args)
    except (CliError, ModelError, StoreError, CatalogError) as exc:
        print(f"interbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `interbot … | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
