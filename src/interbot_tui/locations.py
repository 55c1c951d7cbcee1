"""Where interbot keeps things. Everything the user creates lives in one data dir.

Data dir: `--data-dir`, else `$INTERBOT_DATA_DIR`, else the platform's user data dir
(e.g. ~/.local/share/interbot); `interbot_tui.settings` adds the config file's `data_dir`.
Models: `$INTERBOT_MODELS_DIR`, else `models/` of a source checkout, else `<data dir>/models`.
Config file: `$INTERBOT_CONFIG`, else `config.toml` in the platform's user config dir
(e.g. ~/.config/interbot/config.toml).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP = "interbot"
_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent  # src/interbot_tui -> repo root, in a source checkout


def default_data_dir() -> Path:
    """The platform's user data dir, used when nothing else names one."""
    return Path(user_data_dir(APP, appauthor=False))


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    env = os.environ.get("INTERBOT_DATA_DIR")
    return Path(env).expanduser() if env else default_data_dir()


def config_path() -> Path:
    """The user's config file (it need not exist): $INTERBOT_CONFIG, else the user config dir's."""
    env = os.environ.get("INTERBOT_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(user_config_dir(APP, appauthor=False)) / "config.toml"


def _bundled(name: str) -> Path:
    """A data file of the source checkout, else the copy packed into the wheel."""
    checkout = _CHECKOUT / name
    return checkout if checkout.exists() else _PACKAGE / "_data" / Path(name).name


def catalog_path() -> Path:
    return _bundled("models/catalog.toml")


def banks_dir() -> Path:
    return _bundled("question_banks")


def models_dir(data: Path | None = None) -> Path:
    env = os.environ.get("INTERBOT_MODELS_DIR")
    if env:
        return Path(env).expanduser()
    if (_CHECKOUT / "models" / "catalog.toml").exists():
        return _CHECKOUT / "models"
    return (data or data_dir()) / "models"


def examples_dir() -> Path:
    """The sample resume, job ad and prepared answers of a source checkout."""
    return _CHECKOUT / "examples"


def shared_data_dir() -> Path | None:
    """Real-speech samples for `interbot bench`: $INTERBOT_SHARED_DATA, or ../shared/data beside
    a source checkout. None when neither exists (the bench then uses synthetic speech only)."""
    env = os.environ.get("INTERBOT_SHARED_DATA")
    if env:
        return Path(env).expanduser()
    beside = Path(__file__).resolve().parents[3] / "shared" / "data"
    return beside if beside.is_dir() else None
