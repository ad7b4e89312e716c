"""A child process that makes decisions through the store, one commit at a time.

    python decider.py PROJECT accept|reject [START_ID]

Walks the suggestions in id order (from START_ID, wrapping), accepts or rejects each with the
store's own verbs, and prints `ack <suggestion id> <rows changed>` after each commit returned:
whatever was acknowledged must survive a SIGKILL that comes right after.
"""

from __future__ import annotations

import sys

from glancelabel.core.store import Store


def main() -> None:
    project, mode = sys.argv[1], sys.argv[2]
    start = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    store = Store(project)
    ids = [r[0] for r in store.q("SELECT id FROM suggestions ORDER BY id")]
    ids = [i for i in ids if i >= start] + [i for i in ids if i < start]
    print("ready", flush=True)
    for sid in ids:
        if mode == "accept":
            cs = store.accept_suggestions([sid])
        else:
            cs = store.reject_suggestions([sid])
        print(f"ack {sid} {len(cs.changes)}", flush=True)
    print("end", flush=True)


if __name__ == "__main__":
    main()
