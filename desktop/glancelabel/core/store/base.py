"""The typed base of the store's parts.

`Store` (in `__init__.py`) is composed of mixins, one per area (images, labels, annotations,
suggestions, jobs, …), that all talk to SQLite through the same few primitives. `StoreBase` is
what every mixin inherits: it declares those primitives and the few methods one mixin borrows
from another, so a checker (and "go to definition") knows what `self.q`, `self.tx` or
`self.apply` are inside a mixin. The bodies live in `Store` and in the mixin named beside each
declaration; at run time this class adds nothing.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Box, ImageRecord, Label, ReviewState, Run
    from ..review.changes import ChangeSet, RowChange

# SQL parameters as sqlite3 takes them.
Params = tuple[Any, ...] | list[Any] | dict[str, Any]


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id of the row the INSERT just run on `cur` made."""
    assert cur.lastrowid is not None
    return cur.lastrowid


def pairs(rows: Iterable[sqlite3.Row]) -> dict[Any, Any]:
    """{first column: second column} of two-column rows."""
    return {r[0]: r[1] for r in rows}


class StoreBase:
    path: Path

    if TYPE_CHECKING:
        # -- the connection this thread uses and its lock, defined in Store ----------------
        @property
        def _conn(self) -> sqlite3.Connection: ...
        @property
        def _lock(self) -> threading.RLock: ...

        # -- primitives, defined in Store -------------------------------------------------
        def tx(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def decision(self) -> AbstractContextManager[bool]: ...
        def q(self, sql: str, params: Params = ()) -> list[sqlite3.Row]: ...
        def q1(self, sql: str, params: Params = ()) -> sqlite3.Row | None: ...
        def scalar(self, sql: str, params: Params = ()) -> Any: ...
        def get_meta(self, key: str, default: str | None = None) -> str | None: ...
        def set_meta(self, key: str, value: str) -> None: ...
        def apply(self, cs: ChangeSet) -> ChangeSet: ...
        def row(self, table: str, row_id: int) -> dict[str, Any] | None: ...
        def rows(self, table: str, ids: Sequence[int]) -> dict[int, dict[str, Any]]: ...
        def close(self) -> None: ...

        # -- borrowed from other mixins ---------------------------------------------------
        def image(self, image_id: int) -> ImageRecord | None: ...  # ImagesMixin
        def review_state_changes(  # ImagesMixin
            self, ids: Iterable[int], state: ReviewState
        ) -> list[RowChange]: ...
        def label(self, label_id: int) -> Label | None: ...  # LabelsMixin
        def new_label_change(  # LabelsMixin
            self, name: str, color: str | None = None, description: str = ""
        ) -> RowChange: ...
        def runs(self) -> list[Run]: ...  # RunsMixin
        def _fit(self, image_id: int, box: Box) -> Box: ...  # AnnotationsMixin
        def box_and_class_change(  # AnnotationsMixin
            self, current: dict[str, Any], box: Box | None, label_id: int | None | EllipsisType
        ) -> tuple[dict[str, Any], dict[str, Any]]: ...
