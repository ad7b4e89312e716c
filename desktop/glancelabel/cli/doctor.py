"""`doctor`: check a project and repair what can be repaired."""

from __future__ import annotations

import argparse
from typing import Any

from ..core.store.maintenance import ORPHANS
from . import CliError, Handler, add_folder, command, emit_json, open_project, say


@command("doctor")
def _doctor(parser: argparse.ArgumentParser) -> Handler:
    add_folder(parser)
    parser.add_argument("--repair", action="store_true",
                        help="repair orphan rows (a backup of the project is written first)")
    parser.add_argument("--forget-missing", action="store_true",
                        help="with --repair: drop missing images that carry no annotation or suggestion")

    def run(args: argparse.Namespace) -> int:
        with open_project(args) as store:
            integrity = store.integrity_check()
            problems = {k: v for k, v in store.check_orphans().items() if v}
            counts = store.state_counts()
            forgettable = store.missing_images_without_work()
            report: dict[str, Any] = {
                "project": str(store.path),
                "schema": store.schema_version,
                "integrity": integrity,
                "images": counts["images"],
                "missing": counts["missing"],
                "unreadable": counts["unreadable"],
                "missing_without_work": len(forgettable),
                "problems": problems,
                "repaired": {},
                "backup": None,
            }
            if integrity != "ok":
                say(f"the project file is damaged: {integrity}")
                say("restore a backup (.bak files beside the project) or copy the folder's labels "
                    "out with an export before anything else.")
            for name, n in problems.items():
                say(f"{n} {ORPHANS[name][0]}")
            if counts["missing"]:
                say(f"{counts['missing']} images are missing from the folder (kept with their work; "
                    f"{len(forgettable)} have none and can be forgotten with --repair --forget-missing)")
            if args.repair:
                if integrity != "ok":
                    raise CliError("Refusing to repair a damaged file: restore a backup first.")
                if problems or (args.forget_missing and forgettable):
                    report["backup"] = str(store.backup_to())
                    say(f"backup written to {report['backup']}")
                    report["repaired"] = {k: v for k, v in store.repair_orphans().items() if v}
                    if args.forget_missing and forgettable:
                        report["repaired"]["forgotten_missing_images"] = store.forget_images(forgettable)
                    report["problems"] = {k: v for k, v in store.check_orphans().items() if v}
                for name, n in report["repaired"].items():
                    say(f"repaired: {n} × {name.replace('_', ' ')}")
            elif not problems and integrity == "ok":
                say("no problems found")
        if args.json:
            emit_json(report)
        return 0 if integrity == "ok" else 1

    return run
