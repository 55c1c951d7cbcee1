"""Setting up: `interbot models` (list, verify, install) and `interbot banks` (list, validate)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui import locations
from interbot_tui.cli.common import CliError, models_dir
from interbot_tui.core.profile import Difficulty
from interbot_tui.core.questions.banks import load_bank, load_banks
from interbot_tui.settings import Settings

if TYPE_CHECKING:
    from interbot_tui.models.catalog import ModelEntry, Status


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    models = command("models", "list, verify or install models")
    models.add_argument("action", nargs="?", choices=["list", "verify", "install"], default="list")
    models.add_argument("names", nargs="*", metavar="NAME")
    models.add_argument("--force", action="store_true", help="reinstall even if intact")
    models.add_argument("--setup", action="store_true", help="install the set-up models")
    models.set_defaults(handler=cmd_models)

    banks = command("banks", "list question banks, or validate a bank file")
    banks.add_argument("--validate", metavar="PATH", help="check one bank file and report problems")
    banks.set_defaults(handler=cmd_banks)


def model_lines(
    name: str, entry: ModelEntry, state: Status, reason: str, *, full: bool
) -> list[str]:
    """One model's line in `interbot models`, and how to fix it when it is not installed."""
    from interbot_tui.models.catalog import Status

    mark = {"installed": "✓", "missing": "·", "corrupt": "✗"}[state.value]
    default = " (default)" if entry.default else ""
    size = f"{entry.total_size / 1e6:,.{0 if entry.total_size >= 1e7 else 1}f} MB"
    size = size if entry.total_size else "size unknown"
    lines = [f" {mark} {name:24} {state.value:9} {entry.role:10} {size:>9}  {entry.title}{default}"]
    if state is Status.CORRUPT or (full and state is not Status.INSTALLED):
        fix = f"interbot models install {name}" + (" --force" if state is Status.CORRUPT else "")
        lines.append(f"     {reason}; fix: {fix}")
    return lines


def cmd_models(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.models.catalog import Status, load_catalog, status
    from interbot_tui.models.install import InstallError, install

    catalog = load_catalog()
    mdir = models_dir(settings)
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
        print("\n".join(model_lines(name, entry, state, reason, full=full)))
        bad += state is Status.CORRUPT
    return 1 if bad else 0


def cmd_banks(args: argparse.Namespace, settings: Settings) -> int:
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
