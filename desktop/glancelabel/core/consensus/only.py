"""A spot-check of one kind of suggestion only: `only = 'agreed'` (what two models agree on) or
`'disputed'`, for `core.spotcheck.sample` and the `review` and `audit` commands.

With `only`, a spot-check draws its sample from the images holding suggestions of that kind,
judges each sampled image by those suggestions alone (objects nobody suggested, drawn by hand,
are not theirs to answer for: the question is whether they can be accepted unseen), and
"accept the rest" takes those suggestions only: the others stay pending, and an image is marked
done only when nothing else is left on it. When the agreed ones pass, accept them in bulk and
review the disputed ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..i18n import N_, Text, said
from ..store.audits import class_name
from ..store.consensus import MARKS, marked_ids, marked_population

if TYPE_CHECKING:
    from ..store import Store

ONLY = MARKS  # ('agreed', 'disputed')
ONLY_WORDS = {"agreed": N_("consensus", "agreed"), "disputed": N_("consensus", "disputed")}


def only_word(only: str) -> Text:
    """'agreed' or 'disputed' as a word for people."""
    return said(ONLY_WORDS[only])


def only_problem(only: str | None) -> Text | None:
    """Why `only` is not a valid choice (one sentence), else None."""
    if only is None or only in ONLY:
        return None
    return said(N_("errors", "Choose 'agreed' or 'disputed' for only, not {only}."), only=repr(only))


def population(store: Store, only: str | None, run_id: int | None) -> dict[int, frozenset[str]]:
    """The images a spot-check draws from, with their predicted classes."""
    if only is None:
        return store.audit_population(run_id)
    return marked_population(store, only, run_id)


def keep(store: Store, only: str | None, rows: Iterable[Mapping[str, Any]]) -> list[Any]:
    """The suggestion rows (with an 'id') of this kind; all of them without `only`."""
    rows = list(rows)
    if only is None:
        return rows
    ids = marked_ids(store, only)
    return [r for r in rows if r["id"] in ids]


def rest_counts(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """`audit_rest_counts` of these rest rows: pending with a class, unknown, images."""
    rows = list(rows)
    known = [r for r in rows if r["label_id"] is not None]
    return {"pending": len(known), "unknown": len(rows) - len(known),
            "images": len({r["image_id"] for r in known})}


def rest_by_class(rows: Iterable[Mapping[str, Any]]) -> dict[str, tuple[int, int]]:
    """`audit_rest_by_class` of these rest rows: class -> (pending, images holding them)."""
    pending: dict[str, int] = {}
    images: dict[str, set[int]] = {}
    for r in rows:
        if r["label_id"] is None:
            continue
        name = class_name(r["label_name"], r["raw_label"])
        pending[name] = pending.get(name, 0) + 1
        images.setdefault(name, set()).add(r["image_id"])
    return {name: (n, len(images[name])) for name, n in pending.items()}
