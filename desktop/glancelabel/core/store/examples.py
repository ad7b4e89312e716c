"""Examples in the prompt: the SQL of table `prompt_examples` and of the images that may be one.

Functions that take the project store (any `StoreBase`). An example is a done, included image
whose annotations are sent with the question; it never is a spot-check sample image (table
`audit_images`) or a held-out validation image (`train_split`, split 'val'), so the figures
that judge the model are not measured on images it was shown.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..model import Box
from .base import StoreBase
from .chunks import in_chunks

_USABLE = ("i.review_state = 'done' AND i.excluded = 0 AND i.file_state NOT IN "
           "('missing', 'unreadable')")


@dataclass(frozen=True, slots=True)
class ExampleImage:
    """A reviewed image as an example: its file and its annotations (class names)."""

    image_id: int
    relpath: str
    content_hash: str | None
    orientation: int
    size: tuple[int, int] | None
    boxes: tuple[tuple[str, Box], ...]
    tags: tuple[str, ...]


def forbidden_image_ids(store: StoreBase) -> set[int]:
    """Images that are never examples: spot-check samples and held-out validation images."""
    rows = store.q("SELECT image_id FROM audit_images UNION "
                   "SELECT image_id FROM train_split WHERE split = 'val'")
    return {r[0] for r in rows}


def picked_examples(store: StoreBase) -> list[tuple[int, int]]:
    """(label id, image id) of every example a person picked, oldest first."""
    return [(r[0], r[1]) for r in store.q(
        "SELECT label_id, image_id FROM prompt_examples ORDER BY added_at, rowid")]


def add_example(store: StoreBase, label_id: int, image_id: int) -> bool:
    """Pick an image as an example of a class; False when it already is one."""
    with store.tx() as c:
        cur = c.execute("INSERT OR IGNORE INTO prompt_examples (label_id, image_id, added_at)"
                        " VALUES (?, ?, ?)", (label_id, image_id, time.time()))
        return cur.rowcount > 0


def add_examples(store: StoreBase, pairs: list[tuple[int, int]]) -> int:
    """Pick each (class id, image id) as an example, in one transaction; how many were new."""
    with store.tx():
        return sum(add_example(store, label_id, image_id) for label_id, image_id in pairs)


def remove_example(store: StoreBase, label_id: int, image_id: int) -> bool:
    with store.tx() as c:
        cur = c.execute("DELETE FROM prompt_examples WHERE label_id = ? AND image_id = ?",
                        (label_id, image_id))
        return cur.rowcount > 0


def usable_image_ids(store: StoreBase, image_ids: list[int]) -> set[int]:
    """Of these images, those that are done, included and readable."""
    out: set[int] = set()
    for chunk, marks in in_chunks(image_ids):
        out.update(r[0] for r in store.q(
            f"SELECT i.id FROM images i WHERE i.id IN ({marks}) AND {_USABLE}", chunk))
    return out


def accepted_candidates(store: StoreBase, label_id: int) -> list[int]:
    """'Pick for me': done images holding an annotation of this class that a person accepted
    from a suggestion, corrected ones first (the model got them wrong), then the most such
    annotations, then image order. Spot-check and held-out images are left out."""
    rows = store.q(
        "SELECT a.image_id, sum(s.state = 'edited') AS corrected, count(*) AS n"
        " FROM annotations a JOIN suggestions s ON s.annotation_id = a.id"
        " JOIN images i ON i.id = a.image_id"
        f" WHERE a.label_id = ? AND s.state IN ('accepted', 'edited')"
        f" AND coalesce(s.decided_by, 'person') = 'person' AND {_USABLE}"
        " GROUP BY a.image_id ORDER BY corrected DESC, n DESC, i.sort_key, a.image_id",
        (label_id,))
    forbidden = forbidden_image_ids(store)
    return [r[0] for r in rows if r[0] not in forbidden]


def example_images(store: StoreBase, image_ids: list[int]) -> dict[int, ExampleImage]:
    """The images with their annotations (boxes and tags with a class), by image id."""
    out: dict[int, ExampleImage] = {}
    for chunk, marks in in_chunks(image_ids):
        notes: dict[int, tuple[list[tuple[str, Box]], list[str]]] = {i: ([], []) for i in chunk}
        for r in store.q(
                "SELECT a.image_id, l.name, a.kind, a.x, a.y, a.w, a.h FROM annotations a"
                f" JOIN labels l ON l.id = a.label_id WHERE a.image_id IN ({marks})"
                " ORDER BY a.image_id, a.id", chunk):
            boxes, tags = notes[r[0]]
            if r[2] == "tag":
                tags.append(r[1])
            elif r[3] is not None:
                boxes.append((r[1], Box(r[3], r[4], r[5], r[6])))
        for r in store.q("SELECT id, relpath, content_hash, orientation, width, height"
                         f" FROM images WHERE id IN ({marks})", chunk):
            size = (r[4], r[5]) if r[4] and r[5] else None
            boxes, tags = notes[r[0]]
            out[r[0]] = ExampleImage(r[0], r[1], r[2], r[3] or 1, size, tuple(boxes),
                                     tuple(tags))
    return out
