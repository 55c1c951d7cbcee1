"""`interbot history` (past sessions) and `interbot report ID` (one session's report)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from interbot_tui.cli.common import CliError, open_store
from interbot_tui.core.reporting.render import FORMATS, render
from interbot_tui.settings import Settings

if TYPE_CHECKING:
    from interbot_tui.store.sessions import SessionSummary


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    history = command("history", "list past sessions")
    history.add_argument("--json", action="store_true")
    history.set_defaults(handler=cmd_history)

    report = command("report", "show or export a session's report")
    report.add_argument("session", type=int, metavar="ID")
    report.add_argument("--format", choices=FORMATS, default="md")
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    report.set_defaults(handler=cmd_report)


def history_lines(sessions: list[SessionSummary]) -> list[str]:
    """The table `interbot history` prints."""
    lines = [f"{'ID':>4}  {'Started':19}  {'Role':30}  {'Qs':>3}  {'Accuracy':>8}  Status"]
    for s in sessions:
        d = s.to_dict()
        acc = "–" if s.accuracy is None else f"{s.accuracy:.0%}"
        role = (s.role + (f" ({s.topic})" if s.topic else ""))[:30]
        lines.append(
            f"{s.id:>4}  {d['started']:19}  {role:30}  {s.questions:>3}  {acc:>8}  {s.label}"
        )
    return lines


def cmd_history(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    sessions = store.sessions()
    if args.json:
        from interbot_tui.cli.progress import session_scores

        scores = session_scores(store)
        links = store.attempt_links()  # the questions each session repeats, and where from
        print(
            json.dumps(
                [
                    s.to_dict() | scores.get(s.id, {}) | {"repeats": links.get(s.id, [])}
                    for s in sessions
                ],
                indent=2,
            )
        )
    elif not sessions:
        print("No sessions yet. Start one with `interbot` or `interbot plain`.")
    else:
        print("\n".join(history_lines(sessions)))
    return 0


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.core.persona.transcript import render_transcript
    from interbot_tui.store.persona import persona_transcript
    from interbot_tui.store.sessions import StoreError

    try:
        store = open_store(settings)
        conversation = persona_transcript(store, args.session)
        if conversation is not None:  # a persona conversation: its transcript, not a report
            return _emit(args, render_transcript(conversation, args.format))
        report, meta = store.report(args.session)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    progress = None
    if args.format == "html":  # the role's charts up to this session
        from interbot_tui.core.progress import build_progress
        from interbot_tui.store.progress import stored_sessions

        upto = [s for s in stored_sessions(store) if s.id <= args.session]
        progress = build_progress(upto, report.profile.role)
    return _emit(args, render(report, args.format, meta, progress=progress))


def _emit(args: argparse.Namespace, text: str) -> int:
    """Write an export to --output (0600) or stdout."""
    from interbot_tui.private_files import write_private_text

    if args.output:
        out = Path(args.output)
        try:
            write_private_text(out, text)
        except OSError as exc:
            raise CliError(f"cannot write {out}: {exc}") from exc
        print(f"Wrote {out}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
