"""`consensus`: what two runs agree on, and what they dispute.

`glancelabel consensus FOLDER --run A --run B [--iou 0.5] --json` pairs the pending suggestions of
the two runs on the images both looked at (core.consensus.build): each agreed pair becomes one
suggestion of the pair's consensus run, the rest are marked disputed (reviewed first; `review` and
`audit` take `--only agreed|disputed`). Prints `{agreed, disputed, images, run, runs, iou}`.
"""

from __future__ import annotations

import argparse

from . import CliError, Handler, add_folder, command, finish, open_project


@command("consensus")
def _consensus(parser: argparse.ArgumentParser) -> Handler:
    add_folder(parser)
    parser.add_argument("--run", action="append", type=int, default=[], metavar="ID",
                        help="a run to compare (give exactly two; see `glancelabel runs`)")
    parser.add_argument("--iou", type=float, default=0.5, metavar="X",
                        help="boxes of one class agree at this overlap or more (default 0.5)")

    def run(args: argparse.Namespace) -> int:
        from ..core.consensus.build import ConsensusError, build_consensus

        if len(args.run) != 2:
            raise CliError(f"Give exactly two runs (--run A --run B); {len(args.run)} given.")
        with open_project(args) as store:
            try:
                result = build_consensus(store, args.run[0], args.run[1], args.iou)
            except ConsensusError as exc:
                raise CliError(exc.sentence) from exc
        return finish(args, result)

    return run
