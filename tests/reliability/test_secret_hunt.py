"""Recognisable fake keys (Anthropic from the keyring; OpenAI from the environment, then from the
keyring, over chat, responses and its Batch API; OpenAI-compatible from the environment) go through
suggest, Batch submit/collect, a settings file written mid-run, export, report and a forced crash
with the SDKs' HTTP debug logging on; then every byte the app wrote is searched for them, the
project's WAL included (a reader holds it open while the hunt runs)."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest

from fakes.batch_fakes import CAR_ANSWER, FastAnthropic, FastOpenAI, make_images
from glancelabel.cli import main
from glancelabel.core.app import logsetup, secrets, settings
from glancelabel.core.app.paths import project_path

# looks like no known key format, so only exact-value redaction can catch it
KEY = "GLFAKEKEY-7d3e1f0a9c5b42e8"
ENV_KEY = "GLFAKEENV-0b9c8d7e6f5a4321"
OPENAI_ENV_KEY = "GLFAKEOAIENV-5e4d3c2b1a09f8e7"
OPENAI_KEYRING_KEY = "GLFAKEOAIRING-a1b2c3d4e5f60718"
COMPAT_ENV_KEY = "GLFAKECOMPAT-99aa88bb77cc66dd"
ALL_KEYS = (KEY, ENV_KEY, OPENAI_ENV_KEY, OPENAI_KEYRING_KEY, COMPAT_ENV_KEY)
HTTP_LOGGERS = ("httpx", "httpx2", "httpcore", "anthropic", "openai")


@pytest.fixture
def debug_logging():
    """The app's log file alone on the root logger, and HTTP debug logs switched on."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers),
             {n: logging.getLogger(n).level for n in HTTP_LOGGERS})
    for h in list(root.handlers):
        if getattr(h, "_glancelabel", False):
            root.removeHandler(h)
    logsetup.setup(logging.DEBUG)
    yield
    for h in list(root.handlers):
        if getattr(h, "_glancelabel", False):
            root.removeHandler(h)
            h.close()
    root.setLevel(saved[0])
    for h in saved[1]:
        if h not in root.handlers:
            root.addHandler(h)
    for n, level in saved[2].items():
        logging.getLogger(n).setLevel(level)


def _http_debug_on() -> None:
    for n in HTTP_LOGGERS:  # the app turns these down; prove redaction holds when they are up
        logging.getLogger(n).setLevel(logging.DEBUG)


def _run(capsys, *argv) -> tuple[int, str]:
    _http_debug_on()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out + err


def _files(*roots: Path) -> list[Path]:
    out = []
    for root in roots:
        if root.is_file():
            out.append(root)
        elif root.exists():
            out += [p for p in root.rglob("*") if p.is_file()]
    return out


