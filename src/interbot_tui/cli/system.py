"""About this installation: `interbot doctor`, `interbot where`, `interbot config`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from interbot_tui import locations
from interbot_tui.cli.common import llm_server, models_dir
from interbot_tui.settings import Settings, show


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    doctor = command(
        "doctor", "check the models, microphone, speaker and camera, and say how to fix"
    )
    doctor.add_argument("--json", action="store_true")
    doctor.set_defaults(handler=cmd_doctor)

    command("where", "print where interbot keeps its files").set_defaults(handler=cmd_where)

    config = command("config", "print each setting in effect and where it came from")
    config.add_argument("--json", action="store_true")
    config.set_defaults(handler=cmd_config)


def cmd_doctor(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui import doctor

    checks = doctor.run_checks(
        settings.data_dir.value,
        models_dir(settings),
        stt_spec=settings.stt_model.value,
        llm_spec=settings.model.value,
        llm_server=llm_server(settings),
    )
    print(doctor.to_json(checks) if args.json else doctor.render(checks))
    return doctor.exit_code(checks)


def cmd_where(args: argparse.Namespace, settings: Settings) -> int:
    data = settings.data_dir.value
    print(f"data dir      {data}")
    print(f"history       {data / 'history.sqlite3'}")
    print(f"models        {locations.models_dir(data)}")
    print(f"model catalog {locations.catalog_path()}")
    print(f"banks         {locations.banks_dir()}")
    print(f"config file   {settings.config_file}")
    return 0


def config_lines(settings: Settings) -> list[str]:
    """The table `interbot config` prints: setting, value, where it came from."""
    found = "" if settings.config_found else " (none yet: create it to change the defaults)"
    lines = [f"Config file: {settings.config_file}{found}", ""]
    rows = [
        (name, show(name, r.value), r.source.describe()) for name, r in settings.resolved().items()
    ]
    width = max(len(value) for _, value, _ in rows)
    names = max(len(name) for name, _, _ in rows)
    lines += [f"{name:{names}} {value:{min(width, 40)}}  {source}" for name, value, source in rows]
    lines += [f"warning: {warning}" for warning in settings.warnings]
    return lines


def cmd_config(args: argparse.Namespace, settings: Settings) -> int:
    if args.json:
        print(json.dumps(settings.to_dict(), indent=2))
    else:
        print("\n".join(config_lines(settings)))
    return 0
