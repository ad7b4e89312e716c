"""`review`: scripted decisions — accept or reject the pending suggestions of images.

The same verbs as Space and X in the app (core.review.ReviewQueue): only suggestions at or above
`--min-confidence` are acted on (one without a confidence always is), decisions are recorded as made
by a person, and each image is marked done as its own undoable step. Suggestions whose label is not
a class yet cannot be accepted; they stay pending and are listed.
"""

from __future__ import annotations

import argparse

from . import CliError, Handler, add_folder, command, emit_json, open_project, say


@command("review")
def _review(parser: argparse.ArgumentParser) -> Handler:
    add_folder(parser)
    verb = parser.add_mutually_exclusive_group(required=True)
    verb.add_argument("--accept-all", action="store_true",
                      help="accept the pending suggestions and mark the images done")
    verb.add_argument("--reject-all", action="store_true",
                      help="reject the pending suggestions and mark the images done")
    parser.add_argument("--image", action="append", default=[], metavar="RELPATH",
                        help="only this image (repeatable; default: every image needing review)")
    parser.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                        help="act only on suggestions with at least this confidence (0-1)")
    parser.add_argument("--only", choices=("agreed", "disputed"),
                        help="act only on the suggestions two models agree on, or dispute "
                        "(see `consensus`); an image is marked done when nothing else is left")

    def run(args: argparse.Namespace) -> int:
        from ..core.review.queue import ReviewQueue, plural

        if not 0.0 <= args.min_confidence <= 1.0:
            raise CliError("--min-confidence must be between 0 and 1.")
        with open_project(args) as store:
            if args.image:
                targets = []
                for relpath in args.image:
                    key = relpath.replace("\\", "/")
                    rec = store.image_by_relpath(key[2:] if key.startswith("./") else key)
                    if rec is None:
                        raise CliError(f"There is no image {relpath} in {args.folder}.")
                    targets.append(rec)
                ids = list(dict.fromkeys(r.id for r in targets))
            queue = ReviewQueue(store, threshold=args.min_confidence)
            if not args.image:
                ids = [i for i in store.image_ids("needs_review") if queue.needs_review(i)
                       and (args.only is None or args.only in queue.marks(i).values())]
            accepted = rejected = 0
            unknown: list[dict] = []
            done: list[str] = []
            records = store.images(ids)
            for image_id in ids:
                relpath = records[image_id].relpath
                if args.only is not None:
                    outcome = queue.decide_marked(image_id, args.only, accept=args.accept_all)
                    unknown += [{"image": relpath, "label": lab} for lab in outcome.unknown]
                elif args.accept_all:
                    labels = queue.unknown_labels(image_id)
                    unknown += [{"image": relpath, "label": lab} for lab in labels]
                    outcome = queue.accept_shown(image_id)
                else:
                    outcome = queue.reject_shown(image_id)
                for ch in outcome.cs.changes:
                    if ch.table != "suggestions" or ch.after is None:
                        continue
                    state = ch.after.get("state")
                    accepted += state in ("accepted", "edited")
                    rejected += state == "rejected"
                if outcome.done:  # an unknown label left pending keeps the image open
                    done.append(relpath)
            hidden = sum(queue.hidden_count(i) for i in ids)
        decided = accepted if args.accept_all else rejected
        say(f"{'accepted' if args.accept_all else 'rejected'} {plural(decided, 'suggestion')}; "
            f"{plural(len(done), 'image')} marked done")
        if hidden:
            say(f"{plural(hidden, 'suggestion')} below confidence {args.min_confidence} stay pending")
        if unknown:
            say(f"{plural(len(unknown), 'suggested label')} not a class yet stay pending "
                "(images with them are not marked done): "
                + ", ".join(sorted({u['label'] for u in unknown})))
        if args.json:
            emit_json({"images": done, "accepted": accepted, "rejected": rejected,
                       "below_confidence": hidden, "skipped_unknown": unknown})
        return 0

    return run