def test_the_key_is_nowhere(tmp_path, capsys, monkeypatch, memory_keyring, debug_logging,
                            _isolated_user_dirs):
    monkeypatch.setenv("ANTHROPIC_API_KEY", ENV_KEY)
    secrets.set_key("anthropic", KEY)
    folder = tmp_path / "photos"
    make_images(folder, 3)
    printed = []
    with FastAnthropic(require_key=KEY) as fake:
        fake.success_headers = {}
        fake.default_input = CAR_ANSWER
        base = ("--provider", "anthropic", "--base-url", fake.base_url)
        code, text = _run(capsys, "suggest", folder, *base, "--yes", "--json")
        printed.append(text)
        assert code == 0, text
        assert {r.auth_key for r in fake.main_requests()} == {KEY}  # the key was really used
        code, text = _run(capsys, "batch", "submit", folder, *base, "--all", "--force", "--yes")
        printed.append(text)
        assert code == 0, text
        code, text = _run(capsys, "batch", "collect", folder)
        printed.append(text)
        assert code == 0, text
        # a refused key: the provider's error text comes back to the user
        fake.require_key = "another"
        code, text = _run(capsys, "suggest", folder, *base, "--yes", "--force", "--image",
                          "img0000.jpg")
        printed.append(text)
        assert code != 0
    # a reader holding a snapshot keeps every later write in the WAL, where the hunt finds it
    db = project_path(folder)
    reader = sqlite3.connect(db)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM images").fetchone()
    try:
        _openai_and_compatible(capsys, folder, printed, monkeypatch)
        _export_and_report(capsys, folder, printed, tmp_path / "exports", monkeypatch)
        wal = db.with_name(db.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 4096, "no WAL file to search"
        _hunt(folder, tmp_path / "exports", _isolated_user_dirs, printed, wal)
    finally:
        reader.close()


def _openai_and_compatible(capsys, folder, printed, monkeypatch) -> None:
    """OpenAI's chat and responses APIs and its Batch API, with the key from the environment and
    then from the keyring, and an OpenAI-compatible server with the key from the environment;
    the settings file is written during the run and chooses the provider of one run."""
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_ENV_KEY)
    monkeypatch.setenv("GLANCELABEL_OPENAI_COMPAT_API_KEY", COMPAT_ENV_KEY)
    with FastOpenAI() as fake:
        fake.success_headers = {}
        base = ("--provider", "openai", "--base-url", fake.base_url)
        code, text = _run(capsys, "suggest", folder, *base, "--openai-api", "chat", "--all",
                          "--force", "--yes", "--json")
        printed.append(text)
        assert code == 0, text
        assert {r.auth_key for r in fake.main_requests()} == {OPENAI_ENV_KEY}
        secrets.set_key("openai", OPENAI_KEYRING_KEY)  # the keyring now wins over the variable
        current = settings.load()
        current.provider.provider = "openai"
        current.provider.base_url = fake.base_url
        current.provider.openai_api = "responses"
        settings.save(current)
        assert settings.settings_file().exists()
        code, text = _run(capsys, "suggest", folder, "--all", "--force", "--yes", "--json")
        printed.append(text)
        assert code == 0, text
        responses = [r for r in fake.requests if r.path == fake.responses_path]
        assert responses and {r.auth_key for r in responses} == {OPENAI_KEYRING_KEY}
        code, text = _run(capsys, "batch", "submit", folder, *base, "--all", "--force", "--yes")
        printed.append(text)
        assert code == 0, text
        code, text = _run(capsys, "batch", "collect", folder)
        printed.append(text)
        assert code == 0, text
        batch_calls = [r for r in fake.requests if r.path.startswith(("/v1/files", "/v1/batches"))]
        assert batch_calls and {r.auth_key for r in batch_calls} == {OPENAI_KEYRING_KEY}
    with FastOpenAI(require_key=COMPAT_ENV_KEY) as fake:
        fake.success_headers = {}
        code, text = _run(capsys, "suggest", folder, "--provider", "openai-compatible",
                          "--base-url", fake.base_url, "--model", "some-local-model", "--all",
                          "--force", "--yes", "--json")
        printed.append(text)
        assert code == 0, text
        assert {r.auth_key for r in fake.main_requests()} == {COMPAT_ENV_KEY}
    # the settings file, written during the run, is among the files searched
    assert settings.settings_file().exists()


def _export_and_report(capsys, folder, printed, exports, monkeypatch) -> None:
    code, text = _run(capsys, "review", folder, "--accept-all")
    printed.append(text)
    for fmt, out in (("coco", exports / "c.json"), ("yolo", exports / "y"),
                     ("labelstudio", exports / "ls.json"),
                     ("suggestions-json", exports / "s.json")):
        code, text = _run(capsys, "export", folder, "--format", fmt, "--out", out,
                          "--include-suggestions" if fmt != "yolo" else "--all-images")
        printed.append(text)
        assert code == 0, text
    code, text = _run(capsys, "report", folder, "--out", exports / "r.html", "--csv",
                      exports / "r.csv")
    printed.append(text)
    assert code == 0, text

    # a forced crash whose message carries the key (the worst case of a bug)
    from glancelabel.core.store import Store

    def boom(self):
        raise RuntimeError(f"unexpected state with key {KEY} and Bearer {ENV_KEY}")

    monkeypatch.setattr(Store, "state_counts", boom)
    code, text = _run(capsys, "stats", folder)
    printed.append(text)
    assert code == 1 and "RuntimeError" in text and "[redacted]" in text


def _hunt(folder, exports, user_dirs, printed, wal) -> None:
    for h in logging.getLogger().handlers:
        h.flush()
    project_dir = project_path(folder).parent
    searched = _files(project_dir, exports, user_dirs)
    assert wal in searched and settings.settings_file() in searched
    log_files = [p for p in searched if p.suffix == ".log"]
    assert log_files and any(b"HTTP Request" in p.read_bytes() or b"Request options"
                             in p.read_bytes() for p in log_files), "no HTTP debug log written"
    assert len(searched) > 10
    hits = [str(p) for p in searched for k in ALL_KEYS if k.encode() in p.read_bytes()]
    hits += [f"output of command {i}" for i, t in enumerate(printed)
             for k in ALL_KEYS if k in t]
    assert hits == []
    # the batch run really went through the files searched
    assert json.loads((exports / "s.json").read_bytes())


def test_the_crash_dialog_text_is_redacted(memory_keyring):
    from glancelabel.gui.app import CrashReporter

    secrets.set_key("anthropic", KEY)
    assert secrets.get_key("anthropic") == KEY
    text = CrashReporter(None).text_for(RuntimeError(f"failed with {KEY}"))
    assert KEY not in text
