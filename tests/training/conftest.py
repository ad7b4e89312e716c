"""Training tests: a stand-in worker for the everyday suite, the real environment for `-m train`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).parent
CI_ENV = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "glancelabel-ci" / "train-env"


@pytest.fixture
def fake_worker(monkeypatch):
    """run_training and env_status talk to tests/training/fake_worker.py instead of the real
    worker in a training environment."""
    monkeypatch.setenv("GLANCELABEL_TRAIN_WORKER", str(HERE / "fake_worker.py"))
    monkeypatch.delenv("GLANCELABEL_TRAIN_PYTHON", raising=False)
    return HERE / "fake_worker.py"


@pytest.fixture
def train_env(monkeypatch) -> Path:
    """The real training environment (GLANCELABEL_TRAIN_ENV, else the CI cache folder), which
    `.ci/run` creates before running `-m train`. Missing, the test fails: it is never skipped."""
    env = Path(os.environ.get("GLANCELABEL_TRAIN_ENV") or CI_ENV)
    if not (env / "bin" / "python").exists():
        pytest.fail(f"no training environment at {env}: run `glancelabel train-env create` with "
                    "GLANCELABEL_TRAIN_ENV pointing there (bash .ci/run does)")
    monkeypatch.setenv("GLANCELABEL_TRAIN_ENV", str(env))
    monkeypatch.delenv("GLANCELABEL_TRAIN_WORKER", raising=False)
    return env
