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
        store = Store(data_dir)
    except StoreError:
        return None
    try:
        profile = store.last_profile()
    finally:
        store.close()
    return profile.language if profile else None


def open_store(settings: Settings) -> Store:
    from interbot_tui.store.sessions import Store

    return Store(settings.data_dir.value)


def models_dir(settings: Settings) -> Path:
    return locations.models_dir(settings.data_dir.value)


def load_user_banks() -> list[Bank]:
    banks, errors = load_banks(locations.banks_dir())
    for error in errors:
        print(f"warning: question bank skipped in part: {error}", file=sys.stderr)
    return banks
