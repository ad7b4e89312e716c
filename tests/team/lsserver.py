"""A real Label Studio server on 127.0.0.1 for the `team` tests and the team benchmark.

It runs from its own pip environment (made by .ci/run in a cache folder outside the clone;
GLANCELABEL_LS_VENV points elsewhere) on 127.0.0.1 at a free port, with a SQLite database in a
temporary LABEL_STUDIO_BASE_DATA_DIR, an admin user and a legacy token from the environment, and
local-files serving rooted at a temporary folder the tests put their image folders in. It is
stopped (its whole process group) when the run ends.
"""

from __future__ import annotations

import ast
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

VENV = Path(os.environ.get("GLANCELABEL_LS_VENV") or Path(
    os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "glancelabel-ci" / "label-studio")
TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4"
START_TIMEOUT = 180.0


@dataclass(frozen=True)
class LabelStudio:
    url: str
    token: str
    root: Path  # the server's local-files document root: image folders go under it
    log: Path
    server_env: dict[str, str]  # the environment the server runs with (for `label-studio shell`)

    def env(self) -> dict[str, str]:
        return {"LABEL_STUDIO_URL": self.url, "LABEL_STUDIO_API_KEY": self.token,
                "LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT": str(self.root)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Label Studio stopped (exit {proc.returncode}):\n"
                               + log.read_text(errors="replace")[-3000:])
        try:
            req = urllib.request.Request(url + "/api/current-user/whoami",
                                         headers={"Authorization": f"Token {TOKEN}"})
            with urllib.request.urlopen(req, timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"Label Studio did not answer within {START_TIMEOUT:.0f} s:\n"
                       + log.read_text(errors="replace")[-3000:])


def add_person(ls: LabelStudio, email: str, first: str, last: str) -> tuple[int, str]:
    """A second person on the server with their own account and legacy token: the admin makes the
    account through the API (as an organisation owner does), then Label Studio's own `label-studio
    user --username EMAIL` (same data folder) reads the token the server gave them. Returns (user
    id, token)."""
    body = json.dumps({"email": email, "username": email.partition("@")[0], "first_name": first,
                       "last_name": last, "password": f"{first}-password-1"}).encode()
    req = urllib.request.Request(ls.url + "/api/users/", data=body, method="POST", headers={
        "Authorization": f"Token {ls.token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            user_id = int(json.loads(r.read())["id"])
    except urllib.error.HTTPError as exc:  # made by an earlier test of the run: the same person
        if exc.code != 400:
            raise
        req = urllib.request.Request(ls.url + "/api/users/", headers={
            "Authorization": f"Token {ls.token}"})
        with urllib.request.urlopen(req, timeout=30) as r:
            [user_id] = [int(u["id"]) for u in json.loads(r.read()) if u["email"] == email]
    out = subprocess.run([str(VENV / "bin" / "label-studio"), "user", "--username", email],
                         cwd=ls.log.parent, env=ls.server_env, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    info = ast.literal_eval(out.split("=> User info:", 1)[1].strip().splitlines()[0])
    if info.get("id") != user_id or not info.get("token"):
        raise RuntimeError(f"label-studio user did not give {email}'s token:\n{out[-2000:]}")
    return user_id, str(info["token"])


class NotInstalled(RuntimeError):
    pass


@contextmanager
def running(base: Path) -> Iterator[LabelStudio]:
    """Start Label Studio with its data and document root under `base`; stop it on leaving."""
    exe = VENV / "bin" / "label-studio"
    if not exe.exists():
        raise NotInstalled(f"Label Studio is not installed at {VENV}: .ci/run makes it "
                           "(python3 -m venv DIR && DIR/bin/pip install label-studio).")
    root = base / "files"
    root.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
    env |= {
        "LABEL_STUDIO_BASE_DATA_DIR": str(base / "data"),
        "LABEL_STUDIO_USERNAME": "lead@example.com",
        "LABEL_STUDIO_PASSWORD": "team-test-password",
        "LABEL_STUDIO_USER_TOKEN": TOKEN,
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "LABEL_STUDIO_LOCAL_FILES_SERVING_ENABLED": "true",
        "LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT": str(root),
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
        "SENTRY_DSN": "", "FRONTEND_SENTRY_DSN": "", "COLLECT_ANALYTICS": "false",
    }
    log = base / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(exe), "start", "--no-browser", "--host", "127.0.0.1", "--port", str(port)],
            cwd=base, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait(url, proc, log)
        yield LabelStudio(url, TOKEN, root, log, env)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
