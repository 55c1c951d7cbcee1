"""Measuring on this machine: `interbot bench`, `interbot eval-grader`, `interbot fit-grader`.
The tools they run live in `interbot_tui.tools` and are imported only here, when asked for."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interbot_tui import locations
from interbot_tui.cli.common import (
    CliError,
    grading_notice,
    llm_server,
    load_model,
    load_user_banks,
    models_dir,
)
from interbot_tui.settings import Settings

if TYPE_CHECKING:
    from interbot_tui.tools.clients_bench import Scripted
    from interbot_tui.tools.grader_eval import ItemResult
    from interbot_tui.tools.labelled_answers import LabelledAnswer


def register(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    bench = command("bench", "measure speech recognition latency on this machine")
    bench.add_argument("--json", action="store_true")
    bench.add_argument("--quick", action="store_true", help="only the short answer")
    bench.add_argument(
        "--persona",
        action="store_true",
        help="only persona mode: 40 questions to the sample candidate (examples/), with where "
        "each answer came from, latency per answer and the context size",
    )
    bench.add_argument(
        "--clients",
        nargs="?",
        const="1,2,4,8",
        metavar="N[,N...]",
        help="only concurrent interviews on the --llm-url server: N scripted candidates at once "
        "(default 1,2,4,8), with the time to verdict, verdicts per minute and errors per N",
    )
    bench.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="with --clients: each scripted candidate waits this long after a question before "
        "answering, as a person speaks (the grader prepares meanwhile); default 0, a worst case",
    )
    bench.set_defaults(handler=cmd_bench)

    evalg = command(
        "eval-grader", "grade labelled answers (JSONL) and report accuracy, Spearman and latency"
    )
    evalg.add_argument("file", metavar="FILE.jsonl")
    evalg.add_argument("--json", action="store_true", help="one JSON object with per_item results")
    evalg.add_argument(
        "--model-feedback",
        action="store_true",
        help="let the model write each feedback sentence (slower; timed as the full grade)",
    )
    evalg.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N")
    evalg.set_defaults(handler=cmd_eval_grader)

    fitg = command(
        "fit-grader", "fit the grader's score model for a model on labelled answers (JSONL)"
    )
    fitg.add_argument("files", nargs="+", metavar="FILE.jsonl")
    fitg.add_argument("--l2", type=float, default=3.0, help="regularisation (default 3.0)")
    fitg.add_argument("--save", action="store_true", help="use the fit for this model from now on")
    fitg.add_argument("--json", action="store_true")
    fitg.set_defaults(handler=cmd_fit_grader)


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.tools import bench

    log = (lambda line: print(line, file=sys.stderr)) if args.json else print
    if args.clients is not None:
        if args.persona:
            raise CliError("--clients and --persona are separate benchmarks: give one of them")
        return _bench_clients(
            settings, args.clients, json_out=args.json, log=log, think_s=args.think
        )
    if args.persona:
        return _bench_persona(settings, json_out=args.json, log=log)
    result = bench.run(
        models_dir(settings),
        locations.shared_data_dir(),
        stt_spec=settings.stt_model.value,
        llm_spec=settings.model.value,
        quick=args.quick,
        log=log,
    )
    if args.json:
        print(bench.to_json(result))
    return 0


def _labelled(files: list[str]) -> list[LabelledAnswer]:
    from interbot_tui.tools.grader_eval import load_items
    from interbot_tui.tools.labelled_answers import LabelledItemError

    items = []
    for name in files:
        try:
            items += load_items(Path(name).expanduser())
        except LabelledItemError as exc:
            raise CliError(str(exc)) from exc
    return items


def cmd_eval_grader(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.core.grading.probe_grader import LLMGrader
    from interbot_tui.session.calibration import score_model_for
    from interbot_tui.tools.grader_eval import evaluate

    items = _labelled([args.file])
    if args.limit is not None:
        if args.limit < 1:
            raise CliError("--limit must be at least 1")
        items = items[: args.limit]
    print(f"Loading the model… ({len(items)} answers to grade)", file=sys.stderr, flush=True)
    model = load_model(settings)
    if fallback := grading_notice(model):
        print(fallback, file=sys.stderr)
    score_model, notice = score_model_for(settings.data_dir.value, model.name)
    if notice:
        print(notice, file=sys.stderr)
    elif score_model is not None:
        print(f"Using the calibration saved by fit-grader for {model.name}.", file=sys.stderr)
    grader = LLMGrader(model, model_feedback=args.model_feedback, score_model=score_model)

    def progress(r: ItemResult) -> None:
        mark = "ok " if r.verdict == r.label else "-- "
        print(
            f"{mark}{r.id}: {r.label} -> {r.verdict or 'ungraded'} ({r.score}) "
            f"{r.latency_s:.2f} s / {r.total_s:.2f} s",
            file=sys.stderr,
            flush=True,
        )

    report = evaluate(grader, items, model=model.name, on_item=progress)
    print(report.to_json() if args.json else report.render())
    return 0


def cmd_fit_grader(args: argparse.Namespace, settings: Settings) -> int:
    from interbot_tui.core.grading.probe_grader import LLMGrader
    from interbot_tui.core.ports import ChoicesUnsupported
    from interbot_tui.session.calibration import calibration_path, save_calibration
    from interbot_tui.tools.grader_fit import (
        check,
        fit_score_model,
        leave_one_question_out,
        probe_items,
    )

    if args.l2 <= 0:
        raise CliError("--l2 must be above 0")
    items = _labelled(args.files)
    print(f"Loading the model… ({len(items)} answers to probe)", file=sys.stderr, flush=True)
    model = load_model(settings)

    def progress(n: int, item: object) -> None:
        print(f"\rprobed {n}/{len(items)}", end="", file=sys.stderr, flush=True)

    try:
        rows = probe_items(LLMGrader(model), items, on_item=progress)
        print(file=sys.stderr)
        fitted = fit_score_model(rows, args.l2)
    except ChoicesUnsupported as exc:
        raise CliError(f"{model.name} cannot be calibrated: {exc}") from exc
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    held_out = leave_one_question_out(rows, args.l2)
    seen = check(fitted, rows)
    result: dict[str, Any] = {
        "model": model.name,
        "n": len(rows),
        "l2": args.l2,
        "accuracy_in_sample": round(seen.accuracy, 4),
        "accuracy_leave_one_question_out": round(held_out.accuracy, 4),
        "spearman_leave_one_question_out": held_out.spearman and round(held_out.spearman, 4),
        "score_model": fitted.to_dict(),
    }
    if args.save:
        path = calibration_path(settings.data_dir.value, model.name)
        save_calibration(path, fitted, {k: v for k, v in result.items() if k != "score_model"})
        result["saved"] = str(path)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print("\n".join(fit_lines(result, seen.accuracy, held_out.accuracy, held_out.spearman)))
    return 0


def fit_lines(
    result: dict[str, Any], in_sample: float, held_out: float, spearman: float | None
) -> list[str]:
    """What `interbot fit-grader` prints without --json."""
    rho = "n/a" if spearman is None else f"{spearman:.3f}"
    lines = [
        f"Score model for {result['model']} on {result['n']} answers (L2 {result['l2']})",
        f"Verdict accuracy  in sample {in_sample:.3f}",
        f"Leave one question out: accuracy {held_out:.3f}, Spearman {rho}",
        json.dumps(result["score_model"], indent=2),
    ]
    if "saved" in result:
        lines.append(
            f"Saved to {result['saved']}: the interview and eval-grader use it for this model."
        )
    else:
        lines.append("Not saved: add --save to use it for this model.")
    return lines


def _bench_persona(settings: Settings, *, json_out: bool, log: Any) -> int:
    """The persona over 40 questions on the sample files, in a throwaway data dir."""
    import tempfile

    from interbot_tui.core.ports import Closable
    from interbot_tui.session.persona_inputs import PersonaInputError, read_persona_setup
    from interbot_tui.session.persona_session import PersonaSession
    from interbot_tui.store.sessions import Store
    from interbot_tui.tools.persona_bench import run_persona

    examples = locations.examples_dir()
    try:
        setup = read_persona_setup(examples / "resume.md", qa=examples / "qa.csv")
    except PersonaInputError as exc:
        raise CliError(f"{exc} (the benchmark needs the repository's examples/)") from exc
    model = load_model(settings)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp))
        session = PersonaSession.open(setup, load_model=lambda: model, store=store)
        try:
            run = run_persona(session.ask, log=log)
        finally:
            session.close()
            store.close()
    summary = run.summary()
    if isinstance(model, Closable):
        model.close()
    if json_out:
        print(json.dumps({"summary": summary, "answers": run.answers}, indent=2))
    else:
        print(json.dumps(summary, indent=2))
    return 0


def _bench_clients(
    settings: Settings, clients: str, *, json_out: bool, log: Any, think_s: float = 0.0
) -> int:
    """N scripted plain-mode interviews at once on the --llm-url server, for each N given."""
    from interbot_tui.backends.llm.server import ServerChatModel
    from interbot_tui.tools.clients_bench import parse_clients, run_clients

    server = llm_server(settings)
    if server is None:
        raise CliError(
            "--clients needs --llm-url (or $INTERBOT_LLM_URL): it measures many candidates on "
            "one model server; in process there is one model, which runs one answer at a time"
        )
    try:
        counts = parse_clients(clients)
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if not 0 <= think_s <= 600:
        raise CliError(f"--think {think_s:g}: give seconds between 0 and 600")
    script = _clients_script()
    checked = load_model(settings)  # a wrong URL or model name stops here, with what to do
    if notice := grading_notice(checked):
        log(notice)
    log(f"Benchmarking {checked.name} at {server.url} with {', '.join(map(str, counts))} clients…")
    result = run_clients(
        lambda: ServerChatModel(server).connect(), counts, script, log=log, think_s=think_s
    )
    print(result.to_json() if json_out else result.render())
    return 0


def _clients_script() -> list[Scripted]:
    """The scripted answers: grading_dev.jsonl beside a checkout (correct, partial and wrong
    answers), else the bank questions answered with their model answers."""
    from interbot_tui.tools.clients_bench import bank_script, labelled_script

    shared = locations.shared_data_dir()
    dev = shared / "grading_dev.jsonl" if shared else None
    if dev is not None and dev.is_file():
        return labelled_script(_labelled([str(dev)]))
    script = bank_script(load_user_banks())
    if not script:
        raise CliError("no scripted answers: no grading_dev.jsonl and no bank model answers")
    return script
