"""Where things live: project files, logs, settings."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

APP = "GlanceLabel"
PROJECT_DIR = ".glancelabel"
PROJECT_FILE = "project.sqlite"


def data_dir() -> Path:
    return Path(os.environ.get("GLANCELABEL_DATA_DIR") or platformdirs.user_data_dir(APP, False))


def config_dir() -> Path:
    return Path(os.environ.get("GLANCELABEL_CONFIG_DIR") or platformdirs.user_config_dir(APP, False))


def log_dir() -> Path:
    return Path(os.environ.get("GLANCELABEL_LOG_DIR") or platformdirs.user_log_dir(APP, False))


def log_file() -> Path:
    return log_dir() / "glancelabel.log"


def _writable_dir(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path, os.W_OK | os.X_OK)


def project_path(folder: Path, override: Path | None = None) -> Path:
    """The project file for an image folder.

    `<folder>/.glancelabel/project.sqlite` by default; when the folder is not writable, a file under
    the user data directory keyed by the folder's absolute path. `override` wins.
    """
    if override is not None:
        return Path(override)
    folder = Path(folder).resolve()
    local = folder / PROJECT_DIR / PROJECT_FILE
    if local.exists() or (os.access(folder, os.W_OK | os.X_OK) and _writable_dir(local.parent)):
        return local
    key = hashlib.sha256(os.fsencode(folder)).hexdigest()[:16]
    safe_name = "".join(c if c.isalnum() or c in "-_" else "_" for c in folder.name)[:40]
    return data_dir() / "projects" / f"{safe_name}-{key}" / PROJECT_FILE
