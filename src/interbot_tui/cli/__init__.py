"""The `interbot` command: the full-screen app by default, and subcommands for scripts and
maintenance, one module per group. Only argparse and the settings load here, so `--help` is
instant; each command imports what it needs when it runs."""

from __future__ import annotations

import argparse
import os
import sys

from interbot_tui import __version__
from interbot_tui.cli import (
    attempts,
    history,
    interview,
    measure,
    persona,
    practice,
    progress,
    setup_cmds,
    system,
    vision,
    voice,
)
from interbot_tui.cli.common import (
    EXIT_USAGE,
    CliError,
    common_flags,
    remembered_language,
    settings_from,
)
from interbot_tui.core.ports import ModelError

__all__ = ["EXIT_USAGE", "CliError", "build_parser", "main"]

# In this order in `interbot --help`.
GROUPS = (
    interview,
    persona,
    practice,
    history,
    attempts,
    progress,
    setup_cmds,
    voice,
    vision,
    system,
    measure,
)


class _Parsers:
    """The root parser, each subcommand's parser, and the full-screen app's own flags."""

    def __init__(self) -> None:
        self.root = argparse.ArgumentParser(
            prog="interbot",
            description="A private interview coach in your terminal. With no COMMAND, the "
            "full-screen app.",
        )
        self.root.add_argument("--version", action="version", version=f"interbot {__version__}")
        common_flags(self.root, top=True)
        self.app_flags = interview.app_flags(self.root)
        sub = self.root.add_subparsers(dest="command", metavar="COMMAND")
        self.commands: dict[str, argparse.ArgumentParser] = {}

        def command(name: str, help_text: str) -> argparse.ArgumentParser:
            parser = sub.add_parser(name, help=help_text, description=help_text)
            common_flags(parser, top=False)
            self.commands[name] = parser
            return parser

        for group in GROUPS:
            group.register(command)

    def misplaced(self, args: argparse.Namespace) -> str:
        """A full-screen app flag given with a command that does not take it: the refusal."""
        if not args.command:
            return ""
        takes = {action.dest for action in self.commands[args.command]._actions}
        for action in self.app_flags:
            if getattr(args, action.dest, None) is not None and action.dest not in takes:
                flag = action.option_strings[0]
                return (
                    f"{flag} applies to the full-screen app only (`interbot {flag} …` with no "
                    f"command); `interbot {args.command}` does not take it"
                )
        return ""


def build_parser() -> argparse.ArgumentParser:
    return _Parsers().root


def main(argv: list[str] | None = None) -> int:
    from interbot_tui.models.catalog import CatalogError
    from interbot_tui.store.sessions import StoreError

    parsers = _Parsers()
    args = parsers.root.parse_args(argv)
    refusal = parsers.misplaced(args)
    if refusal:
        print(f"interbot: {refusal}", file=sys.stderr)
        return EXIT_USAGE
    try:
        # The remembered profile is the full-screen app's (and what `config` shows for it).
        uses_profile = args.command in (None, "config")
        settings = settings_from(
            args, profile_language=remembered_language if uses_profile else None
        )
        if args.command != "config":  # `config` lists them itself
            for warning in settings.warnings:
                print(f"interbot: warning: {warning}", file=sys.stderr)
        return int(getattr(args, "handler", interview.cmd_tui)(args, settings))
    except (CliError, ModelError, StoreError, CatalogError) as exc:
        print(f"interbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `interbot … | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
