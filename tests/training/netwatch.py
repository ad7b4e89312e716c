"""Runs the real training worker with an audit hook that logs every network and process start
attempt (to NETWATCH_LOG), so a test can prove Ultralytics reached for nothing outside.

    GLANCELABEL_TRAIN_WORKER=netwatch.py GLANCELABEL_TRAIN_PYTHON=ENV/bin/python NETWATCH_WORKER=worker.py
"""

from __future__ import annotations

import os
import runpy
import sys

WATCHED = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto",
           "http.client.connect", "urllib.Request", "subprocess.Popen", "os.system"}
_log = open(os.environ["NETWATCH_LOG"], "a", encoding="utf-8")  # noqa: SIM115 - open for the run


def hook(event: str, args: tuple) -> None:
    if event in WATCHED:
        _log.write(f"{event} {args!r}\n")
        _log.flush()


sys.addaudithook(hook)
worker = os.environ["NETWATCH_WORKER"]
sys.argv = [worker]
runpy.run_path(worker, run_name="__main__")
