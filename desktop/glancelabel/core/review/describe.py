"""Undo and redo texts, Qt-free: what a change set did, as the end of a human sentence.

`describe(cs, store)` reads the set's verb, its row changes and the store (for file and class
names) and returns a `Text` (core/i18n.py) such as "mark img_03.jpg done" or "accept 'car' on
img_03.jpg": `str()` gives it in English, the window translates its templates (context "undo")
and shows "Undo: …" in the Edit menu and "Undid: …" in the status bar. A verb this module does not
know still gets a plain sentence, never its internal name. A count is two templates (1 / more).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..i18n import N_, Text, counted, said
from .changes import ChangeSet, RowChange

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

    def image(self) -> Text | str:
        images = self.cs.touched_images()
        if len(images) > 1:
            return counted(len(images), N_("undo", "{count} image"), N_("undo", "{count} images"))
        image_id = self.cs.image_id if self.cs.image_id is not None else next(iter(images), None)
        rec = None if image_id is None else self.store.image(image_id)
        return rec.relpath if rec is not None else said(N_("undo", "an image"))

    def label(self, label_id: int | None) -> str | None:
        if label_id is None:
            return None
        row = self.label_rows.get(label_id)
        if row and row.get("name"):
            return str(row["name"])
        lab = self.store.label(label_id)
        return None if lab is None else lab.name


def _done_tail(cs: ChangeSet) -> Text | str:
    done = any(c.table == "images" and (c.after or {}).get("review_state") == "done"
               for c in cs.changes)
    return said(N_("undo", " and mark it done")) if done else ""


def _images(cs: ChangeSet, n: _Names) -> Text:
    rows = _rows(cs, "images")
    after = _row(rows[0]) if rows else {}
    state = after.get("review_state")
    if cs.verb == "image.exclude":
        return said(N_("undo", "exclude {image}"), image=n.image())
    if cs.verb == "image.include":
        return said(N_("undo", "include {image} again"), image=n.image())
    if state == "done" or cs.verb == "image.done":
        return said(N_("undo", "mark {image} done"), image=n.image())
    return said(N_("undo", "mark {image} not done"), image=n.image())


def _box_words(row: dict, n: _Names) -> Text:
    name = n.label(row.get("label_id"))
    if row.get("kind") == "tag":
        return (said(N_("undo", "a {name} tag"), name=name) if name
                else said(N_("undo", "a tag without a class")))
    return (said(N_("undo", "a {name} box"), name=name) if name
            else said(N_("undo", "a box without a class")))


def _annotations(cs: ChangeSet, n: _Names) -> Text:
    return said(N_("undo", "{change}{done}"), change=_annotation_words(cs, n), done=_done_tail(cs))


def _annotation_words(cs: ChangeSet, n: _Names) -> Text:
    rows = _rows(cs, "annotations")
    where = n.image()
    if cs.verb == "annotation.add" and rows:
        return said(N_("undo", "draw {what} on {image}"), what=_box_words(_row(rows[0]), n),
                    image=where)
    if cs.verb == "annotation.paste":
        return said(N_("undo", "paste {boxes} on {image}"), image=where,
                    boxes=counted(len(rows), N_("undo", "{count} box"), N_("undo", "{count} boxes")))
    if cs.verb == "annotation.tag" and rows:
        name = n.label(_row(rows[0]).get("label_id"))
        return (said(N_("undo", "tag {image} {name}"), image=where, name=name) if name
                else said(N_("undo", "tag {image} with a class"), image=where))
    if cs.verb == "annotation.delete":
        if len(rows) == 1:
            row = _row(rows[0])
            if row.get("kind") == "tag":
                name = n.label(row.get("label_id"))
                return (said(N_("undo", "remove the {name} tag from {image}"), name=name, image=where)
                        if name else said(N_("undo", "remove the class tag from {image}"), image=where))
            return said(N_("undo", "delete {what} on {image}"), what=_box_words(row, n), image=where)
        return said(N_("undo", "delete {annotations} on {image}"), image=where, annotations=counted(
            len(rows), N_("undo", "{count} annotation"), N_("undo", "{count} annotations")))
    if cs.verb == "annotation.update" and rows:
        c = rows[0]
        if c.after and "label_id" in c.after:
            new = n.label(c.after["label_id"])
            return (said(N_("undo", "change a box to {name} on {image}"), name=new, image=where)
                    if new else said(N_("undo", "take a box's class away on {image}"), image=where))
        moved: dict[str, Any] = {**(c.before or {}), "label_id": None}
        current = n.store.annotation(c.id) if c.id is not None else None
        if current is not None:
            moved["label_id"] = current.label_id
        return said(N_("undo", "move or resize {what} on {image}"), what=_box_words(moved, n),
                    image=where)
    return said(N_("undo", "change the boxes on {image}"), image=where)


def _suggestion_label(c: RowChange, n: _Names) -> Text:
    s = n.store.suggestion(c.id) if c.id is not None else None
    if s is None:
        return said(N_("undo", "a suggestion"))
    return said(N_("undo", "'{name}'"), name=n.label(s.label_id) or s.raw_label)


def _suggestions(cs: ChangeSet, n: _Names) -> Text:
    rows = [c for c in _rows(cs, "suggestions") if c.id is not None]
    where = n.image()
    one = len(rows) == 1
    what = (_suggestion_label(rows[0], n) if one else
            counted(len(rows), N_("undo", "{count} suggestion"), N_("undo", "{count} suggestions")))
    if cs.verb in ("suggestion.accept", "suggestion.accept_all"):
        return said(N_("undo", "accept {what} on {image}{done}"), what=what, image=where,
                    done=_done_tail(cs))
    if cs.verb == "suggestion.reject":
        return said(N_("undo", "reject {what} on {image}{done}"), what=what, image=where,
                    done=_done_tail(cs))
    if cs.verb == "suggestion.edit" and rows:
        after = rows[0].after or {}
        if "label_id" in after:
            name = n.label(after["label_id"])
            return (said(N_("undo", "change a suggestion to '{name}' on {image}"), name=name,
                         image=where) if name else
                    said(N_("undo", "take a suggestion's class away on {image}"), image=where))
        return said(N_("undo", "move or resize the suggestion {what} on {image}"), what=what,
                    image=where)
    if cs.verb == "suggestion.map":
        raw = cs.meta.get("raw_label")
        label_id = cs.meta.get("label_id")
        if label_id is None:
            mapped = [c.after.get("label_id") for c in rows if c.after and c.after.get("label_id")]
            label_id = mapped[0] if mapped else None
        name = n.label(label_id)
        if raw is None:
            return said(N_("undo", "map a label to a class"))
        return (said(N_("undo", "map '{raw}' to {name}"), raw=raw, name=name) if name
                else said(N_("undo", "map '{raw}' to a class"), raw=raw))
    if cs.verb == "mapping.remove":
        raw = cs.meta.get("raw_label")
        return (said(N_("undo", "forget the mapping of '{raw}'"), raw=raw) if raw
                else said(N_("undo", "forget a label mapping")))
    return said(N_("undo", "decide {what} on {image}"), what=what, image=where)


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
            other = n.label(row.get("label_id")) or "?"
            moved[other] = moved.get(other, 0) + 1
    images = {row["image_id"] for row in found.values()}
    return accepted - sum(moved.values()), moved, rejected, name, images


def _glance_tail(cs: ChangeSet, many: bool) -> Text | str:
    done = sum(1 for c in _rows(cs, "images") if (c.after or {}).get("review_state") == "done")
    if not done:
        return ""
    if not many:
        return said(N_("undo", " and mark it done"))
    return counted(done, N_("undo", " and mark {count} image done"), N_("undo", " and mark {count} images done"))


def _glance(cs: ChangeSet, n: _Names) -> Text:
    """A glance page ("accept 20, accept 1 as 'dog' and reject 4 of 25 'cat' suggestions on 17
    images and mark 12 images done") or one tile accepted alone ("accept 'cat' on img.jpg")."""
    own, moved, rejected, name, images = _glance_counts(cs, n)
    total = own + sum(moved.values()) + rejected
    many = len(images) > 1  # (a rejection alone leaves no image id in the set's rows)
    where = counted(len(images), N_("undo", "{count} image"), N_("undo", "{count} images")) if many else n.image()
    tail = _glance_tail(cs, many)
    if total == 1:
        if rejected:
            return said(N_("undo", "reject '{name}' on {image}{done}"), name=name, image=where, done=tail)
        if moved:
            return said(N_("undo", "accept '{name}' as '{other}' on {image}{done}"), name=name,
                        other=next(iter(moved)), image=where, done=tail)
        return said(N_("undo", "accept '{name}' on {image}{done}"), name=name, image=where, done=tail)
    parts: list[Text] = [said(N_("undo", "accept {n}"), n=own)] if own else []
    parts += [said(N_("undo", "accept {n} as '{other}'"), n=k, other=other) for other, k in moved.items()]
    parts += [said(N_("undo", "reject {n}"), n=rejected)] if rejected else []
    if len(parts) == 1:
        if moved:
            return said(N_("undo", "accept {n} '{name}' suggestions as '{other}' on {image}{done}"),
                        n=total, name=name, other=next(iter(moved)), image=where, done=tail)
        return said(N_("undo", "{decision} '{name}' suggestions on {image}{done}"), decision=parts[0],
                    name=name, image=where, done=tail)
    return said(N_("undo", "{decisions} of {n} '{name}' suggestions on {image}{done}"),
                decisions=and_list(parts), n=total, name=name, image=where, done=tail)


def and_list(parts: list[Any]) -> Text | Any:
    """'a', 'a and b', 'a, b and c' (the words between them translated)."""
    if len(parts) == 1:
        return parts[0]
    out = said(N_("undo", "{first} and {last}"), first=parts[-2], last=parts[-1])
    for part in reversed(parts[:-2]):
        out = said(N_("undo", "{first}, {rest}"), first=part, rest=out)
    return out


def _labels(cs: ChangeSet, n: _Names) -> Text:
    rows = _rows(cs, "labels")
    names = [r.get("name") for r in map(_row, rows) if r.get("name")]
    name = names[0] if len(names) == 1 else None
    if cs.verb == "label.add":
        return (said(N_("undo", "add class {name}"), name=name) if name else said(
            N_("undo", "add {classes}"),
            classes=counted(len(rows), N_("undo", "{count} class"), N_("undo", "{count} classes"))))
    if cs.verb == "label.add_and_map":
        return said(N_("undo", "add class {name} from the suggested label"), name=name)
    if cs.verb == "label.delete":
        gone = [_row(c).get("name") for c in rows if c.after is None]
        return (said(N_("undo", "delete class {name}"), name=gone[0]) if gone and gone[0]
                else said(N_("undo", "delete a class")))
    if cs.verb == "label.move":
        return said(N_("undo", "reorder the classes"))
    if cs.verb == "label.update" and rows:
        c = rows[0]
        old = (c.before or {}).get("name") or n.label(c.id)
        after = c.after or {}
        if old is None:
            return said(N_("undo", "change a class"))
        if "name" in after:
            return said(N_("undo", "rename class {old} to {new}"), old=old, new=after["name"])
        if "color" in after:
            return said(N_("undo", "change the colour of class {name}"), name=old)
        if "hotkey" in after:
            return said(N_("undo", "change the key of class {name}"), name=old)
        return said(N_("undo", "change class {name}"), name=old)
    return said(N_("undo", "change the classes"))


def _audit(cs: ChangeSet, n: _Names) -> Text:
    k = len(_rows(cs, "suggestions"))
    return counted(k, N_("undo", "accept the rest of the spot-check ({count} suggestion)"),
                  N_("undo", "accept the rest of the spot-check ({count} suggestions)"))


def _consensus(cs: ChangeSet, n: _Names) -> Text:
    agreed = len([c for c in _rows(cs, "suggestions") if c.before is None])
    a, b = (cs.meta.get("runs") or ["?", "?"])[:2]
    one = N_("undo", "build the consensus of runs {a} and {b} ({n} agreed suggestion)")
    many = N_("undo", "build the consensus of runs {a} and {b} ({n} agreed suggestions)")
    return said(one if agreed == 1 else many, a=a, b=b, n=agreed)


def _import(cs: ChangeSet, n: _Names) -> Text:
    k = cs.meta.get("added")  # the importer's count, so 200,000 rows are not walked to say it
    if not isinstance(k, int):
        k = len([c for c in _rows(cs, "annotations") if c.before is None])
    return counted(k, N_("undo", "import {count} annotation"), N_("undo", "import {count} annotations"))


def _team(cs: ChangeSet, n: _Names) -> Text:
    """One image's pull ("take img.jpg's review by Ann Lee from Label Studio") or a whole pull
    ("take the reviews of 3 images by Ann Lee and Cy Ng from Label Studio")."""
    people = cs.meta.get("reviewers") or ([cs.meta["reviewer"]] if cs.meta.get("reviewer") else [])
    count = cs.meta.get("images")
    many = isinstance(count, int) and count > 1
    if not people:
        return (said(N_("undo", "take the reviews of {n} images from Label Studio"), n=count) if many
                else said(N_("undo", "take {image}'s review from Label Studio"), image=n.image()))
    who = and_list(list(people))
    return (said(N_("undo", "take the reviews of {n} images by {who} from Label Studio"), n=count,
                 who=who) if many else
            said(N_("undo", "take {image}'s review by {who} from Label Studio"), image=n.image(),
                 who=who))


_BY_PREFIX: dict[str, Callable[[ChangeSet, _Names], Text]] = {
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


def describe(cs: ChangeSet, store: Store) -> Text:
    """What `cs` did, as a lowercase phrase to follow "Undo: " or "Undid: " (str() in English)."""
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
    return said(N_("undo", "the last change"))
