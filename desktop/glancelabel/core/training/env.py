"""The training environment: a Python venv of its own that holds Ultralytics, torch and ONNX.

The app never imports torch or ultralytics; `worker.py` runs inside this venv and speaks JSON lines.
`create_env` makes the venv with pip (`python -m venv ENV`, then `ENV/bin/python -m pip install
ultralytics onnx onnxslim`), `env_status` asks the worker what is installed and whether a GPU is
visible. The venv lives under the user data directory (`train-env`), or where
GLANCELABEL_TRAIN_ENV points.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..app.paths import data_dir
from ..errors import GlanceLabelError
from ..i18n import N_, Text, said

ENV_VAR = "GLANCELABEL_TRAIN_ENV"
# tests: a stand-in worker script and the Python that runs it (instead of the venv's)
WORKER_VAR = "GLANCELABEL_TRAIN_WORKER"
PYTHON_VAR = "GLANCELABEL_TRAIN_PYTHON"
PACKAGES = ("ultralytics", "onnx", "onnxslim")
# the script the environment's Python runs (a bundle must ship it as a file, not compiled)
WORKER = Path(__file__).with_name("worker.py")
LICENCE_NOTE = N_(
    "training", "Training installs Ultralytics (AGPL-3.0), PyTorch (BSD-3-Clause), ONNX and "
    "onnxslim (Apache-2.0/MIT) into a Python environment of their own, about 6 GB; GlanceLabel runs "
    "them in a separate process and does not include their code."
)
CREATE_HINT = N_("errors", "run `glancelabel train-env create` (or “Create the training "
                 "environment” in the Train dialog)")
NOT_READY = N_("errors", "The training environment is not ready.")


class TrainEnvError(GlanceLabelError):
    """The training environment is missing, broken or could not be made."""


@dataclass
class EnvStatus:
    path: Path
    ready: bool
    problem_text: Text | None = None  # why it is not ready
    python: str = ""
    versions: dict[str, str | None] = field(default_factory=dict)
    gpu: bool = False
    gpu_name: str = ""

    @property
    def problem(self) -> str | None:
        return None if self.problem_text is None else str(self.problem_text)

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "ready": self.ready, "problem": self.problem,
                "python": self.python, "versions": self.versions, "gpu": self.gpu,
                "gpu_name": self.gpu_name}


def env_dir() -> Path:
    return Path(os.environ.get(ENV_VAR) or data_dir() / "train-env")


def env_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def worker_command(env: Path | None = None) -> list[str]:
    """How to start the worker: the venv's Python on the shipped worker.py (or a stand-in)."""
    fake = os.environ.get(WORKER_VAR)
    if fake:
        return [os.environ.get(PYTHON_VAR) or sys.executable, "-u", fake]
    python = env_python(env or env_dir())
    return [str(python), "-u", str(WORKER)]


def missing_problem(env: Path) -> Text | None:
    """The sentence for an environment that is not there at all, else None."""
    if os.environ.get(WORKER_VAR):
        return None
    if not WORKER.is_file():
        return said(N_("errors", "This installation of GlanceLabel lacks its training worker "
                       "({worker}); reinstall it to train."), worker=WORKER)
    if not env_python(env).exists():
        return said(N_("errors", "The training environment is not set up ({env} has no Python); "
                       "{hint}."), env=env, hint=said(CREATE_HINT))
    return None


def ask(request: dict[str, Any], env: Path | None = None,
        timeout: float = 300.0) -> tuple[list[dict[str, Any]], str]:
    """Send one request to a new worker; returns its events and its standard error. Its input
    stays open until it has answered (it exits when its input closes)."""
    env = env or env_dir()
    proc = subprocess.Popen(worker_command(env), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            errors="replace", env=worker_env())
    assert proc.stdin is not None
    try:
        proc.stdin.write(json.dumps({"config_dir": str(config_dir(env)), **request}) + "\n")
        proc.stdin.flush()
    except BrokenPipeError:
        pass  # it ended before reading: its standard error says why
    out, err = _answer(proc, timeout)
    events = []
    for line in out.splitlines():
        try:
            msg = json.loads(line)
        except ValueError:
            continue
        if isinstance(msg, dict) and "event" in msg:
            events.append(msg)
    return events, err


def env_status(env: Path | None = None, timeout: float = 120.0) -> EnvStatus:
    """What the environment holds (it starts the worker once: a few seconds)."""
    env = env or env_dir()
    problem = missing_problem(env)
    if problem:
        return EnvStatus(env, False, problem)
    try:
        events, err = ask({"cmd": "probe"}, env, timeout)
    except OSError as exc:
        return EnvStatus(env, False, said(N_("errors", "The training environment at {env} cannot "
                                             "run ({error}); {hint} again to repair it."),
                                          env=env, error=exc, hint=said(CREATE_HINT)))
    for msg in events:
        if msg.get("event") == "probe":
            missing = [p for p in PACKAGES if not msg["versions"].get(p)]
            lacking = said(N_("errors", "The training environment at {env} lacks {packages}; "
                              "{hint} again to repair it."),
                           env=env, packages=", ".join(missing), hint=said(CREATE_HINT))
            return EnvStatus(env, not missing, lacking if missing else None, msg["python"],
                             msg["versions"], msg["gpu"], msg["gpu_name"])
    lines = err.strip().splitlines()
    broken = (said(N_("errors", "The training environment at {env} is broken ({error}); {hint} "
                      "again to repair it."), env=env, error=lines[-1], hint=said(CREATE_HINT))
              if lines else
              said(N_("errors", "The training environment at {env} is broken (no answer); {hint} "
                      "again to repair it."), env=env, hint=said(CREATE_HINT)))
    return EnvStatus(env, False, broken)


