"""One app window per project: an advisory lock file beside the project file.

SQLite keeps the file itself safe with several writers (the CLI may add suggestions while the app is
open, and the app shows them); the lock only stops a second *window* from editing the same project
unnoticed. The lock is released by the OS when the process dies, so a crash never leaves it stuck.
"""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import GlanceLabelError
from ..i18n import N_


class ProjectInUse(GlanceLabelError):
    pass


class ProjectLock:
    def __init__(self, project_file: Path):
        self.path = Path(project_file).with_name(Path(project_file).name + ".lock")
        self.owner_file = Path(project_file).with_name(Path(project_file).name + ".owner")
        self._lock = FileLock(str(self.path), timeout=0)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout as exc:
            owner = ""
            try:
                owner = self.owner_file.read_text(encoding="utf-8").strip()
            except OSError:
                pass
            if owner:
                raise ProjectInUse(N_(
                    "errors", "This project is open in another GlanceLabel window (process "
                    "{owner}). Close it there first, or open it anyway: both windows will save "
                    "safely, but each will not see the other's edits until it reloads."),
                    owner=owner) from exc
            raise ProjectInUse(N_(
                "errors", "This project is open in another GlanceLabel window. Close it there "
                "first, or open it anyway: both windows will save safely, but each will not see "
                "the other's edits until it reloads.")) from exc
        try:
            self.owner_file.write_text(str(os.getpid()), encoding="utf-8")
        except OSError:
            pass

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked
