"""Every user setting, resolved once, each value knowing where it came from.

Precedence, first that sets a value wins: a command-line flag, an `INTERBOT_*` environment
variable, the user config file (TOML, see `locations.config_path`), the remembered profile (the
interview language of the last interview in the full-screen app), the built-in default.
An empty string at any layer counts as "not set". Standard library and platformdirs only: the
CLI resolves settings before it decides what else to import.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import urlsplit

from interbot_tui import locations
from interbot_tui.core.speech.transcript import LANGUAGES

T = TypeVar("T")
Origin = Literal["flag", "env", "config", "profile", "default"]

RATE_RANGE = (80, 400)  # words per minute
SILENCE_RANGE = (0.3, 10.0)  # seconds


class SettingsError(Exception):
    """A setting the user must fix: the message names the flag, variable or file and line."""


@dataclass(frozen=True)
class Source:
    origin: Origin
    detail: str = ""  # the flag, the variable, or the file (with its line); "" otherwise

    def describe(self) -> str:
        return {
            "flag": f"flag {self.detail}",
            "env": f"env {self.detail}",
            "config": f"config {self.detail}",
            "profile": "remembered profile (the last interview)",
            "default": "default",
        }[self.origin]


DEFAULT = Source("default")


@dataclass(frozen=True)
class Resolved(Generic[T]):
    value: T
    source: Source = DEFAULT


# --- reading one value ------------------------------------------------------------------------
# Each reader takes a flag value (typed by argparse, or text), an environment string, or a TOML
# value, and returns the setting's value or raises ValueError with a reason that follows the name
# ("must be …"), or a whole sentence.


def _text(value: object, origin: Origin) -> str:
    if not isinstance(value, str):
        raise ValueError("must be text in quotes")
    return value.strip()


def _path(value: object, origin: Origin) -> Path:
    return Path(_text(value, origin)).expanduser()


def _int(value: object, origin: Origin) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and origin != "config" and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise ValueError("must be a whole number")


def _float(value: object, origin: Origin) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str) and origin != "config":
        try:
            return float(value)
        except ValueError:
            pass
    raise ValueError("must be a number")


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def _bool(value: object, origin: Origin) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and origin != "config" and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError("must be true or false" if origin == "config" else "must be 1 or 0")


def _in_range(read: Callable[[object, Origin], Any], low: float, high: float, reason: str) -> Any:
    def check(value: object, origin: Origin) -> Any:
        number = read(value, origin)
        if not low <= number <= high:
            raise ValueError(reason)
        return number

    return check


def _camera(value: object, origin: Origin) -> int | None:
    """A device number, or None for "off" (`--no-camera`, `camera = "off"` or `false`)."""
    if value is False or (isinstance(value, str) and value.strip().lower() in _FALSE | {"none"}):
        return None
    try:
        device = _int(value, origin)
    except ValueError:
        device = -1
    if device < 0:
        raise ValueError(
            "must be a device number: 0, 1, …" + ("" if origin == "flag" else ' or "off"')
        )
    return device


def _llm_url(value: object, origin: Origin) -> str:
    """An http(s) URL with a host, no credentials (the key comes from INTERBOT_LLM_API_KEY)."""
    url = _text(value, origin)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ValueError("must be a URL like http://127.0.0.1:8080/v1") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL, like http://127.0.0.1:8080/v1")
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            "must not hold a user name or password: put the API key in INTERBOT_LLM_API_KEY"
        )
    return url


def _language(value: object, origin: Origin) -> str:
    code = _text(value, origin).lower()
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    return code


def _keys(value: object, origin: Origin) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError('must be a table: a [keys] section of lines like quit = "ctrl+q"')
    for action, keys in value.items():
        if not isinstance(keys, str) or not keys.strip():
            raise ValueError(f'{action} must be a key in quotes, like {action} = "ctrl+q"')
    return {action: keys.strip() for action, keys in value.items()}


@dataclass(frozen=True)
class Spec:
    """One setting: its name (the config key and the `Settings` field), flag and variable."""

    name: str
    flag: str  # "" when no flag sets it
    env: str  # "" when no variable sets it
    read: Callable[[object, Origin], Any]
    default: object
    about: str  # what it does, for `interbot config` and the README
    shown_default: str = ""  # how `interbot config` shows a default that is None or ""


SPECS: tuple[Spec, ...] = (
    Spec("data_dir", "--data-dir", "INTERBOT_DATA_DIR", _path, None, "history and settings"),
    Spec("model", "--model", "INTERBOT_MODEL", _text, None, "chat model",
         "the catalog's default"),
    Spec("stt_model", "--stt-model", "INTERBOT_STT_MODEL", _text, None,
         "speech-to-text model", "whisper-base"),
    Spec("language", "--language", "INTERBOT_LANGUAGE", _language, "en", "interview language"),
    Spec("voice", "--voice", "INTERBOT_VOICE", _text, "", "the interviewer's espeak-ng voice",
         "one for the language"),
    Spec("rate", "--rate", "INTERBOT_RATE",
         _in_range(_int, *RATE_RANGE, "must be 80–400 words per minute"), 170,
         "speaking rate, words per minute"),
    Spec("volume", "--volume", "INTERBOT_VOLUME",
         _in_range(_float, 0.0, 1.0, "must be between 0 and 1"), 1.0, "loudness, 0–1"),
    Spec("mute", "--mute", "INTERBOT_MUTE", _bool, False, "start with the interviewer muted"),
    Spec("silence", "--silence", "INTERBOT_SILENCE",
         _in_range(_float, *SILENCE_RANGE, "must be between 0.3 and 10 seconds"), 1.2,
         "hands-free: the silence that ends an answer, seconds"),
    Spec("push_to_talk", "--push-to-talk", "INTERBOT_PUSH_TO_TALK", _bool, False,
         "answer with the talk key instead of hands-free"),
    Spec("camera", "--camera", "INTERBOT_CAMERA", _camera, 0, 'webcam device number, or "off"'),
    Spec("keys", "", "", _keys, {}, "key bindings: action = key, for the app's keymap"),
    Spec("llm_url", "--llm-url", "INTERBOT_LLM_URL", _llm_url, None,
         "an OpenAI-compatible server to use instead of the local model", "none: in-process"),
    Spec("llm_model", "--llm-model", "INTERBOT_LLM_MODEL", _text, None,
         "the model's name on that server", "the server's first"),
    Spec("llm_timeout", "--llm-timeout", "INTERBOT_LLM_TIMEOUT",
         _in_range(_float, 1.0, 3600.0, "must be between 1 and 3600 seconds"), 120.0,
         "seconds the server may stay silent before giving up"),
    Spec("llm_chat_format", "--llm-chat-format", "INTERBOT_LLM_CHAT_FORMAT", _text, "",
         "that model's chat template, for the grader's probes", "guessed from its name"),
    Spec("llm_context", "--llm-context", "INTERBOT_LLM_CONTEXT",
         _in_range(_int, 512, 1_048_576, "must be 512–1048576 tokens"), None,
         "that model's context size in tokens, when the server does not say",
         "asked of the server"),
)  # fmt: skip
SPEC = {spec.name: spec for spec in SPECS}


@dataclass(frozen=True)
class Settings:
    """The settings in effect. `config_file` is where the config is read from (it may not exist)."""

    data_dir: Resolved[Path]
    model: Resolved[str | None]
    stt_model: Resolved[str | None]
    language: Resolved[str]
    voice: Resolved[str]
    rate: Resolved[int]
    volume: Resolved[float]
    mute: Resolved[bool]
    silence: Resolved[float]
    push_to_talk: Resolved[bool]
    camera: Resolved[int | None]
    keys: Resolved[dict[str, str]]
    llm_url: Resolved[str | None]
    llm_model: Resolved[str | None]
    llm_timeout: Resolved[float]
    llm_chat_format: Resolved[str]
    llm_context: Resolved[int | None]
    config_file: Path = field(default_factory=locations.config_path)
    config_found: bool = False
    warnings: tuple[str, ...] = ()  # unknown keys in the config file: reported, not fatal

    def resolved(self) -> dict[str, Resolved[Any]]:
        """Each setting by name, in `SPECS` order."""
        return {spec.name: getattr(self, spec.name) for spec in SPECS}

    def to_dict(self) -> dict[str, Any]:
        """For `interbot config --json`."""
        return {
            "config_file": str(self.config_file),
            "config_found": self.config_found,
            "settings": {
                name: {
                    "value": str(r.value) if isinstance(r.value, Path) else r.value,
                    "from": r.source.origin,
                    "detail": r.source.detail,
                }
                for name, r in self.resolved().items()
            },
            "warnings": list(self.warnings),
        }


def show(name: str, value: object) -> str:
    """A value as `interbot config` prints it: TOML-like, or what a None/empty default means."""
    if name == "camera" and value is None:
        return "off"
    if value is None or value == "":
        return f"({SPEC[name].shown_default})" if SPEC[name].shown_default else "-"
    if isinstance(value, dict):
        return ", ".join(f"{k} = {json.dumps(v)}" for k, v in value.items()) or "(the app's own)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- the config file --------------------------------------------------------------------------


def _line_of(text: str, key: str, table: str = "") -> int | None:
    """The line that sets `key` (in `[table]`), for messages; None when it cannot be found."""
    current = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1)
            if not table and current == key:  # a whole table, like [keys]
                return number
        elif current == table and re.match(rf"\s*['\"]?{re.escape(key)}['\"]?\s*=", line):
            return number
    return None


def load_config(path: Path) -> tuple[dict[str, Any], str]:
    """The config file's table and its text; ({}, "") when there is no file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, ""
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read the config file {path}: {exc}") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        where = re.search(r" \(at line (\d+), column \d+\)$", reason)
        if where:
            line, reason = int(where.group(1)), reason[: where.start()]
        else:  # "(at end of document)"
            line, reason = (
                max(1, len(text.splitlines())),
                re.sub(r" \(at end of document\)$", "", reason),
            )
        raise SettingsError(
            f"{path}:{line}: not valid TOML: {reason}. Fix that line, "
            "or point INTERBOT_CONFIG at another file."
        ) from None


# --- resolving --------------------------------------------------------------------------------


def _message(spec: Spec, reason: str, source: Source, raw: object) -> str:
    named = f"{spec.name} {reason}" if reason.startswith("must") else f"{spec.name}: {reason}"
    if source.origin == "flag":
        return f"{spec.flag} {reason}" if reason.startswith("must") else reason
    if source.origin == "env":
        return f"{spec.env}={raw}: {named}. Change it, or unset {spec.env}."
    shown = "" if isinstance(raw, dict) else f" (it is {json.dumps(raw)})"
    return f"{source.detail}: {named}{shown}. Fix the value, or delete the line."


def _read(spec: Spec, raw: object, source: Source) -> Any:
    try:
        return spec.read(raw, source.origin)
    except ValueError as exc:
        raise SettingsError(_message(spec, str(exc), source, raw)) from None


def _unset(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def resolve(
    flags: Mapping[str, object] | None = None,
    *,
    profile_language: Callable[[Path], str | None] | None = None,
) -> Settings:
    """Resolve every setting. `flags` maps setting names to flag values (None: not given);
    `profile_language(data_dir)` reads the remembered profile's language, only if needed.

    Raises SettingsError for a value that is not valid or a config file that is not TOML."""
    flags = flags or {}
    path = locations.config_path()
    table, text = load_config(path)
    values: dict[str, Any] = {}  # name -> Resolved, one per field of Settings
    for spec in SPECS:
        layers: list[tuple[object, Source]] = [
            (flags.get(spec.name), Source("flag", spec.flag)),
            (os.environ.get(spec.env) if spec.env else None, Source("env", spec.env)),
        ]
        if spec.name in table:
            line = _line_of(text, spec.name)
            layers.append(
                (table[spec.name], Source("config", f"{path}:{line}" if line else str(path)))
            )
        for raw, source in layers:
            if not _unset(raw):
                values[spec.name] = Resolved(_read(spec, raw, source), source)
                break
        else:
            default = spec.default
            if spec.name == "data_dir":
                default = locations.default_data_dir()
            elif isinstance(default, dict):
                default = dict(default)  # not the spec's own dict
            values[spec.name] = Resolved(default)
    if values["language"].source.origin == "default" and profile_language is not None:
        remembered = profile_language(values["data_dir"].value)
        if remembered in LANGUAGES:  # a stale or broken profile falls back to the default
            values["language"] = Resolved(remembered, Source("profile"))
    unknown = [key for key in table if key not in SPEC]
    warnings = tuple(
        f"{path}:{_line_of(text, key) or 1}: unknown setting {key!r} ignored "
        f"(known: {', '.join(SPEC)})"
        for key in unknown
    )
    return Settings(
        **values,
        config_file=path,
        config_found=bool(text) or path.is_file(),
        warnings=warnings,
    )
