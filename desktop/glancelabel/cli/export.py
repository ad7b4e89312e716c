"""`export` and `import`: datasets in and out (COCO, YOLO, YOLO-cls, VOC, Label Studio, labelme,
suggestions JSON)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import CliError, Handler, add_folder, command, emit_json, open_project, say

if TYPE_CHECKING:
    from ..core.formats.plan import ExportPlan, ImportPlan
    from ..core.formats.summary import ExportSummary, ImportSummary


def _progress_printer(quiet: bool) -> Callable[[str, int, int], None]:
    """Progress on standard error, at most every 10 % per stage."""
    last: dict[str, int] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if quiet or total < 5000:
            return
        step = done * 10 // max(total, 1)
        if last.get(stage) != step:
            last[stage] = step
            say(f"{stage}: {done}/{total}")

    return progress


@command("export")
def _export(parser: argparse.ArgumentParser) -> Handler:
    from ..core.formats.plan import EXPORT_FORMATS, LINKS, UPRIGHT_HELP

    add_folder(parser)
    parser.add_argument("--format", required=True, choices=list(EXPORT_FORMATS))
    parser.add_argument("--out", type=Path, required=True,
                        help="output file (coco, labelstudio, suggestions-json) or folder")
    parser.add_argument("--include-suggestions", action="store_true",
                        help="pending suggestions too, as predictions / detections with scores")
    parser.add_argument("--all-images", action="store_true",
                        help="images not reviewed yet too (default: done images only)")
    parser.add_argument("--split", default="0.8,0.2",
                        help="train,val[,test] fractions (YOLO, YOLO-cls, VOC; default 0.8,0.2)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the split (default 0)")
    parser.add_argument("--stratify", action="store_true",
                        help="split each class's images in the same proportions")
    parser.add_argument("--link", choices=list(LINKS), default="hardlink",
                        help="how images go into a YOLO/VOC export (default hardlink)")
    parser.add_argument("--upright", action="store_true", help="write upright copies of "
                        "EXIF-rotated images. " + UPRIGHT_HELP.replace("%", "%%"))
    parser.add_argument("--folder", dest="folders", action="append", default=[],
                        metavar="RELDIR", help="only images under this folder (repeatable)")
    parser.add_argument("--class", dest="classes", action="append", default=[], metavar="NAME",
                        help="only this class (repeatable)")
    parser.add_argument("--url-prefix", default="/data/local-files/?d=",
                        help="Label Studio image URL prefix (default /data/local-files/?d=)")

    def run(args: argparse.Namespace) -> int:
        from ..core.formats import FormatError, export
        from ..core.formats.plan import ExportPlan

        try:
            plan = ExportPlan(
                format=args.format, out=args.out, include_suggestions=args.include_suggestions,
                all_images=args.all_images, seed=args.seed, stratify=args.stratify,
                link=args.link, upright=args.upright, folders=tuple(args.folders),
                classes=tuple(args.classes), url_prefix=args.url_prefix,
            )
            if plan.uses("split"):
                plan = plan.with_(split=args.split)
            plan.check(args.folder)
        except FormatError as exc:
            raise CliError(str(exc)) from exc
        return _carry_out(args, export, plan)

    return run


@command("import")
def _import(parser: argparse.ArgumentParser) -> Handler:
    from ..core.formats.plan import IMPORT_FORMATS

    add_folder(parser)
    parser.add_argument("--format", required=True, choices=list(IMPORT_FORMATS))
    parser.add_argument("source", type=Path, metavar="PATH",
                        help="dataset file or folder (COCO JSON, YOLO folder or data.yaml, VOC "
                             "folder or XML, Label Studio JSON, labelme folder or JSON)")
    parser.add_argument("--as", dest="as_", choices=["annotations", "suggestions"],
                        default="annotations",
                        help="annotations (the truth; listed images become done) or suggestions "
                             "to review (default annotations)")
    parser.add_argument("--no-new-classes", action="store_true",
                        help="refuse classes the project does not have (their records are skipped)")

    def run(args: argparse.Namespace) -> int:
        from ..core.formats import FormatError, import_dataset
        from ..core.formats.plan import ImportPlan

        plan = ImportPlan(args.format, args.source, args.as_, not args.no_new_classes)
        try:
            plan.check()
        except FormatError as exc:
            raise CliError(str(exc)) from exc
        return _carry_out(args, import_dataset, plan)

    return run


def _carry_out(args: argparse.Namespace,
               verb: Callable[..., ExportSummary | ImportSummary],
               plan: ExportPlan | ImportPlan) -> int:
    """Run an export or import plan on the project, then print its summary."""
    from ..core.formats import FormatError
    from ..core.formats.summary import NOT_REVIEWED, ExportSummary

    with open_project(args) as store:
        try:
            summary = verb(store, plan, args.folder, _progress_printer(args.json))
        except FormatError as exc:
            raise CliError(str(exc)) from exc
    for line in summary.lines():
        say(line)
    if isinstance(summary, ExportSummary) and NOT_REVIEWED in summary.left_out:
        say("Add --all-images to export the images not reviewed yet too.")
    if args.json:
        emit_json(summary.as_dict())
    return 0
