"""`stats` and `classes`: what the project holds."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from . import CliError, Handler, add_folder, command, emit_json, open_project, say

if TYPE_CHECKING:
    from ..core.store import Store


def project_stats(store: Store) -> dict:
    return {
        "images": store.state_counts(),
        "classes": [lab.name for lab in store.labels()],
        "annotations": {name if name is not None else "(no class)": n
                        for name, n in store.annotation_counts().items()},
        "suggestions": store.suggestion_counts(),
    }


@command("stats")
def _stats(parser: argparse.ArgumentParser) -> Handler:
    add_folder(parser)

    def run(args: argparse.Namespace) -> int:
        with open_project(args) as store:
            stats = project_stats(store)
        imgs = stats["images"]
        say(
            f"{imgs['images']} images: {imgs['new']} new, {imgs['done']} done, "
            f"{imgs['excluded']} excluded, {imgs['unreadable']} unreadable, {imgs['missing']} missing"
        )
        for name, n in stats["annotations"].items():
            say(f"  {name}: {n}")
        s = stats["suggestions"]
        say(f"suggestions: {s['pending']} pending, {s['accepted']} accepted "
            f"({s['edited']} edited), {s['rejected']} rejected")
        if args.json:
            emit_json(stats)
        return 0

    return run


@command("classes")
def _classes(parser: argparse.ArgumentParser) -> Handler:
    add_folder(parser)
    parser.add_argument("--add", action="append", default=[], metavar="NAME",
                        help="add a class (repeatable)")
    parser.add_argument("--from", dest="from_file", type=Path, metavar="FILE",
                        help="add the classes of a classes.txt or data.yaml")

    def run(args: argparse.Namespace) -> int:
        from ..core.formats.classlist import ClassListError, read_class_names

        names = list(args.add)
        if args.from_file:
            try:
                names += read_class_names(args.from_file)
            except ClassListError as exc:
                raise CliError(str(exc)) from exc
        with open_project(args, rescan=False) as store:
            added, present = store.add_labels(names) if names else ([], [])
            labels = store.labels()
        for name in added:
            say(f"added {name}")
        for lab in labels:
            key = lab.hotkey or " "
            say(f"{key} {lab.name}" + (f" — {lab.description}" if lab.description else ""))
        if args.json:
            emit_json({
                "classes": [{"name": lab.name, "color": lab.color, "hotkey": lab.hotkey,
                             "description": lab.description} for lab in labels],
                "added": added,
                "already_present": present,
            })
        return 0

    return run
