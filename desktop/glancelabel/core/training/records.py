"""Train runs as the project records them, and which of them were interrupted.

A training holds a file lock (`.running.lock` in its run folder) while it runs. A run whose record
still says `running` but whose lock is free has lost its process (the app was killed, or the
computer stopped): it is marked `interrupted`, keeping the epochs and metrics it had recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from filelock import FileLock, Timeout

from ..i18n import N_, Text, restored, said, stored
from ..model import Run
from ..store.training import running_train_runs, update_run_params

if TYPE_CHECKING:
    from ..store import Store


def lock_is_free(path: str | None) -> bool:
    """Whether no process holds the run's lock (a missing lock file is free)."""
    if not path:
        return True
    lock = FileLock(path)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return False
    except OSError:
        return True
    lock.release()
    return True


def mark_interrupted(store: Store) -> list[int]:
    """Mark train runs whose process is gone as interrupted; returns their ids."""
    gone = []
    for run_id, params in running_train_runs(store):
        if lock_is_free(params.get("lock")):
            epochs = int((params.get("metrics") or {}).get("epoch", 0))
            total = params.get("epochs")
            if total == 1:
                sentence = said(N_("training", "Training run {run} was interrupted after {count} "
                                   "of {total} epoch (the app or the trainer stopped); no model "
                                   "was registered."), run=run_id, count=epochs, total=total)
            else:
                sentence = said(N_("training", "Training run {run} was interrupted after {count} "
                                   "of {total} epochs (the app or the trainer stopped); no model "
                                   "was registered."), run=run_id, count=epochs, total=total)
            update_run_params(store, run_id, {"message": str(sentence),
                                              "sentence": stored(sentence)}, status="interrupted")
            gone.append(run_id)
    return gone


def message_of(params: Mapping[str, Any]) -> Text | str | None:
    """A train run's final sentence as its record keeps it: a Text when the record has its
    template and values (newer runs), else its English."""
    if isinstance(params.get("sentence"), Mapping):
        return restored(params["sentence"])
    message = params.get("message")
    return str(message) if message else None


def train_runs(store: Store) -> list[Run]:
    """The project's train runs, oldest first, with interrupted ones marked so."""
    mark_interrupted(store)
    return [r for r in store.runs() if r.kind == "train"]
