"""Training's SQL: the held train/val split, the local models, and the records of train runs.

Functions that take the project store (any `StoreBase`), so the training package needs no mixin of
its own. The split is held (`train_split`): an image keeps its split once assigned, so the same val
images are never trained on and are reused for comparisons.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import orjson

from .audits import MACHINE_DECIDERS
from .base import StoreBase, inserted_id
from .chunks import in_chunks


@dataclass(frozen=True)
class LocalModel:
    """An ONNX model trained from the project (table `local_models`)."""

    id: int
    name: str
    task: str  # detect | classify
    path: str
    class_names: list[str]  # in the model's class order
    run_id: int | None
    created_at: float


def held_split(store: StoreBase) -> dict[int, str]:
    """image id -> 'train' | 'val', for every image given a split so far."""
    return {r[0]: r[1] for r in store.q("SELECT image_id, split FROM train_split")}


def val_image_ids(store: StoreBase) -> list[int]:
    """The held-out images (the comparison's images), in id order."""
    return [r[0] for r in store.q(
        "SELECT image_id FROM train_split WHERE split = 'val' ORDER BY image_id")]


def hold_split(store: StoreBase, assignments: dict[int, str], seed: int) -> None:
    """Keep new assignments; an image that has a split keeps it."""
    now = time.time()
    with store.tx() as c:
        c.executemany(
            "INSERT OR IGNORE INTO train_split (image_id, split, seed, assigned_at)"
            " VALUES (?, ?, ?, ?)",
            ((i, s, seed, now) for i, s in sorted(assignments.items())),
        )


def person_reviewed(store: StoreBase, image_ids: list[int]) -> set[int]:
    """Of these done images, those a person reviewed: every image except one an import marked
    done whose annotations all came from imports, and one where a spot-check's 'accept the rest'
    or a bulk action decided suggestions (nobody looked at either here; the comparison's
    held-out truth leaves them out too, `quality_images`)."""
    marks = ",".join("?" * len(MACHINE_DECIDERS))
    machine = {r[0] for r in store.q(
        f"SELECT DISTINCT image_id FROM suggestions WHERE decided_by IN ({marks})",
        MACHINE_DECIDERS)}
    imported = {r[0] for r in store.q(
        "SELECT DISTINCT json_extract(j.value, '$[1]') FROM events e,"
        " json_each(e.changes, '$.changes') j WHERE e.verb = 'import.annotations'")}
    touched: set[int] = set()
    for chunk, marks in in_chunks(sorted(imported)):
        touched |= {r[0] for r in store.q(
            f"SELECT DISTINCT image_id FROM annotations WHERE image_id IN ({marks})"
            " AND source != 'import'", chunk)}
    return {i for i in image_ids if (i not in imported or i in touched) and i not in machine}


def register_local_model(store: StoreBase, name: str, task: str, path: str,
                         class_names: list[str], run_id: int | None) -> int:
    with store.tx() as c:
        cur = c.execute(
            "INSERT INTO local_models (name, task, path, class_names, run_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (name, task, path, orjson.dumps(class_names).decode(), run_id, time.time()),
        )
        return inserted_id(cur)


def _model(r: tuple) -> LocalModel:
    return LocalModel(r[0], r[1], r[2], r[3], list(orjson.loads(r[4])), r[5], r[6])


_MODEL_COLUMNS = "id, name, task, path, class_names, run_id, created_at"


def local_models(store: StoreBase) -> list[LocalModel]:
    return [_model(tuple(r)) for r in store.q(
        f"SELECT {_MODEL_COLUMNS} FROM local_models ORDER BY id")]


def local_model(store: StoreBase, name: str) -> LocalModel | None:
    r = store.q1(f"SELECT {_MODEL_COLUMNS} FROM local_models WHERE name = ?", (name,))
    return None if r is None else _model(tuple(r))


def update_run_params(store: StoreBase, run_id: int, changes: dict,
                      status: str | None = None) -> None:
    """Merge `changes` into a run's params (and set its status) in one transaction."""
    with store.tx() as c:
        row = c.execute("SELECT params FROM runs WHERE id = ?", (run_id,)).fetchone()
        params = {**orjson.loads(row[0]), **changes}
        c.execute("UPDATE runs SET params = ?, status = coalesce(?, status) WHERE id = ?",
                  (orjson.dumps(params).decode(), status, run_id))


def running_train_runs(store: StoreBase) -> list[tuple[int, dict]]:
    """(run id, params) of train runs whose record still says running."""
    return [(r[0], orjson.loads(r[1])) for r in store.q(
        "SELECT id, params FROM runs WHERE kind = 'train' AND status = 'running' ORDER BY id")]