def _answer(proc: subprocess.Popen[str], timeout: float) -> tuple[str, str]:
    """Read the worker's whole answer, then close its input (it exits when input closes)."""
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        assert proc.stdout is not None and proc.stderr is not None and proc.stdin is not None
        err_lines: list[str] = []
        reader = threading.Thread(target=lambda: err_lines.extend(proc.stderr or ()), daemon=True)
        reader.start()
        out = proc.stdout.read()
        try:
            proc.stdin.close()
        except BrokenPipeError:
            pass
        proc.wait()
        reader.join(5)
        return out, "".join(err_lines)
    finally:
        timer.cancel()


def config_dir(env: Path) -> Path:
    """Ultralytics' private config folder (settings, fonts), beside the venv."""
    return env.with_name(env.name + "-config")


def worker_env() -> dict[str, str]:
    """The worker's environment: Ultralytics offline except for weights it is asked to fetch."""
    env = dict(os.environ)
    env.update({"YOLO_OFFLINE": "1", "YOLO_AUTOINSTALL": "0", "PYTHONUNBUFFERED": "1",
                "PYTHONIOENCODING": "utf-8"})
    for key in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(key, None)
    return env


def base_python(explicit: str | None = None) -> str:
    """The Python that makes the venv: `explicit`, else this one when it is a plain Python (not a
    bundle), else python3 / python on PATH."""
    if explicit:
        if not Path(explicit).exists() and shutil.which(explicit) is None:
            raise TrainEnvError(N_("errors", "{python} is not a Python found on this computer."),
                                python=explicit)
        return explicit
    if not getattr(sys, "frozen", False):
        return sys.executable
    for name in ("python3", "python"):
        found = shutil.which(name)
        if found:
            return found
    raise TrainEnvError(N_("errors", "No Python was found on PATH to make the training "
                           "environment; install Python 3.10 or newer, or give its path with "
                           "--python."))


def create_env(python: str | None = None, *, env: Path | None = None,
               on_line: Callable[[Text | str], None] | None = None,
               cancel: threading.Event | None = None) -> EnvStatus:
    """Make (or repair) the venv and install the packages with pip; pip's lines go to `on_line`
    (as pip says them), after a sentence for each step (a Text)."""
    env = env or env_dir()
    base = base_python(python)
    say = on_line or (lambda _line: None)
    if not env_python(env).exists():
        say(said(N_("training", "Making a Python environment at {env} with {python}"), env=env,
                 python=base))
        _step([base, "-m", "venv", str(env)], say, cancel,
              said(N_("errors", "{python} could not make a venv at {env}"), python=base, env=env))
    say(said(N_("training", "Installing {packages} (several GB; this takes a few minutes)"),
             packages=" ".join(PACKAGES)))
    _step([str(env_python(env)), "-m", "pip", "install", "--disable-pip-version-check",
           *PACKAGES], say, cancel,
          said(N_("errors", "pip could not install {packages} into {env}"),
               packages=", ".join(PACKAGES), env=env))
    status = env_status(env)
    if not status.ready:
        problem = status.problem_text or said(NOT_READY)
        raise TrainEnvError(problem.template, **problem.values)
    return status


def _step(cmd: list[str], say: Callable[[Text | str], None], cancel: threading.Event | None,
          failure: Text) -> None:
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                stdin=subprocess.DEVNULL, start_new_session=os.name != "nt")
    except OSError as exc:
        raise TrainEnvError(N_("errors", "{failure} ({error})."), failure=failure,
                            error=exc) from exc
    assert proc.stdout is not None
    done = threading.Event()
    if cancel is not None:  # pip can be silent for a minute: do not wait for its next line
        threading.Thread(target=_kill_on, args=(cancel, done, proc), daemon=True).start()
    last = ""
    try:
        for line in proc.stdout:
            if line.strip():
                last = line.rstrip()
                say(last)
        proc.wait()
    finally:
        done.set()
    if cancel is not None and cancel.is_set():
        raise TrainEnvError(N_("errors", "Setting up the training environment was cancelled."))
    if proc.returncode != 0:
        raise TrainEnvError(N_("errors", "{failure} (exit {code}: {last})."), failure=failure,
                            code=proc.returncode, last=last)


def _kill_on(cancel: threading.Event, done: threading.Event, proc: subprocess.Popen[str]) -> None:
    while not done.is_set():
        if cancel.wait(0.2):
            if os.name == "nt":
                proc.kill()
            else:  # pip's own helpers too, which hold its output open
                os.killpg(proc.pid, signal.SIGKILL)
            return
