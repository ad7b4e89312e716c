"""`scan`: scan or rescan a folder, report what changed and which files cannot be read."""

from __future__ import annotations

import argparse
import sys

from . import Handler, add_folder, command, emit_json, open_project, say

SHOWN_PROBLEMS = 20


class _Bar:
    """A tqdm progress bar on standard error: a file counter during the walk, then a bar."""

    def __init__(self) -> None:
        from tqdm import tqdm

        self._tqdm = tqdm
        self.bar = tqdm(desc="finding images", unit=" files", file=sys.stderr, leave=False)
        self.phase = "walk"

    def __call__(self, done: int, total: int) -> None:
        if total and self.phase == "walk":
            self.bar.close()
            self.bar = self._tqdm(total=total, desc="reading headers", unit=" images",
                                  file=sys.stderr, leave=False)
            self.phase = "headers"
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


@command("scan")
def _scan(parser: argparse.ArgumentParser) -> Handler:
    add_folder(parser)

    def run(args: argparse.Namespace) -> int:
        from ..core.folder.scan import scan_folder

        bar = _Bar() if sys.stderr.isatty() else None
        try:
            with open_project(args, rescan=False) as store:
                report = scan_folder(store, args.folder, progress=bar)
        finally:
            if bar is not None:
                bar.close()
        say(
            f"{report.images} images: {report.added} added, {report.removed} removed, "
            f"{report.changed} changed; {report.unreadable} unreadable, {report.missing} missing "
            f"({report.seconds:.2f} s)"
        )
        for i, (relpath, reason) in enumerate(report.problems.items()):
            if i == SHOWN_PROBLEMS:
                say(f"  … and {len(report.problems) - SHOWN_PROBLEMS} more (see --json)")
                break
            say(f"  {relpath}: {reason}")
        if args.json:
            emit_json(report.as_dict())
        return 0

    return run
