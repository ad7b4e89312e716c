"""Typed user preferences in a JSON file under the user config directory.

Never holds secrets: API keys live in the OS keyring or environment variables (see secrets.py).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from . import paths

log = logging.getLogger(__name__)

SECRET_HINTS = ("key", "token", "secret", "password")


@dataclass
class ProviderSettings:
    provider: str = "anthropic"
    model: str = ""
    base_url: str = ""
    box_convention: str = "auto"  # auto: the per-model default of the price table
    openai_api: str = "chat"  # the openai provider's API: chat (Chat Completions) | responses
    max_side: int = 0  # 0: the provider's own rule
    timeout: float = 60.0
    max_retries: int = 2
    temperature: float = 0.0
    local_model_path: str = ""
    concurrency: int = 8
    rpm: int = 0  # requests per minute, 0: learn from the provider
    tpm: int = 0
    examples_per_class: int = 0  # reviewed examples sent with each question, per class


@dataclass
class Settings:
    recent_folders: list[str] = field(default_factory=list)
    shortcuts: dict[str, str] = field(default_factory=dict)  # action id -> key sequence
    window_geometry: str = ""
    window_state: str = ""
    confidence_threshold: float = 0.0
    language: str = ""  # interface language: "" follows the system, "en", "zh_CN" (next start)
    provider: ProviderSettings = field(default_factory=ProviderSettings)

    MAX_RECENT = 10

    def add_recent(self, folder: Path | str) -> None:
        folder = str(Path(folder).resolve())
        self.recent_folders = [folder] + [f for f in self.recent_folders if f != folder]
        del self.recent_folders[self.MAX_RECENT :]


def settings_file() -> Path:
    return paths.config_dir() / "settings.json"


_lock = threading.Lock()


def load(path: Path | None = None) -> Settings:
    path = path or settings_file()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s unreadable (%s); using defaults", path, exc)
        return Settings()
    return _from_dict(raw if isinstance(raw, dict) else {})


def _from_dict(raw: dict) -> Settings:
    s = Settings()
    known = {f.name: f for f in fields(Settings)}
    for key, value in raw.items():
        if key == "provider" and isinstance(value, dict):
            p = ProviderSettings()
            for pk, pv in value.items():
                default = getattr(p, pk, None)
                if default is not None and isinstance(pv, type(default)):
                    setattr(p, pk, pv)
            s.provider = p
        elif key in known and isinstance(value, type(getattr(s, key))):
            setattr(s, key, value)
    return s


def save(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (temporary file + rename): a crash never leaves half a file."""
    path = path or settings_file()
    data = asdict(settings)
    for key in data["provider"]:
        assert not any(h in key for h in SECRET_HINTS), "settings never hold secrets"
    with _lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=2, sort_keys=True)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
