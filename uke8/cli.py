"""The `uke8` command: one entry point, one module per subcommand.

A subcommand's module exposes `add_arguments(parser)` and a function taking the parsed
arguments and returning the exit code. Only the chosen subcommand's module is imported, so
`uke8 --help` is quick and a subcommand whose module is missing fails only when it is run.
"""
from __future__ import annotations

import argparse
import importlib
import sys

# name: (module, function, help). Development tools (the stack, demo and scale data, the SMS
# simulator, scripted conversations) live in uke8.dev; only this table names them, so the
# product never imports them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "run": ("uke8.dev.run", "run_main", "start the API, action server and Rasa, seed demo data, print the URLs; Ctrl-C stops all"),
    "migrate": ("uke8.store.migrate", "main", "bring the case store's schema up to date"),
    "seed-demo": ("uke8.dev.demo", "main", "create synthetic demo cases and print the development tokens"),
    "seed-scale": ("uke8.dev.scale", "main", "bulk-insert many synthetic cases (scale benchmark of the review pages)"),
    "gen-domain": ("uke8.rasa_domain", "main", "write domain.yml from the question catalogue (--check: only compare)"),
    "eval-nlu": ("uke8.nlu_eval", "main", "interpret a JSONL file of answers the way the live form does; print a JSON report"),
    "converse": ("uke8.dev.converse", "main", "run scripted conversations against the running stack"),
    "import": ("uke8.lifecycle.importer", "main", "import sick-leave cases"),
    "scheduler": ("uke8.lifecycle.scheduler", "main", "run the lifecycle (invite, remind, deadlines)"),
    "deliver": ("uke8.sms.delivery", "main", "send the outbox's SMS through the gateway (a loop; retries, dead letters)"),
    "notify": ("uke8.notifications.worker", "main", "publish the outbox's Min side tasks on the broker, close done tasks (a loop)"),
    "sms-simulator": ("uke8.dev.sms_simulator", "main", "a local SMS gateway to chat as a phone (records sent SMS, sends signed replies)"),
    "minside": ("uke8.dev.minside", "main", "a local Min side: sign in with a synthetic fnr, see your tasks (from the broker, or the outbox)"),
}

# The commands that serve or write the case store (tools that only talk to a running stack are left out).
CHECKED_AT_START = frozenset({"run", "seed-demo", "seed-scale", "import", "scheduler", "deliver", "notify", "sms-simulator", "minside"})


def _load(name: str):
    """The subcommand's module, or a string saying why it is not available."""
    module_name, func_name, _ = COMMANDS[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        # only the module itself (or a parent package) missing means "not written yet";
        # a missing dependency inside it is a real error and keeps its traceback
        if e.name and (module_name == e.name or module_name.startswith(e.name + ".")):
            return f"not available yet: uke8 {name} (module {module_name} does not exist)"
        raise
    if not callable(getattr(module, func_name, None)):
        return f"not available yet: uke8 {name} ({module_name} has no {func_name}())"
    return module


def build_parser(selected: str | None = None) -> tuple[argparse.ArgumentParser, object]:
    parser = argparse.ArgumentParser(prog="uke8", description="Uke 8-samtalen: week-8 assistant for people on sick leave.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    loaded = None
    for name, (_, _, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == selected:
            loaded = _load(name)
            add_arguments = getattr(loaded, "add_arguments", None)
            if callable(add_arguments):
                add_arguments(p)
    return parser, loaded


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    selected = next((a for a in argv if not a.startswith("-")), None)
    if selected is not None and selected not in COMMANDS:
        selected = None  # let argparse report the unknown command
    parser, loaded = build_parser(selected)
    if isinstance(loaded, str):
        print(loaded, file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    _, func_name, _ = COMMANDS[args.command]
    from uke8.startup import check_or_exit, private_umask

    private_umask()  # the data directory's files (stores, secrets, logs) are this user's only
    if args.command in CHECKED_AT_START:
        # In production: refuse without configured secrets; always: a key that cannot open the store.
        check_or_exit(store=args.command != "sms-simulator")
    from uke8.secretfiles import MissingSecrets

    try:
        rc = getattr(loaded, func_name)(args)
    except MissingSecrets as exc:
        # A tool that only talks to a running stack (converse, eval-nlu) needs its token too.
        print(f"uke8 {args.command}: {exc}", file=sys.stderr)
        return 2
    return int(rc or 0)


if __name__ == "__main__":
    sys.exit(main())
