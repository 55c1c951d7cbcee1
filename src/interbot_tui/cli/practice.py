"""Practice from history: `interbot resume`, `interbot retry` and `interbot practice --weak`.
Each opens the full-screen app on that session, or runs it as plain lines with `--plain`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from interbot_tui.cli.common import CliError, open_store
from interbot_tui.settings import Settings

if TYPE_CHECKING:
    from interbot_tui.session.launches import Prepared
    from interbot_tui.store.sessions import Store


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    from interbot_tui.cli.interview import app_flags

    resume = command("resume", "continue an interrupted interview (the latest by default)")
    resume.add_argument("session", type=int, nargs="?", metavar="ID")
    retry = command("retry", "answer a past question again, graded and compared with before")
    retry.add_argument("session", type=int, metavar="SESSION")
    retry.add_argument("question", type=int, metavar="QUESTION", help="its number in the report")
    practice = command("practice", "practise the questions you missed, spaced out over time")
    practice.add_argument(
        "--weak",
        action="store_true",
        required=True,
        help="the questions and key points you missed most that are due again",
    )
    practice.add_argument("--questions", type=int, default=5, metavar="N", help="1–25 (default 5)")
    practice.add_argument("--role", default=None, help="only what you missed for this role")
    for parser, handler in ((resume, cmd_resume), (retry, cmd_retry), (practice, cmd_practice)):
        parser.add_argument("--plain", action="store_true", help="plain lines on stdin/stdout")
        app_flags(parser, argparse.SUPPRESS, documents=False)  # they reuse what was asked
        parser.set_defaults(handler=handler)


def _prepared(make: Callable[[Store], Prepared], settings: Settings) -> Prepared:
    from interbot_tui.store.sessions import StoreError

    try:
        return make(open_store(settings))
    except StoreError as exc:
        raise CliError(str(exc)) from exc


def _run(args: argparse.Namespace, settings: Settings, prepared: Prepared) -> int:
    if not args.plain:
        from interbot_tui.cli.interview import cmd_tui

        return cmd_tui(args, settings, prepared)
    from interbot_tui.cli.interview import plain_session

    print(prepared.summary, file=sys.stderr, flush=True)
    seed = getattr(args, "seed", None)
    return plain_session(settings, prepared.profile, seed=seed, launch=prepared.launch)


def cmd_resume(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.session.launches import resume_launch

    return _run(args, settings, _prepared(lambda s: resume_launch(s, args.session), settings))


def cmd_retry(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.session.launches import retry_launch

    prepared = _prepared(lambda s: retry_launch(s, args.session, args.question), settings)
    return _run(args, settings, prepared)


def cmd_practice(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.core.profile import Profile
    from interbot_tui.session.launches import practice_launch, profile_for_role

    def make(store: Store) -> Prepared:
        profile = profile_for_role(store, args.role) or store.last_profile() or Profile()
        return practice_launch(store, profile, args.questions, role=args.role)

    return _run(args, settings, _prepared(make, settings))
