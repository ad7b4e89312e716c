"""Splitting long id lists for SQL `IN (...)`: SQLite before 3.32 takes at most 999 variables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

IN_LIMIT = 900  # values per IN list, leaving room for a statement's other parameters


def in_chunks(values: Iterable, size: int = IN_LIMIT) -> Iterator[tuple[list, str]]:
    """(chunk, its placeholders "?,?,…") for each slice of `values`."""
    values = list(values)
    for start in range(0, len(values), size):
        chunk = values[start : start + size]
        yield chunk, ",".join("?" * len(chunk))
