"""`interbot progress` (how you are doing over sessions) and `interbot forget` (delete sessions
with their recordings and exports, leaving no trace in the history file)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui.cli.common import EXIT_USAGE, CliError, open_store
from interbot_tui.settings import Settings

if TYPE_CHECKING:
    from interbot_tui.store.forget import Forgotten
    from interbot_tui.store.sessions import Store


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    progress = command("progress", "scores over time, trends and what to practise next")
    progress.add_argument(
        "--role", metavar="R", help="only sessions whose role contains R (any case)"
    )
    output = progress.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="the whole progress object")
    output.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="write a self-contained HTML page with charts to FILE (readable by you alone)",
    )
    progress.set_defaults(handler=cmd_progress)

    forget = command(
        "forget", "delete sessions with their recordings and exports, leaving no trace"
    )
    which = forget.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", type=int, metavar="ID", help="one session (see `history`)")
    which.add_argument("--all", action="store_true", help="every session")
    forget.add_argument("--yes", action="store_true", help="do not ask first (for scripts)")
    forget.set_defaults(handler=cmd_forget)


def cmd_progress(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.core.progress import build_progress
    from interbot_tui.core.reporting.progress_text import progress_lines
    from interbot_tui.store.progress import stored_sessions

    progress = build_progress(stored_sessions(open_store(settings)), args.role)
    if args.html is not None:
        from interbot_tui.core.reporting.progress_html import progress_html
        from interbot_tui.private_files import write_private_text

        try:
            write_private_text(args.html, progress_html(progress))
        except OSError as exc:
            raise CliError(f"cannot write {args.html}: {exc.strerror or exc}") from exc
        shown = len(progress.sessions)
        print(f"Wrote progress over {shown} session{'s' if shown != 1 else ''} to {args.html}")
    elif args.json:
        print(json.dumps(progress.to_dict(), indent=2, ensure_ascii=False))
    elif not progress.sessions and progress.role:
        print(
            f'No answered sessions for a role containing "{progress.role}".\n'
            "`interbot history` lists the roles; `interbot progress` shows them all."
        )
    elif not progress.sessions:
        print("No answered sessions yet. Start one with `interbot` or `interbot plain`.")
    else:
        print("\n".join(progress_lines(progress)))
    return 0


def session_scores(store: Store) -> dict[int, dict[str, float | None]]:
    """Per session, for `interbot history --json`: mean score (the last graded attempt's, 1–10)
    and the share of graded questions right at the first attempt."""
    from interbot_tui.core.progress.session_point import session_point
    from interbot_tui.store.progress import stored_sessions

    out = {}
    for session in stored_sessions(store):
        overall = session_point(session).overall.to_dict()
        out[session.id] = {"mean_score": overall["mean_score"], "first_try": overall["first_try"]}
    return out


def _what(store: Store, session: int | None) -> str:
    """What is about to go, for the question; raises CliError for an unknown session."""
    summaries = store.sessions()
    if session is None:
        answers = sum(s.questions for s in summaries)
        return (
            f"all {len(summaries)} sessions ({answers} questions answered), every kept recording "
            "and every export"
        )
    found = [s for s in summaries if s.id == session]
    if not found:
        raise CliError(f"no session {session}; `interbot history` lists them")
    s = found[0]
    started = s.to_dict()["started"].replace("T", " ")
    role = f"{s.role}, " if s.role else ""
    return (
        f"session {s.id} ({role}{started}, {s.questions} questions) with its recordings and exports"
    )


def _confirm(what: str) -> bool:
    try:
        reply = input(f"Forget {what}? This cannot be undone. [y/N] ")
    except EOFError:
        return False
    return reply.strip().lower() in ("y", "yes")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def forgotten_lines(gone: Forgotten) -> list[str]:
    ids = ", ".join(str(i) for i in gone.sessions)
    sessions = _plural(len(gone.sessions), "session") + (f" ({ids})" if ids else "")
    lines = [
        f"Forgot {sessions}, {_plural(gone.turns, 'answer')}, "
        f"{_plural(len(gone.recordings), 'recording')}, {_plural(len(gone.exports), 'export')}."
    ]
    lines += [f"  removed {name}" for name in [*gone.recordings, *gone.exports]]
    return lines


def cmd_forget(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.store.forget import forget
    from interbot_tui.store.sessions import StoreError

    session = None if args.all else int(args.session)
    store = open_store(settings)
    what = _what(store, session)
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                "interbot: forget deletes for good and asks first; with no terminal to ask on, "
                "add --yes",
                file=sys.stderr,
            )
            return EXIT_USAGE
        if not _confirm(what):
            print("Nothing forgotten.")
            return 1
    try:
        gone = forget(store, session)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    print("\n".join(forgotten_lines(gone)))
    return 0
