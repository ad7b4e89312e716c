"""Logging to a file in the user log directory, with secrets redacted from every record."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

from . import paths

# Things that look like credentials: provider keys, bearer tokens, auth headers.
_PATTERNS = [
    re.compile(r"(sk-(?:ant-)?[A-Za-z0-9_\-]{8,})"),
    re.compile(r"((?:authorization|x-api-key|api[_-]?key)['\"]?\s*[:=]\s*['\"]?(?:Bearer\s+)?)([^\s'\",}]+)", re.I),
    re.compile(r"(Bearer\s+)([A-Za-z0-9_\-\.]{8,})"),
]
_extra_secrets: set[str] = set()


def register_secret(value: str) -> None:
    """Make sure this exact value never reaches a log record."""
    if value and len(value) >= 6:
        _extra_secrets.add(value)


def redact(text: str) -> str:
    for secret in _extra_secrets:
        text = text.replace(secret, "[redacted]")
    text = _PATTERNS[0].sub("[redacted]", text)
    text = _PATTERNS[1].sub(lambda m: m.group(1) + "[redacted]", text)
    text = _PATTERNS[2].sub(lambda m: m.group(1) + "[redacted]", text)
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def setup(level: int = logging.INFO, path: Path | None = None) -> Path | None:
    """Attach a rotating log file to the root logger; returns its path (None if not writable)."""
    path = path or paths.log_file()
    root = logging.getLogger()
    root.setLevel(min(root.level or level, level) if root.handlers else level)
    for h in list(root.handlers):
        if getattr(h, "_glancelabel", False):
            if (isinstance(h, logging.FileHandler)
                    and Path(h.baseFilename) == Path(path).absolute()):
                return path
            root.removeHandler(h)  # the log folder changed (tests, a new profile): follow it
            h.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=5_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    handler._glancelabel = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    # the SDKs' HTTP debug logs would print request headers: keep them at WARNING at most
    for noisy in ("httpx", "httpx2", "httpcore", "anthropic", "openai"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger(noisy).level))
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    return path
