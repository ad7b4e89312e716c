"""Reads for the comparison of models on held-out images that the other store modules lack.

Functions that take the project store (any `StoreBase`), like `store.training`.
"""

from __future__ import annotations

from .base import StoreBase


def answer_spans(store: StoreBase) -> dict[int, tuple[int, float]]:
    """run id -> (images the provider answered, seconds from the run's start to its last answer)."""
    return {r[0]: (r[1], max(0.0, r[2] or 0.0)) for r in store.q(
        "SELECT j.run_id, count(*), max(j.updated_at) - r.created_at FROM jobs j"
        " JOIN runs r ON r.id = j.run_id WHERE j.state = 'done' GROUP BY j.run_id")}
