"""`compare`: the project's local models and large-model runs on the same held-out images."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ..core.review.queue import plural
from . import CliError, Handler, add_folder, command, emit_json, open_project, say

if TYPE_CHECKING:
    from ..core.quality.compare import Comparison, ModelFigures

NO_HELD_OUT = ("No held-out images yet: train a local model first (glancelabel train FOLDER); "
               "it holds out a part of the reviewed images for comparisons.")


@command("compare")
def _compare(parser: argparse.ArgumentParser) -> Handler:
    add_folder(parser)
    parser.add_argument("--run", dest="runs", type=int, action="append", default=[],
                        metavar="ID", help="compare this run (repeatable; default: every run "
                                           "that answered all the held-out images)")
    parser.add_argument("--model", dest="models", action="append", default=[], metavar="NAME",
                        help="compare this local model (repeatable; default: all of the "
                             "project's local models)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the bootstrap intervals (default 0)")

    def run(args: argparse.Namespace) -> int:
        from ..core.quality.heldout import CompareError, build_comparisons

        with open_project(args) as store:
            try:
                comparisons = build_comparisons(store, args.folder, run_ids=args.runs,
                                                model_names=args.models, seed=args.seed)
            except CompareError as exc:
                raise CliError(exc.sentence) from exc
        if not comparisons:
            raise CliError(NO_HELD_OUT)
        for c in comparisons:
            for line in comparison_lines(c):
                say(line)
        if args.json:
            emit_json({"comparisons": [c.to_dict() for c in comparisons]})
        return 0

    return run


def comparison_lines(c: Comparison) -> list[str]:
    what = "image tag" if c.task == "classify" else "box"
    lines = [f"{c.task}: {plural(c.images, 'held-out image')} with "
             f"{plural(c.annotations, what, what + 'es' if what == 'box' else None)}"]
    lines += [f"  {_model_line(m, c)}" for m in c.models]
    lines += [f"  {s}" for s in c.skipped]
    lines += [c.rule, c.answer]
    return lines


def _model_line(m: ModelFigures, c: Comparison) -> str:
    from ..core.quality.compare import cost_text, interval_text

    value = interval_text(m.headline(c.task))
    total = m.total
    speed = "–" if m.images_per_second is None else f"{m.images_per_second:.1f}"
    own = (f"; {plural(m.from_own_suggestions, 'held-out annotation')} came from accepting its "
           "suggestions" if m.from_own_suggestions else "")
    p, r = total.precision.value, total.recall.value
    return (f"{m.name}: {c.metric} {value}, precision "
            f"{'–' if p is None else f'{p:.2f}'}, recall {'–' if r is None else f'{r:.2f}'}, "
            f"{speed} images/s, {cost_text(m.cost_per_1000)}{own}")
