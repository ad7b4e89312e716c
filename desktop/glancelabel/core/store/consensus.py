"""The reads behind two-model consensus (schema 7): which images two runs both looked at, their
suggestions still open, the consensus run of a pair, and the marks review and reports show.

Columns: `suggestions.consensus` is 'agreed' on the suggestion two runs agree on (it belongs to
the pair's consensus run, kind 'consensus') and 'disputed' on a suggestion of either run that the
other run does not support; `suggestions.agreed_id` links each of the two source suggestions of an
agreed one to it (the sources are kept, hidden as duplicates, so each run's quality figures stay
computable). Writing goes through `Store.apply` (one undoable change set, see
`core.consensus.build`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import orjson

from .base import StoreBase
from .chunks import in_chunks

CONSENSUS_KIND = "consensus"
AGREED = "agreed"
DISPUTED = "disputed"
MARKS = (AGREED, DISPUTED)
_FINISHED = ("done", "cached")  # job states meaning "the model looked at this image"


def looked_at(store: StoreBase, run_id: int) -> set[int]:
    """Images the run looked at: its job there finished (maybe finding nothing), or it has a
    suggestion there (runs without jobs: imports)."""
    marks = ",".join("?" * len(_FINISHED))
    rows = store.q(
        f"SELECT image_id FROM jobs WHERE run_id = ? AND state IN ({marks})"
        " UNION SELECT image_id FROM suggestions WHERE run_id = ?",
        (run_id, *_FINISHED, run_id),
    )
    return {r[0] for r in rows}


def open_suggestions(store: StoreBase, run_id: int, image_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The run's pending suggestions on these images that no consensus has marked yet."""
    out: list[dict[str, Any]] = []
    for chunk, marks in in_chunks(image_ids):
        out += [dict(r) for r in store.q(
            "SELECT id, run_id, image_id, kind, raw_label, label_id, x, y, w, h, text, confidence,"
            " rationale FROM suggestions WHERE run_id = ? AND state = 'pending'"
            f" AND consensus IS NULL AND agreed_id IS NULL AND image_id IN ({marks})"
            " ORDER BY image_id, id",
            (run_id, *chunk),
        )]
    return out


def consensus_run_of(store: StoreBase, run_a: int, run_b: int) -> int | None:
    """The consensus run of these two runs (either order), if there is one."""
    for r in store.q("SELECT id, params FROM runs WHERE kind = ? ORDER BY id", (CONSENSUS_KIND,)):
        if sorted(orjson.loads(r["params"]).get("runs", [])) == sorted((run_a, run_b)):
            return int(r["id"])
    return None


def marks_on(store: StoreBase, image_id: int) -> dict[int, str]:
    """suggestion id -> 'agreed' | 'disputed' for the marked suggestions of one image."""
    return {r[0]: r[1] for r in store.q(
        "SELECT id, consensus FROM suggestions WHERE image_id = ? AND consensus IS NOT NULL",
        (image_id,))}


def marked_ids(store: StoreBase, mark: str) -> set[int]:
    """Ids of every suggestion with this mark ('agreed' or 'disputed')."""
    if mark not in MARKS:
        raise ValueError(f"unknown consensus mark {mark!r}")
    return {r[0] for r in store.q("SELECT id FROM suggestions WHERE consensus = ?", (mark,))}


def sources_of(store: StoreBase, agreed_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """agreed id -> its source suggestions (id, run_id, provider, model, confidence, rationale),
    in run order."""
    out: dict[int, list[dict[str, Any]]] = {}
    for chunk, marks in in_chunks(list(agreed_ids)):
        for r in store.q(
            "SELECT s.agreed_id, s.id, s.run_id, r.provider, r.model, s.confidence, s.rationale"
            " FROM suggestions s LEFT JOIN runs r ON r.id = s.run_id"
            f" WHERE s.agreed_id IN ({marks}) ORDER BY s.agreed_id, s.run_id, s.id", chunk):
            d = dict(r)
            out.setdefault(d.pop("agreed_id"), []).append(d)
    return out


def decisions_by_mark(store: StoreBase) -> dict[str, dict[str, int]]:
    """'agreed' | 'disputed' -> suggestion state -> count (for the quality report)."""
    out: dict[str, dict[str, int]] = {m: {} for m in MARKS}
    for mark, state, n in store.q(
            "SELECT consensus, state, count(*) FROM suggestions WHERE consensus IS NOT NULL"
            " GROUP BY consensus, state"):
        if mark in out:
            out[mark][state] = n
    return out



def marked_population(store: StoreBase, mark: str, run_id: int | None) -> dict[int, frozenset[str]]:
    """Like `audit_population`, over the suggestions with this mark only: eligible images
    holding one (of the run), with the classes of those suggestions ('(unknown) raw' for a
    label that is not a class)."""
    if mark not in MARKS:
        raise ValueError(f"unknown consensus mark {mark!r}")
    run = "" if run_id is None else " AND s.run_id = ?"
    rows = store.q(
        "SELECT s.image_id, l.name, s.raw_label FROM suggestions s"
        " JOIN images i ON i.id = s.image_id LEFT JOIN labels l ON l.id = s.label_id"
        " WHERE s.consensus = ? AND i.excluded = 0 AND i.file_state != 'missing'" + run,
        (mark,) if run_id is None else (mark, run_id))
    out: dict[int, set[str]] = {}
    for image_id, name, raw in rows:
        out.setdefault(image_id, set()).add(name if name is not None else f"(unknown) {raw}")
    return {k: frozenset(v) for k, v in out.items()}


def disputed_pending(store: StoreBase, image_ids: Sequence[int]) -> dict[int, int]:
    """image id -> its pending disputed suggestions (images without any are left out)."""
    out: dict[int, int] = {}
    for chunk, marks in in_chunks(image_ids):
        out.update({r[0]: r[1] for r in store.q(
            "SELECT image_id, count(*) FROM suggestions WHERE consensus = 'disputed'"
            f" AND state = 'pending' AND image_id IN ({marks}) GROUP BY image_id", chunk)})
    return out
