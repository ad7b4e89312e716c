"""`train-env create`: its failures are sentences, and on a complete environment it installs
nothing (pip, with every proxy pointing at a closed local port, finds everything present)."""

from __future__ import annotations

import pytest

from glancelabel.core.training.env import TrainEnvError, base_python, create_env, env_python


def test_an_unknown_python_is_refused(tmp_path):
    with pytest.raises(TrainEnvError) as err:
        base_python(str(tmp_path / "python9"))
    assert str(err.value) == f"{tmp_path / 'python9'} is not a Python found on this computer."


def test_a_python_that_cannot_make_a_venv_is_one_sentence(tmp_path):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'Error: ensurepip is not available' >&2\nexit 1\n")
    fake.chmod(0o755)
    lines: list[str] = []
    with pytest.raises(TrainEnvError) as err:
        create_env(str(fake), env=tmp_path / "env", on_line=lines.append)
    assert str(err.value) == (f"{fake} could not make a venv at {tmp_path / 'env'} (exit 1: "
                              "Error: ensurepip is not available).")
    assert str(lines[0]) == f"Making a Python environment at {tmp_path / 'env'} with {fake}"


@pytest.mark.train
def test_create_on_a_complete_environment_installs_nothing(train_env, monkeypatch):
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")
    monkeypatch.setenv("PIP_RETRIES", "0")
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # and pip may not even look at an index
    lines: list[str] = []
    status = create_env(env=train_env, on_line=lambda line: lines.append(str(line)))
    assert status.ready and env_python(train_env).exists()
    assert any(line.startswith("Requirement already satisfied: ultralytics") for line in lines)
    assert not any(line.startswith(("Collecting", "Downloading", "Installing collected"))
                   for line in lines)


def test_cancel_stops_a_silent_install_at_once(tmp_path):
    """pip installing torch prints nothing for a long while; cancel does not wait for a line."""
    import threading
    import time

    env = tmp_path / "env"
    (env / "bin").mkdir(parents=True)
    python = env / "bin" / "python"
    python.write_text("#!/bin/sh\necho 'Collecting ultralytics'\nsleep 60\n")
    python.chmod(0o755)
    cancel = threading.Event()
    lines: list[str] = []

    def on_line(line: str) -> None:
        lines.append(line)
        if line == "Collecting ultralytics":
            threading.Timer(0.3, cancel.set).start()

    started = time.monotonic()
    with pytest.raises(TrainEnvError) as err:
        create_env(env=env, on_line=on_line, cancel=cancel)
    assert str(err.value) == "Setting up the training environment was cancelled."
    assert time.monotonic() - started < 30 and "Collecting ultralytics" in lines
