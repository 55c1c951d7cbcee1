"""`interbot persona`: someone asks, the bot answers as the candidate, from their resume and
prepared answers. The full-screen app by default; `--plain` and `--json` read one question a line
on stdin for scripts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from interbot_tui.cli.common import CliError, load_model, open_store
from interbot_tui.core.ports import ChatModel, Closable
from interbot_tui.settings import Settings

if TYPE_CHECKING:
    from interbot_tui.session.persona_session import PersonaSession, PersonaSetup

ANSWER_PREFIX = "Candidate: "


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    persona = command(
        "persona", "answer interview questions as the candidate, from their resume and answers"
    )
    persona.add_argument(
        "--resume",
        dest="resume_file",
        required=True,
        metavar="FILE",
        help="the candidate's resume (PDF, DOCX, Markdown or text)",
    )
    persona.add_argument(
        "--qa",
        metavar="FILE.csv",
        help="prepared answers: a CSV with the header question,answer; a question that matches "
        "one is answered from it, without the model",
    )
    persona.add_argument(
        "--system-prompt",
        metavar="FILE",
        help="instructions for the persona, in place of the default ones (a text file)",
    )
    persona.add_argument("--name", default="", help="the candidate's name (default: the resume's)")
    lines = persona.add_mutually_exclusive_group()
    lines.add_argument(
        "--plain",
        action="store_true",
        help="one question a line on stdin; each answer on one line starting 'Candidate: ', "
        "then a blank line",
    )
    lines.add_argument(
        "--json",
        action="store_true",
        help="like --plain, but one JSON object a line per answer: question, answer, source "
        "(prepared, cache or model), seconds, context_tokens",
    )
    from interbot_tui.cli.interview import app_flags

    app_flags(persona, argparse.SUPPRESS, documents=False)
    persona.set_defaults(handler=cmd_persona)


def cmd_persona(args: argparse.Namespace, settings: Settings) -> int:
    setup = persona_setup(args)
    for note in setup.notes:
        print(f"interbot: note: {note}", file=sys.stderr)
    if args.plain or args.json:
        return persona_lines(settings, setup, json_lines=args.json)
    return cmd_persona_tui(args, settings, setup)


def persona_setup(args: argparse.Namespace) -> PersonaSetup:
    """The files given, read and checked before anything starts; a bad one is a CliError."""
    from interbot_tui.session.persona_inputs import PersonaInputError, read_persona_setup

    try:
        return read_persona_setup(
            Path(args.resume_file),
            qa=Path(args.qa) if args.qa else None,
            system_prompt=Path(args.system_prompt) if args.system_prompt else None,
            name=args.name,
        )
    except PersonaInputError as exc:
        raise CliError(str(exc)) from exc


def cmd_persona_tui(
    args: argparse.Namespace, settings: Settings, session_inputs: PersonaSetup
) -> int:
    """The persona screen in the full-screen app: the app loads the model while the resume is
    read; the session waits for it only when a question needs it."""
    from interbot_tui.cli.interview import cmd_tui
    from interbot_tui.session.persona_session import PersonaSession

    store = open_store(settings)

    def opener(get_model: Callable[[], ChatModel]) -> PersonaSession:
        return PersonaSession.open(session_inputs, load_model=get_model, store=store)

    try:
        return cmd_tui(args, settings, persona=opener)
    finally:
        store.close()


class ModelOnDemand:
    """`load_model` for a persona session: loads the configured model on the first call (saying
    so on stderr), then returns the same one; `close` closes it if it was loaded."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model: ChatModel | None = None

    def __call__(self) -> ChatModel:
        if self.model is None:
            print("Loading the model…", file=sys.stderr, flush=True)
            self.model = load_model(self.settings)  # the local GGUF, or --llm-url's server
        return self.model

    def close(self) -> None:
        if isinstance(self.model, Closable):
            self.model.close()


def persona_lines(
    settings: Settings,
    setup: PersonaSetup,
    *,
    json_lines: bool,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """A persona conversation over stdin and stdout, saved in the history. The model is loaded
    only when a question needs it: a run of prepared questions never loads it."""
    from interbot_tui.session.persona_session import PersonaSession

    store = open_store(settings)
    loader = ModelOnDemand(settings)
    session = PersonaSession.open(setup, load_model=loader, store=store)
    try:
        answer_lines(session, stdin or sys.stdin, stdout or sys.stdout, json_lines=json_lines)
    finally:
        session.close()
        loader.close()
        store.close()
    return 0


def answer_lines(
    session: PersonaSession, stdin: TextIO, stdout: TextIO, *, json_lines: bool
) -> int:
    """Answer each non-blank line of `stdin`; return how many were answered."""
    answered = 0
    for line in stdin:
        try:
            reply = session.ask(line)
        except ValueError:  # blank, or nothing left once cleaned
            continue
        answered += 1
        if json_lines:
            record = {
                "question": session.exchanges[-1].question,
                "answer": reply.text,
                "source": reply.source,
                "seconds": round(reply.seconds, 3),
                "context_tokens": reply.context_tokens,
            }
            stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            stdout.write(ANSWER_PREFIX + " ".join(reply.text.split()) + "\n\n")
        stdout.flush()
    return answered
