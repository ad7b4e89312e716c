"""Undo and redo texts, Qt-free: what a change set did, as the end of a human sentence.

`describe(cs, store)` reads the set's verb, its row changes and the store (for file and class
names) and returns e.g. "mark img_03.jpg done" or "accept 'car' on img_03.jpg"; the window shows
"Undo: …" in the Edit menu and "Undid: …" in the status bar. A verb this module does not know
still gets a plain sentence, never its internal name.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from .changes import ChangeSet, RowChange
from .queue import plural

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)

def _rows(cs: ChangeSet, table: str) -> list[RowChange]:
    return [c for c in cs.changes if c.table == table]


def _row(c: RowChange) -> dict:
    """The fuller side of a change (an insert's after, a delete's before, else both merged)."""
    return {**(c.before or {}), **(c.after or {})}


class _Names:
    def __init__(self, cs: ChangeSet, store: Store) -> None:
        self.cs = cs
        self.store = store

    @cached_property
    def label_rows(self) -> dict[int, dict]:
        """Classes the set itself adds or deletes, named from its rows (they may be gone); read
        only when a sentence names a class (an import's set holds 200,000 rows)."""
        return {c.id: _row(c) for c in _rows(self.cs, "labels") if c.id is not None}

    def image(self) -> str:
        images = self.cs.touched_images()
        if len(images) > 1:
            return plural(len(images), "image")
        image_id = self.cs.image_id if self.cs.image_id is not None else next(iter(images), None)
        rec = None if image_id is None else self.store.image(image_id)
        return rec.relpath if rec is not None else "an image"

    def label(self, label_id: int | None) -> str | None:
        if label_id is None:
            return None
        row = self.label_rows.get(label_id)
        if row and row.get("name"):
            return row["name"]
        lab = self.store.label(label_id)
        return None if lab is None else lab.name


def _done_tail(cs: ChangeSet) -> str:
    done = any(c.table == "images" and (c.after or {}).get("review_state") == "done"
               for c in cs.changes)
    return " and mark it done" if done else ""


def _images(cs: ChangeSet, n: _Names) -> str:
    rows = _rows(cs, "images")
    after = _row(rows[0]) if rows else {}
    state = after.get("review_state")
    if cs.verb == "image.exclude":
        return f"exclude {n.image()}"
    if cs.verb == "image.include":
        return f"include {n.image()} again"
    if state == "done" or cs.verb == "image.done":
        return f"mark {n.image()} done"
    return f"mark {n.image()} not done"


def _box_words(row: dict, n: _Names) -> str:
    name = n.label(row.get("label_id"))
    what = "tag" if row.get("kind") == "tag" else "box"
    return f"a {name} {what}" if name else f"a {what} without a class"


def _annotations(cs: ChangeSet, n: _Names) -> str:
    return _annotation_words(cs, n) + _done_tail(cs)


def _annotation_words(cs: ChangeSet, n: _Names) -> str:
    rows = _rows(cs, "annotations")
    where = n.image()
    if cs.verb == "annotation.add" and rows:
        return f"draw {_box_words(_row(rows[0]), n)} on {where}"
    if cs.verb == "annotation.paste":
        return f"paste {plural(len(rows), 'box', 'boxes')} on {where}"
    if cs.verb == "annotation.tag" and rows:
        return f"tag {where} {n.label(_row(rows[0]).get('label_id')) or 'with a class'}"
    if cs.verb == "annotation.delete":
        if len(rows) == 1:
            row = _row(rows[0])
            if row.get("kind") == "tag":
                return f"remove the {n.label(row.get('label_id')) or 'class'} tag from {where}"
            return f"delete {_box_words(row, n)} on {where}"
        return f"delete {plural(len(rows), 'annotation')} on {where}"
    if cs.verb == "annotation.update" and rows:
        c = rows[0]
        if c.after and "label_id" in c.after:
            new = n.label(c.after["label_id"])
            return f"change a box to {new} on {where}" if new else f"take a box's class away on {where}"
        row = {**(c.before or {}), "label_id": None}
        current = n.store.annotation(c.id) if c.id is not None else None
        if current is not None:
            row["label_id"] = current.label_id
        return f"move or resize {_box_words(row, n)} on {where}"
    return f"change the boxes on {where}"


def _suggestion_label(c: RowChange, n: _Names) -> str:
    s = n.store.suggestion(c.id) if c.id is not None else None
    if s is None:
        return "a suggestion"
    return f"'{n.label(s.label_id) or s.raw_label}'"


def _suggestions(cs: ChangeSet, n: _Names) -> str:
    rows = [c for c in _rows(cs, "suggestions") if c.id is not None]
    where = n.image()
    one = len(rows) == 1
    what = _suggestion_label(rows[0], n) if one else plural(len(rows), "suggestion")
    if cs.verb in ("suggestion.accept", "suggestion.accept_all"):
        return f"accept {what} on {where}{_done_tail(cs)}"
    if cs.verb == "suggestion.reject":
        return f"reject {what} on {where}{_done_tail(cs)}"
    if cs.verb == "suggestion.edit" and rows:
        after = rows[0].after or {}
        if "label_id" in after:
            return f"change a suggestion to '{n.label(after['label_id']) or 'no class'}' on {where}"
        return f"move or resize the suggestion {what} on {where}"
    if cs.verb == "suggestion.map":
        raw = cs.meta.get("raw_label", "a label")
        label_id = cs.meta.get("label_id")
        if label_id is None:
            mapped = [c.after.get("label_id") for c in rows if c.after and c.after.get("label_id")]
            label_id = mapped[0] if mapped else None
        name = n.label(label_id)
        return f"map '{raw}' to {name}" if name else f"map '{raw}' to a class"
    if cs.verb == "mapping.remove":
        return f"forget the mapping of '{cs.meta.get('raw_label', 'a label')}'"
    return f"decide {what} on {where}"


def _glance_counts(cs: ChangeSet, n: _Names) -> tuple[int, dict[str, int], int, str, set[int]]:
    """A glance decision's accepted-as-suggested count, accepted-as-another-class counts (by
    class name), rejected count, the suggestions' class name and their images."""
    rows = [c for c in _rows(cs, "suggestions") if c.id is not None]
    found = n.store.rows("suggestions", [c.id for c in rows if c.id is not None])
    own = {sid: row["label_id"] for sid, row in found.items()}
    name = cs.meta.get("label") or n.label(next(iter(own.values()), None)) or "?"
    accepted = sum(1 for c in rows if (c.after or {}).get("state") in ("accepted", "edited"))
    rejected = sum(1 for c in rows if (c.after or {}).get("state") == "rejected")
    moved: dict[str, int] = {}
    for c in _rows(cs, "annotations"):
        row = c.after if c.before is None and c.after is not None else None
        if row is not None and row.get("label_id") != own.get(row.get("suggestion_id") or 0):
            other = n.label(row.get("label_id")) or "another class"
            moved[other] = moved.get(other, 0) + 1
    images = {row["image_id"] for row in found.values()}
    return accepted - sum(moved.values()), moved, rejected, name, images


def _glance(cs: ChangeSet, n: _Names) -> str:
    """A glance page ("accept 20, accept 1 as 'dog' and reject 4 of 25 'cat' suggestions on 17
    images and mark 12 images done") or one tile accepted alone ("accept 'cat' on img.jpg")."""
    own, moved, rejected, name, images = _glance_counts(cs, n)
    total = own + sum(moved.values()) + rejected
    many = len(images) > 1  # (a rejection alone leaves no image id in the set's rows)
    where = plural(len(images), "image") if many else n.image()
    done = sum(1 for c in _rows(cs, "images") if (c.after or {}).get("review_state") == "done")
    tail = (f" and mark {plural(done, 'image')} done" if many else " and mark it done") if done else ""
    if total == 1:
        verb = "reject" if rejected else "accept"
        as_other = f" as '{next(iter(moved))}'" if moved else ""
        return f"{verb} '{name}'{as_other} on {where}{tail}"
    parts = ([f"accept {own}"] if own else []) + [f"accept {k} as '{other}'"
                                                  for other, k in moved.items()]
    parts += [f"reject {rejected}"] if rejected else []
    if len(parts) == 1:
        if moved:
            return f"accept {total} '{name}' suggestions as '{next(iter(moved))}' on {where}{tail}"
        return f"{parts[0]} '{name}' suggestions on {where}{tail}"
    what = ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{what} of {total} '{name}' suggestions on {where}{tail}"


def _labels(cs: ChangeSet, n: _Names) -> str:
    rows = _rows(cs, "labels")
    names = [r.get("name") for r in map(_row, rows) if r.get("name")]
    name = names[0] if len(names) == 1 else None
    if cs.verb == "label.add":
        return f"add class {name}" if name else f"add {plural(len(rows), 'class', 'classes')}"
    if cs.verb == "label.add_and_map":
        return f"add class {name} from the suggested label"
    if cs.verb == "label.delete":
        gone = [_row(c).get("name") for c in rows if c.after is None]
        return f"delete class {gone[0]}" if gone and gone[0] else "delete a class"
    if cs.verb == "label.move":
        return "reorder the classes"
    if cs.verb == "label.update" and rows:
        c = rows[0]
        old = (c.before or {}).get("name") or n.label(c.id) or "a class"
        after = c.after or {}
        if "name" in after:
            return f"rename class {old} to {after['name']}"
        if "color" in after:
            return f"change the colour of class {old}"
        if "hotkey" in after:
            return f"change the key of class {old}"
        return f"change class {old}"
    return "change the classes"


def _audit(cs: ChangeSet, n: _Names) -> str:
    k = len(_rows(cs, "suggestions"))
    return f"accept the rest of the spot-check ({plural(k, 'suggestion')})"


def _consensus(cs: ChangeSet, n: _Names) -> str:
    agreed = len([c for c in _rows(cs, "suggestions") if c.before is None])
    a, b = (cs.meta.get("runs") or ["?", "?"])[:2]
    return f"build the consensus of runs {a} and {b} ({plural(agreed, 'agreed suggestion')})"


def _import(cs: ChangeSet, n: _Names) -> str:
    k = cs.meta.get("added")  # the importer's count, so 200,000 rows are not walked to say it
    if not isinstance(k, int):
        k = len([c for c in _rows(cs, "annotations") if c.before is None])
    return f"import {plural(k, 'annotation')}"


def _team(cs: ChangeSet, n: _Names) -> str:
    """One image's pull ("take img.jpg's review by Ann Lee from Label Studio") or a whole pull
    ("take the reviews of 3 images by Ann Lee and Cy Ng from Label Studio")."""
    people = cs.meta.get("reviewers") or ([cs.meta["reviewer"]] if cs.meta.get("reviewer") else [])
    who = (" by " + (people[0] if len(people) == 1 else
                     ", ".join(people[:-1]) + " and " + people[-1])) if people else ""
    count = cs.meta.get("images")
    if isinstance(count, int) and count > 1:
        return f"take the reviews of {plural(count, 'image')}{who} from Label Studio"
    return f"take {n.image()}'s review{who} from Label Studio"


_BY_PREFIX: dict[str, Callable[[ChangeSet, _Names], str]] = {
    "suggestion.glance": _glance,  # before "suggestion.": the first prefix that matches wins
    "image.": _images,
    "annotation.": _annotations,
    "suggestion.": _suggestions,
    "mapping.": _suggestions,
    "label.": _labels,
    "audit.accept_rest": _audit,
    "import.": _import,
    "consensus.": _consensus,
    "team.": _team,
}


def describe(cs: ChangeSet, store: Store) -> str:
    """What `cs` did, as a lowercase phrase to follow "Undo: " or "Undid: "."""
    verb = cs.verb[5:] if cs.verb.startswith("undo:") else cs.verb
    if verb != cs.verb:
        cs = ChangeSet(verb, cs.inverted().changes, cs.image_id, cs.meta)
    for prefix, fn in _BY_PREFIX.items():
        if verb.startswith(prefix):
            try:
                return fn(cs, _Names(cs, store))
            except Exception:  # a row gone in between: a plainer sentence, never a crash
                log.warning("cannot describe %s", verb, exc_info=True)
                break
    return "the last change"
