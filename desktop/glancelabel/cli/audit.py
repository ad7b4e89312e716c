"""`audit` (spot-check: create, status, extend, accept-rest) and `report` (the AI quality report).

Nothing is kept between calls: the spot-check, its sample and everything derived from reviews live
in the project, so `audit status` and `audit accept-rest` work in any later process.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from . import CliError, Handler, add_folder, command, emit_json, open_project, say

if TYPE_CHECKING:
    from ..core.spotcheck.sample import SpotCheckStatus

log = logging.getLogger(__name__)


def _audit_error(exc: Exception) -> CliError:
    return CliError(str(exc))


def _print_status(status: SpotCheckStatus) -> None:
    from ..core.spotcheck.sample import describe, pct, plural

    say(f"spot-check {status.id}"
        + (f" of run {status.audit['run_id']}" if status.audit["run_id"] is not None
           else " of all suggestions")
        + f": {status.summary.sample_size} of {plural(status.population, 'image')} sampled"
        + f" (seed {status.audit['seed']})")
    say(describe(status))
    say(f"verdicts by {status.decision.method}, 2.5 % error allowed each way at every look; "
        "intervals are 95 % Wilson figures")
    for c in status.summary.per_class:
        settled = c.verdict != "continue"
        say(f"  {c.name}: {c.passed} of {plural(c.images, 'image')} accepted unchanged"
            f"{'' if settled else ' so far'} ({pct(c.acceptance.value)}, Wilson "
            f"{pct(c.acceptance.low)}–{pct(c.acceptance.high)}), "
            + (str(c.verdict) if settled else "not settled"))
    if status.decision.can_extend:
        say("extend the sample with: glancelabel audit extend FOLDER [--count N]")
    elif status.decision.can_accept_rest and status.rest_pending:
        say("accept the rest with: glancelabel audit accept-rest FOLDER")
    passed = status.summary.passed_classes
    if passed and not status.decision.can_accept_rest and status.rest_of_classes(passed)[0]:
        say(f"classes that passed: {', '.join(passed)}; accept only them with: glancelabel "
            "audit accept-rest FOLDER --passed-classes")
    if status.summary.open_classes and not status.decision.remaining:
        say(f"undecided classes: {', '.join(status.summary.open_classes)}; extend the sample for "
            "one with: glancelabel audit extend FOLDER --class NAME")
    if status.rest_accepted:
        say(f"the rest was accepted: {plural(status.rest_accepted, 'suggestion')} by this "
            "spot-check")
    elif status.rest_pending or status.rest_unknown:
        say(f"the rest: {plural(status.rest_pending, 'pending suggestion')} on "
            f"{plural(status.rest_images, 'image')}"
            + (f" ({status.rest_unknown} with unknown labels would be skipped)"
               if status.rest_unknown else ""))


def _add_audit_id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--audit", type=int, metavar="ID",
                        help="which spot-check (default: the latest)")


@command("audit")
def _audit(parser: argparse.ArgumentParser) -> Handler:
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)

    create = sub.add_parser("create", help="draw a spot-check sample",
                            description="Draw a seeded random sample of the images that have "
                            "suggestions; images already reviewed count toward it.")
    add_folder(create)
    create.add_argument("--run", type=int, metavar="ID",
                        help="the run to check (default: all suggestions)")
    size = create.add_mutually_exclusive_group()
    size.add_argument("--fraction", type=float, help="share of the images to check (default 0.2)")
    size.add_argument("--margin", type=float,
                      help="margin of error at 95 %% instead (for example 0.03)")
    create.add_argument("--stratify", action="store_true",
                        help="stratify by predicted class so rare classes are covered")
    create.add_argument("--min-per-class", type=int, default=3, metavar="N",
                        help="with --stratify, images per class at least (default 3)")
    create.add_argument("--seed", type=int, help="random seed (default: a new one, stored)")
    create.add_argument("--target", type=float, default=0.95,
                        help="image acceptance to reach (default 0.95)")
    create.add_argument("--only", choices=("agreed", "disputed"),
                        help="check only the suggestions two models agree on (or dispute); "
                        "accept-rest then accepts only those (see `consensus`)")
    create.set_defaults(audit_handler=_create)

    status = sub.add_parser("status", help="progress, acceptance with its interval, verdict")
    add_folder(status)
    _add_audit_id(status)
    status.set_defaults(audit_handler=_status)

    extend = sub.add_parser("extend", help="draw more images into a sample that left the verdict "
                            "open", description="When the whole sample is reviewed and the "
                            "verdict is still 'continue', draw more images into the sample (same "
                            "seed and stratification) from the images with suggestions outside it.")
    add_folder(extend)
    _add_audit_id(extend)
    extend.add_argument("--count", type=int, metavar="N",
                        help="images to add (default: the 'about N more images' estimate)")
    extend.add_argument("--class", dest="cls", metavar="NAME",
                        help="draw only images with suggestions of this class, whose own "
                        "verdict is still open")
    extend.set_defaults(audit_handler=_extend)

    rest = sub.add_parser("accept-rest", help="on pass, accept the pending suggestions of the "
                          "images outside the sample (one undoable step)")
    add_folder(rest)
    _add_audit_id(rest)
    rest.add_argument("--force", action="store_true", help="accept even without a pass")
    rest.add_argument("--passed-classes", action="store_true",
                      help="accept only the suggestions of the classes whose own verdict is "
                      "pass; the others stay pending (one undoable step)")
    rest.add_argument("--undo", action="store_true",
                      help="undo this spot-check's 'accept the rest' instead")
    rest.set_defaults(audit_handler=_accept_rest)

    def run(args: argparse.Namespace) -> int:
        return args.audit_handler(args)

    return run


def _create(args: argparse.Namespace) -> int:
    from ..core.spotcheck.sample import (
        SpotCheckError,
        SpotCheckPlan,
        create_spot_check,
        spot_check_status,
    )

    plan = SpotCheckPlan(run_id=args.run, fraction=args.fraction, margin=args.margin,
                     stratify=args.stratify, seed=args.seed, target=args.target,
                     min_per_class=args.min_per_class, only=args.only)
    with open_project(args) as store:
        try:
            audit_id = create_spot_check(store, plan)
            status = spot_check_status(store, audit_id)
        except SpotCheckError as exc:
            raise _audit_error(exc) from exc
    return _report_status(args, status)


def _report_status(args: argparse.Namespace, status: SpotCheckStatus) -> int:
    _print_status(status)
    if args.json:
        emit_json(status.to_dict())
    return 0


def _status(args: argparse.Namespace) -> int:
    from ..core.spotcheck.sample import SpotCheckError, spot_check_status

    with open_project(args) as store:
        try:
            status = spot_check_status(store, args.audit)
        except SpotCheckError as exc:
            raise _audit_error(exc) from exc
    return _report_status(args, status)


def _extend(args: argparse.Namespace) -> int:
    from ..core.spotcheck.sample import (
        SpotCheckError,
        extend_spot_check_sample,
        plural,
        spot_check_status,
    )

    with open_project(args) as store:
        try:
            ext = extend_spot_check_sample(store, args.audit, args.count, cls=args.cls)
            status = spot_check_status(store, ext.audit_id)
            relpaths = {i: r.relpath for i, r in store.images(ext.added).items()}
        except SpotCheckError as exc:
            raise _audit_error(exc) from exc
    n = len(ext.added)
    say(f"added {plural(n, 'image')} to the sample of spot-check {ext.audit_id}"
        + (f" for the class {args.cls}" if args.cls else "")
        + (f" (asked for {ext.requested}; no more images were left)" if ext.short else "")
        + "; review them, then: glancelabel audit status FOLDER")
    _print_status(status)
    if args.json:
        emit_json(status.to_dict() | {"extended": {
            "requested": ext.requested, "estimate": ext.estimate,
            "added": [relpaths.get(i, str(i)) for i in ext.added]}})
    return 0


def _accept_rest(args: argparse.Namespace) -> int:
    from ..core.spotcheck.sample import (
        SpotCheckError,
        accept_rest,
        plural,
        resolve_spot_check,
        spot_check_status,
        undo_accept_rest,
    )

    with open_project(args) as store:
        try:
            if args.undo:
                audit_id = resolve_spot_check(store, args.audit)["id"]
                cs = undo_accept_rest(store, audit_id)
                n = len(cs.ids("suggestions"))
                say(f"undone: {plural(n, 'suggestion')} of spot-check {audit_id} "
                    + ("is" if n == 1 else "are") + " pending again")
                if args.json:
                    emit_json({"audit_id": audit_id, "undone": n,
                               "rest": spot_check_status(store, audit_id).to_dict()["rest"]})
                return 0
            status = spot_check_status(store, args.audit)
            classes = status.summary.passed_classes if args.passed_classes else None
            result = accept_rest(store, status.id, force=args.force, classes=classes)
            relpaths = {i: r.relpath for i, r in store.images(result.images).items()}
        except SpotCheckError as exc:
            raise _audit_error(exc) from exc
    forced = not status.decision.can_accept_rest and not args.passed_classes
    which = (f" of the classes that passed ({', '.join(classes)}); the others stay pending"
             if classes is not None else "")
    say(f"accepted {plural(len(result.accepted), 'suggestion')} on "
        f"{plural(len(result.images), 'image')}{which} "
        f"(spot-check {status.id}{', forced without a pass' if forced else ''}); "
        "undo with: glancelabel audit accept-rest FOLDER --undo")
    if result.skipped_unknown:
        say(f"skipped {plural(len(result.skipped_unknown), 'suggestion')} with labels that are "
            "not classes yet (map them in review, key M):")
        for d in result.skipped_unknown[:20]:
            say(f"  {d['relpath']}: {d['label']}")
        if len(result.skipped_unknown) > 20:
            say(f"  … and {len(result.skipped_unknown) - 20} more (see --json)")
    if args.json:
        emit_json({"audit_id": status.id, "verdict": str(status.verdict), "forced": forced,
                   "verdict_method": status.decision.method, "classes": classes,
                   "accepted": len(result.accepted), "suggestions": result.accepted,
                   "images": [relpaths.get(i, str(i)) for i in result.images],
                   "skipped_unknown": result.skipped_unknown})
    return 0


@command("report")
def _report(parser: argparse.ArgumentParser) -> Handler:
    add_folder(parser)
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the HTML report here")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="write the figures as CSV here")

    def run(args: argparse.Namespace) -> int:
        from ..core.quality.report import build_report, write_csv, write_html
        from ..core.spotcheck.sample import pct, plural

        for target in (args.out, args.csv):
            if target is not None and not target.parent.resolve().is_dir():
                raise CliError(f"Cannot write {target}: the folder {target.parent} does not exist.")
        with open_project(args) as store:
            report = build_report(store)
        try:
            if args.out is not None:
                write_html(report, args.out)
            if args.csv is not None:
                write_csv(report, args.csv)
        except OSError as exc:
            log.exception("writing the report failed")
            raise CliError(f"Cannot write the report: {exc.strerror or exc} "
                           f"({exc.filename or ''}).") from exc
        say(f"{plural(report.images_reviewed, 'image')} reviewed by a person, "
            f"{plural(report.added_boxes, 'box', 'boxes')} drawn by hand")
        for m in [*report.models, report.overall] if report.models else []:
            t = m.box_total
            say(f"  {m.name}: precision {pct(t.precision.value)}, recall {pct(t.recall.value)} "
                f"over {plural(m.images, 'image')}")
        if not report.models:
            say("no reviewed image has AI suggestions yet: review some images first")
        for path in (args.out, args.csv):
            if path is not None:
                say(f"wrote {path}")
        if args.json:
            d = report.to_dict()
            d["out"] = None if args.out is None else str(args.out)
            d["csv"] = None if args.csv is None else str(args.csv)
            emit_json(d)
        return 0

    return run
