"""The CLI in a child process that stops just before an export takes its final name.

    python exporter.py CLI-ARGS...

Runs `glancelabel CLI-ARGS` as `python -m glancelabel` would, except that the rename of a
temporary sibling (`.NAME.xxxxxxxx.tmp`, a COCO file or a YOLO folder) onto its final name
prints `renaming <tmp>` and then waits to be killed. So a test kills the export at the moment
that matters (everything written, the final name not taken yet) however busy the machine is,
instead of aiming a timed kill at a window of a few tens of milliseconds.
"""

from __future__ import annotations

import os
import sys
import threading

from glancelabel.__main__ import main


def _stopping_before(rename):
    def stopped(src, dst, *args, **kwargs):
        if os.fspath(src).endswith(".tmp"):
            print(f"renaming {os.fspath(src)}", flush=True)
            threading.Event().wait()  # until the SIGKILL
        return rename(src, dst, *args, **kwargs)

    return stopped


if __name__ == "__main__":
    os.replace = _stopping_before(os.replace)
    os.rename = _stopping_before(os.rename)
    sys.exit(main(sys.argv[1:]))
