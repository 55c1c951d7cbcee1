"""What every command shares: the error type, the flags every command takes, settings from the
parsed flags, and opening the store and the banks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui import locations
from interbot_tui.core.questions.banks import Bank, load_banks
from interbot_tui.core.speech.transcript import LANGUAGES
from interbot_tui.settings import Settings, SettingsError, resolve

if TYPE_CHECKING:
    from collections.abc import Callable

    from interbot_tui.backends.llm.server import ServerConfig
    from interbot_tui.core.ports import ChatModel
    from interbot_tui.store.sessions import Store

EXIT_USAGE = 2


class CliError(Exception):
    """A problem the user can fix; printed as one clear message, exit status 2."""


def common_flags(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """The flags every command takes. On a subcommand they default to SUPPRESS, so a value given
    before the command (`interbot --data-dir X history`) is kept."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        default=default,
        metavar="DIR",
        help="where history and settings live (default: $INTERBOT_DATA_DIR, the config file's "
        "data_dir, or the user data dir)",
    )
    parser.add_argument(
        "--model",
        default=default,
        metavar="NAME|PATH",
        help="a model from `interbot models`, or a GGUF file",
    )
    server = parser.add_argument_group(
        "model server (instead of the in-process model; the API key comes from "
        "$INTERBOT_LLM_API_KEY only)"
    )
    server.add_argument(
        "--llm-url",
        default=default,
        metavar="URL",
        help="an OpenAI-compatible server: llama-server, Ollama, vLLM… "
        "(e.g. http://127.0.0.1:8080/v1; default: $INTERBOT_LLM_URL or llm_url in the config)",
    )
    server.add_argument(
        "--llm-model",
        default=default,
        metavar="NAME",
        help="the model's name on that server (default: the first it lists)",
    )
    server.add_argument(
        "--llm-timeout",
        default=default,
        metavar="SECONDS",
        help="how long the server may stay silent before interbot gives up (default 120)",
    )
    server.add_argument(
        "--llm-chat-format",
        default=default,
        metavar="NAME",
        help="that model's chat template for the grader's probes: chatml, llama-3, gemma, "
        "mistral-instruct (default: guessed from the model's name)",
    )
    server.add_argument(
        "--llm-context",
        default=default,
        metavar="TOKENS",
        help="that model's context size, for servers that do not report it "
        "(default: asked of the server, else 2048)",
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
        f"say ({', '.join(LANGUAGES)}; default: $INTERBOT_LANGUAGE, the config file, the last "
        f"interview's in the full-screen app, or en)",
    )


def speech_flags(parser: argparse.ArgumentParser, default: object) -> list[argparse.Action]:
    """The interviewer's voice: on the full-screen app and on `interbot say`."""
    group = parser.add_argument_group("speech (the interviewer's voice)")
    voice = group.add_argument(
        "--voice",
        default=default,
        metavar="NAME",
        help="espeak-ng voice id or name (default: one for --language; `interbot say --voices`)",
    )
    rate = group.add_argument(
        "--rate", type=int, default=default, metavar="WPM", help="words per minute (default 170)"
    )
    volume = group.add_argument(
        "--volume", type=float, default=default, metavar="0-1", help="loudness (default 1.0)"
    )
    return [voice, rate, volume]


def settings_from(
    args: argparse.Namespace, *, profile_language: Callable[[Path], str | None] | None = None
) -> Settings:
    """Resolve the settings with these flags; a bad value becomes a CliError."""
    flag = vars(args).get
    flags = {
        name: flag(name)
        for name in ("data_dir", "model", "stt_model", "language", "voice", "rate", "volume")
    }
    flags |= {
        name: flag(name)
        for name in (
            "llm_url",
            "llm_model",
            "llm_timeout",
            "llm_chat_format",
            "llm_context",
        )
    }
    flags |= {
        "silence": flag("silence"),
        "mute": flag("mute") or None,  # a switch can only turn it on
        "push_to_talk": flag("push_to_talk") or None,
        "camera": "off" if flag("no_camera") else flag("camera"),
    }
    try:
        return resolve(flags, profile_language=profile_language)
    except SettingsError as exc:
        raise CliError(str(exc)) from exc


def remembered_language(data_dir: Path) -> str | None:
    """The last interview's language, from the history database if there is one (never created
    here: `interbot config` must not leave files behind)."""
    from interbot_tui.store.sessions import DB_NAME, Store, StoreError

    if not (data_dir / DB_NAME).is_file():
        return None
    try:
        store = Store(data_dir, warn=_store_warning)
    except StoreError:
        return None
    try:
        profile = store.last_profile()
    finally:
        store.close()
    return profile.language if profile else None


def open_store(settings: Settings) -> Store:
    from interbot_tui.store.sessions import Store

    return Store(settings.data_dir.value, warn=_store_warning)


def _store_warning(text: str) -> None:
    print(f"interbot: warning: {text}", file=sys.stderr)


def models_dir(settings: Settings) -> Path:
    return locations.models_dir(settings.data_dir.value)


def llm_server(settings: Settings) -> ServerConfig | None:
    """The model server to use (`--llm-url`), or None for the in-process model."""
    if not settings.llm_url.value:
        return None
    from interbot_tui.backends.llm.server import ServerConfig
    from interbot_tui.core.ports import ModelError

    try:
        return ServerConfig(
            settings.llm_url.value,
            model=settings.llm_model.value or "",
            read_timeout=settings.llm_timeout.value,
            chat_format=settings.llm_chat_format.value,
            context=settings.llm_context.value or 0,
        )
    except ModelError as exc:
        raise CliError(str(exc)) from exc


def load_model(settings: Settings) -> ChatModel:
    """The chat model the settings choose: on the server when `--llm-url` is set (connected and
    checked), else the local GGUF, loaded (seconds)."""
    from interbot_tui.backends.llm.factory import load_chat_model

    server = llm_server(settings)
    if server is None:  # the two-argument call, as before the server existed
        return load_chat_model(settings.model.value, models_dir(settings))
    return load_chat_model(settings.model.value, models_dir(settings), server=server)


def grading_notice(model: ChatModel) -> str:
    """What to tell the user when the model cannot give the probe grader its log-probabilities
    (a server is asked once, here, at start); "" otherwise."""
    from interbot_tui.core.grading.fallback import json_fallback_reason

    reason = json_fallback_reason(model)
    return f"interbot: note: {reason} (less reliable than the probe grader)." if reason else ""


def load_user_banks() -> list[Bank]:
    banks, errors = load_banks(locations.banks_dir())
    for error in errors:
        print(f"warning: question bank skipped in part: {error}", file=sys.stderr)
    return banks
