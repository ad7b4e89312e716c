"""Headless commands. Each submodule registers its commands in COMMANDS through `command`.

Conventions: every command taking FOLDER creates the project if there is none and rescans first;
`--json` prints one compact JSON object as the last line of standard output; messages go to standard
error; exit status is 0 on success and non-zero with one clear sentence on failure or refusal.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import orjson

from .. import __version__

if TYPE_CHECKING:
    from ..core.store import Store

log = logging.getLogger(__name__)

# name -> (module that defines it, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("scan", "scan or rescan a folder"),
    "stats": ("project", "images by review state, classes, annotations and suggestions"),
    "classes": ("project", "list or add classes"),
    "suggest": ("suggest", "ask a model for suggestions on images"),
    "runs": ("suggest", "list the suggestion runs"),
    "batch": ("batch", "provider Batch APIs: submit, status, collect, cancel"),
    "review": ("review", "scripted decisions: accept or reject suggestions"),
    "export": ("export", "export annotations (COCO, YOLO, VOC, Label Studio, suggestions JSON)"),
    "import": ("export", "import a dataset as annotations or suggestions"),
    "audit": ("audit", "spot-check: create, status, accept the rest"),
    "report": ("audit", "AI quality report (HTML, CSV)"),
    "compare": ("compare", "local models and large-model runs on the same held-out images"),
    "consensus": ("consensus", "two runs: merge what they agree on, mark what they dispute"),
    "doctor": ("doctor", "check and repair a project"),
    "train": ("train", "train a small local model (Ultralytics) from the reviewed labels"),
    "train-env": ("train", "the training environment: create it, or show its status"),
    "team": ("team", "a Label Studio server as the team's back end: whoami, push, pull"),
}

Handler = Callable[[argparse.Namespace], int]
_registry: dict[str, Callable[[argparse.ArgumentParser], Handler]] = {}


class CliError(Exception):
    """A failure or refusal to report as one sentence with a non-zero exit."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


Setup = Callable[[argparse.ArgumentParser], Handler]


def command(name: str) -> Callable[[Setup], Setup]:
    """Decorator: `@command("stats") def setup(parser) -> handler`."""

    def deco(fn: Setup) -> Setup:
        _registry[name] = fn
        return fn

    return deco


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def emit_json(obj: dict) -> None:
    sys.stdout.write(orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS).decode() + "\n")
    sys.stdout.flush()


class Outcome(Protocol):
    """What a command did: one sentence, and the same as a JSON object."""

    def text(self) -> str: ...

    def to_dict(self) -> dict[str, Any]: ...


def finish(args: argparse.Namespace, result: Outcome) -> int:
    """A command's end: the result's sentence on standard error and, with --json, its JSON
    object as the last line of standard output; exit status 0."""
    say(result.text())
    if args.json:
        emit_json(result.to_dict())
    return 0


def add_folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="the image folder")
    parser.add_argument("--project", type=Path, help="project file (default: FOLDER/.glancelabel)")
    parser.add_argument("--json", action="store_true", help="print one JSON object at the end")


def open_project(args: argparse.Namespace, *, rescan: bool = True) -> Store:
    """Open (creating if needed) the project of args.folder and rescan incrementally."""
    from ..core.app.paths import project_path
    from ..core.store import ProjectError, Store

    folder: Path = args.folder
    if not folder.is_dir():
        raise CliError(f"{folder} is not a folder.")
    try:
        store = Store(project_path(folder, args.project), folder)
    except ProjectError as exc:
        raise CliError(str(exc)) from exc
    report = None
    if rescan:
        from ..core.folder.scan import scan_folder

        report = scan_folder(store, folder)
    args._scan_report = report
    return store


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="glancelabel",
        description="Label local image folders with AI help. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"GlanceLabel {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        try:
            importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module}":
                raise
            continue  # command not built in this version
        if name not in _registry:
            continue
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=_registry[name](p))
    return parser


def main(argv: list[str]) -> int:
    from ..core.app import logsetup

    logsetup.setup()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args) or 0)
    except CliError as exc:
        log.info("command refused: %s", exc)
        say(f"error: {exc}")
        return exc.code
    except KeyboardInterrupt:
        say("interrupted; everything finished so far is saved.")
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one sentence + log
        from ..core.errors import GlanceLabelError

        sentence = storage_problem(exc)
        if sentence is None and isinstance(exc, GlanceLabelError):
            sentence = exc.sentence.rstrip(".")
        if sentence:
            from ..core.app.paths import log_file

            log.error("command failed\n%s", traceback.format_exc())
            say(f"error: {sentence} (details in {log_file()}).")
            return 1
        from ..core.app.paths import log_file

        log.error("command failed\n%s", traceback.format_exc())
        say(logsetup.redact(f"error: {exc.__class__.__name__}: {exc} (details in {log_file()})"))
        return 1


def storage_problem(exc: BaseException) -> str | None:
    """The core's sentence for a full disk or a read-only project file (`storage_error`), else
    None. Transactions roll back on these errors, so what was saved before stays whole."""
    from ..core.errors import storage_error

    problem = storage_error(exc)
    return None if problem is None else problem.sentence
