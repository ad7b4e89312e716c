"""The team server's SQL: tasks pushed to a Label Studio project and annotations pulled back.

Functions that take the project store (any `StoreBase`). A pushed task is keyed by the server, the
Label Studio project, and the image's relative path and content hash (`team_tasks`), so a second
push of the same image is recognised. A pulled annotation is kept with its author, its update
time on the server and what became of it (`team_pulls`: applied, same as the local review, or a
conflict with it).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .base import StoreBase
from .chunks import in_chunks


@dataclass(frozen=True, slots=True)
class PushImage:
    """An image a push may send: its key parts, oriented size and review state."""

    id: int
    relpath: str
    content_hash: str | None
    width: int | None
    height: int | None
    review_state: str


def push_candidates(store: StoreBase, only: str) -> list[PushImage]:
    """Readable, included images: 'new' (not reviewed), 'done' (reviewed) or 'all'."""
    where = {"new": " AND review_state = 'new'", "done": " AND review_state = 'done'",
             "all": ""}[only]
    return [PushImage(*r) for r in store.q(
        "SELECT id, relpath, content_hash, width, height, review_state FROM images"
        " WHERE file_state = 'ok' AND excluded = 0" + where + " ORDER BY sort_key, id")]


def pushed_keys(store: StoreBase, server: str, project: int) -> dict[tuple[str, str], int]:
    """(relpath, content hash) -> task id, for the tasks already in this Label Studio project."""
    return {(r[0], r[1]): r[2] for r in store.q(
        "SELECT relpath, content_hash, task_id FROM team_tasks WHERE server = ? AND ls_project = ?",
        (server, project))}


def task_images(store: StoreBase, server: str, project: int) -> dict[int, int]:
    """task id -> image id, for this Label Studio project."""
    return {r[0]: r[1] for r in store.q(
        "SELECT task_id, image_id FROM team_tasks WHERE server = ? AND ls_project = ?",
        (server, project))}


def record_tasks(store: StoreBase, server: str, project: int,
                 rows: Iterable[tuple[str, str, int, int]]) -> None:
    """Remember pushed tasks: (relpath, content hash, image id, task id) each."""
    now = time.time()
    with store.tx() as c:
        c.executemany(
            "INSERT OR REPLACE INTO team_tasks (server, ls_project, relpath, content_hash,"
            " image_id, task_id, pushed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(server, project, *r, now) for r in rows])


def pending_for_push(store: StoreBase, image_ids: Sequence[int]) -> dict[int, list[tuple]]:
    """image id -> its pending suggestions that have a class: (id, kind, label id, x, y, w, h,
    confidence, run id, provider, model)."""
    out: dict[int, list[tuple]] = {}
    for chunk, marks in in_chunks(image_ids):
        for r in store.q(
            "SELECT s.image_id, s.id, s.kind, s.label_id, s.x, s.y, s.w, s.h, s.confidence,"
            " s.run_id, r.provider, r.model FROM suggestions s LEFT JOIN runs r ON r.id = s.run_id"
            f" WHERE s.state = 'pending' AND s.label_id IS NOT NULL AND s.image_id IN ({marks})"
            " ORDER BY s.id", chunk):
            out.setdefault(r[0], []).append(tuple(r)[1:])
    return out


def annotations_for_push(store: StoreBase, image_ids: Sequence[int]) -> dict[int, list[tuple]]:
    """image id -> its annotations: (id, kind, label id, x, y, w, h)."""
    out: dict[int, list[tuple]] = {}
    for chunk, marks in in_chunks(image_ids):
        for r in store.q(
            "SELECT image_id, id, kind, label_id, x, y, w, h FROM annotations"
            f" WHERE label_id IS NOT NULL AND image_id IN ({marks}) ORDER BY id", chunk):
            out.setdefault(r[0], []).append(tuple(r)[1:])
    return out


def pulled(store: StoreBase, server: str, project: int) -> dict[int, str]:
    """Label Studio annotation id -> its update time when it was pulled."""
    return {r[0]: r[1] for r in store.q(
        "SELECT ls_annotation, updated FROM team_pulls WHERE server = ? AND ls_project = ?",
        (server, project))}


def record_pull(store: StoreBase, server: str, project: int, annotation: int, updated: str,
                image_id: int, author: str, outcome: str) -> None:
    with store.tx() as c:
        c.execute(
            "INSERT OR REPLACE INTO team_pulls (server, ls_project, ls_annotation, updated,"
            " image_id, author, outcome, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (server, project, annotation, updated, image_id, author, outcome, time.time()))


def conflicts(store: StoreBase) -> list[tuple[str, str, int]]:
    """Images reviewed both here and on a team server with different results, still open:
    (relpath, author on the server, Label Studio annotation id)."""
    return [(r[0], r[1], r[2]) for r in store.q(
        "SELECT i.relpath, p.author, p.ls_annotation FROM team_pulls p"
        " JOIN images i ON i.id = p.image_id WHERE p.outcome = 'conflict'"
        " ORDER BY i.sort_key, p.ls_annotation")]


def locally_reviewed(store: StoreBase, image_id: int) -> bool:
    """Whether a person decided anything on this image here: done, an annotation, or a decided
    suggestion."""
    return bool(store.scalar(
        "SELECT review_state = 'done' OR EXISTS (SELECT 1 FROM annotations WHERE image_id = ?)"
        " OR EXISTS (SELECT 1 FROM suggestions WHERE image_id = ?"
        " AND state IN ('accepted', 'rejected', 'edited')) FROM images WHERE id = ?",
        (image_id, image_id, image_id)))


def last_suggestion_id(store: StoreBase) -> int:
    return int(store.scalar("SELECT coalesce(max(id), 0) FROM suggestions"))


def image_sizes(store: StoreBase, image_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """image id -> oriented (width, height), for images whose size is known."""
    out: dict[int, tuple[int, int]] = {}
    for chunk, marks in in_chunks(image_ids):
        for r in store.q(f"SELECT id, width, height FROM images WHERE id IN ({marks})"
                         " AND width > 0 AND height > 0", chunk):
            out[r[0]] = (r[1], r[2])
    return out
