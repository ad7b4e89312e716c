"""`team`: a Label Studio server as the team's back end.

`glancelabel team whoami` checks the connection (URL and token from the keyring or
LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY). `team push FOLDER --ls-project NAME_OR_ID [--only
new|done|all]` sends one task per image with the pending suggestions as predictions (images through
the server's local-files storage; `--document-root` is the server's
LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT, default that variable or /). `team pull FOLDER --ls-project
NAME_OR_ID` brings the team's completed annotations back as reviews and lists conflicts;
`team conflicts FOLDER` lists every image reviewed here and on a server differently.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from . import CliError, Handler, add_folder, command, emit_json, finish, open_project, say

if TYPE_CHECKING:
    from ..core.team.pull import PullResult
    from ..core.team.push import PushResult
    from ..core.team.server import Identity, Server


def _connect(args: argparse.Namespace) -> tuple[Server, Identity]:
    from ..core.team.server import TeamError, connect

    try:
        return connect(getattr(args, "url", None))
    except TeamError as exc:
        raise CliError(exc.sentence) from exc


def _progress(label: str) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        if sys.stderr.isatty() or done == total or done % 2000 < 500:
            say(f"{label}: {done:,} of {total:,}")

    return report


def _conflicts(args: argparse.Namespace) -> int:
    from ..core.store import team as sql

    with open_project(args, rescan=False) as store:
        rows = sql.conflicts(store)
    for relpath, author, annotation in rows:
        say(f"{relpath}: reviewed here and by {author} on the server (annotation {annotation})")
    n = len(rows)
    say(f"{n} conflict{'' if n == 1 else 's'}.")
    if args.json:
        emit_json({"conflicts": [{"image": p, "author": a, "annotation": i} for p, a, i in rows]})
    return 0


@command("team")
def _team(parser: argparse.ArgumentParser) -> Handler:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    who = sub.add_parser("whoami", help="who the token belongs to and which version answers")
    who.add_argument("--url", help="the server (default: the keyring, else LABEL_STUDIO_URL)")
    who.add_argument("--json", action="store_true", help="print one JSON object at the end")
    listing = sub.add_parser("conflicts", help="images reviewed here and on the server "
                                               "differently (kept as reviewed here)")
    add_folder(listing)
    push = sub.add_parser("push", help="send images and pending suggestions to a project")
    pull = sub.add_parser("pull", help="bring the team's completed annotations back")
    for p in (push, pull):
        add_folder(p)
        p.add_argument("--ls-project", required=True, metavar="NAME_OR_ID",
                       help="the Label Studio project (a name is created on push if missing)")
        p.add_argument("--url", help="the server (default: the keyring, else LABEL_STUDIO_URL)")
    push.add_argument("--only", choices=("new", "done", "all"), default="new",
                      help="images not reviewed yet (default), reviewed ones, or all")
    push.add_argument("--document-root", metavar="DIR",
                      default=os.environ.get("LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT", "/"),
                      help="the server's LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT (default: that "
                           "variable, else /)")
    push.add_argument("--batch", type=int, default=500, metavar="N", help="tasks per request")

    def run(args: argparse.Namespace) -> int:
        from ..core.team.server import TeamError

        if args.action == "conflicts":
            return _conflicts(args)
        server, ident = _connect(args)
        say(ident.text())
        if args.action == "whoami":
            if args.json:
                emit_json({"url": ident.url, "version": ident.version, "user": ident.name,
                           "email": ident.email})
            return 0
        result: PushResult | PullResult
        with open_project(args) as store:
            try:
                if args.action == "push":
                    from ..core.team.push import push as do_push

                    result = do_push(store, args.folder, server, args.ls_project, only=args.only,
                                     document_root=args.document_root, batch=args.batch,
                                     progress=_progress("pushed"))
                else:
                    from ..core.team.pull import pull as do_pull

                    result = do_pull(store, server, args.ls_project, progress=_progress("read"))
            except TeamError as exc:
                raise CliError(exc.sentence) from exc
        return finish(args, result)

    return run
