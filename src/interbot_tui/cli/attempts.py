"""`interbot compare SESSION QUESTION`: every attempt at a past question, side by side."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from collections.abc import Callable

from interbot_tui.cli.common import CliError, open_store
from interbot_tui.settings import Settings

WIDTH = 80  # when stdout is not a terminal (a pipe, a file): the width the tables keep to


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    compare = command("compare", "compare your attempts at a past question, side by side")
    compare.add_argument("session", type=int, metavar="SESSION", help="a session id (`history`)")
    compare.add_argument(
        "question", type=int, metavar="QUESTION", help="its question number (`report SESSION`)"
    )
    compare.add_argument("--json", action="store_true", help="every attempt as JSON")
    compare.set_defaults(handler=cmd_compare)


def _width() -> int:
    if not sys.stdout.isatty():
        return WIDTH
    return shutil.get_terminal_size((WIDTH, 24)).columns


def cmd_compare(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.core.progress.attempts import compare_lines, what_changed
    from interbot_tui.store.attempts import question_and_attempts
    from interbot_tui.store.sessions import StoreError

    try:
        question, attempts = question_and_attempts(
            open_store(settings), args.session, args.question
        )
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print(json.dumps([a.to_dict() for a in attempts], indent=2))
        return 0
    width = _width()
    title = f"Question {args.question} of session {args.session}: {question.text}"
    lines = [*textwrap.wrap(title, width), ""]
    lines += compare_lines(attempts, width)
    if len(attempts) < 2:
        lines += [
            "",
            "Answered once so far; "
            f"`interbot retry {args.session} {args.question}` answers it again.",
        ]
    elif changed := what_changed(attempts[-2], attempts[-1]):
        lines += ["", *textwrap.wrap(changed, width)]
    print("\n".join(lines))
    return 0
