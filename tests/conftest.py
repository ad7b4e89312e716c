"""Test-wide setup: offscreen Qt, isolated user directories, an in-memory keyring, no network."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest


def pytest_addoption(parser):
    parser.addoption("--headed", action="store_true", help="show Qt windows on a real display")


def pytest_configure(config):
    if not config.getoption("--headed"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # the SDKs must never find a real key in a developer's environment
    for var in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GLANCELABEL_OPENAI_COMPAT_API_KEY"):
        os.environ.pop(var, None)
    keep_compiled_modules()


def pytest_xdist_auto_num_workers(config):
    """`-n auto` (addopts): the everyday run, `uv run pytest` with no paths and the default
    markers, spreads its test files over the cores (--maxprocesses caps them); a run of chosen
    files or of a marked suite (`-m slow`, `-m train` ...) stays in this one process."""
    everyday = "not slow" in (config.option.markexpr or "")
    if config.args_source is not pytest.Config.ArgsSource.TESTPATHS or not everyday:
        return 0
    return None  # xdist's own count of the cores


def keep_compiled_modules() -> None:
    """Under PYTHONDONTWRITEBYTECODE every run would rewrite and compile all test modules again
    (collection: 13 s of CPU instead of 3.5 s) and every subprocess compile the package: the
    compiled files go to a folder in the temporary directory instead of beside the sources
    (as the benchmarks do), for this process and the subprocesses it starts."""
    if not sys.dont_write_bytecode:
        return
    prefix = sys.pycache_prefix or str(Path(tempfile.gettempdir()) / "glancelabel-test-pycache")
    sys.pycache_prefix = prefix
    sys.dont_write_bytecode = False
    os.environ["PYTHONPYCACHEPREFIX"] = prefix
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


class MemoryKeyring:
    """An in-memory keyring backend, installed for every test."""

    priority = 1

    def __init__(self):
        import keyring.backend

        class _Backend(keyring.backend.KeyringBackend):
            priority = 1
            store: dict = {}

            def get_password(self, service, username):
                return self.store.get((service, username))

            def set_password(self, service, username, password):
                self.store[(service, username)] = password

            def delete_password(self, service, username):
                import keyring.errors

                if (service, username) not in self.store:
                    raise keyring.errors.PasswordDeleteError(username)
                del self.store[(service, username)]

        self.backend = _Backend()
        self.backend.store = {}


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("GLANCELABEL_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("GLANCELABEL_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("GLANCELABEL_LOG_DIR", str(base / "logs"))
    yield base


@pytest.fixture(autouse=True)
def memory_keyring():
    import keyring

    previous = keyring.get_keyring()
    mem = MemoryKeyring().backend
    keyring.set_keyring(mem)
    yield mem
    keyring.set_keyring(previous)
