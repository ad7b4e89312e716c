"""Pull: the team's completed Label Studio annotations back as reviews, with who and when.

For each task pushed from this project, the latest annotation that was not cancelled decides the
image: a region that kept a prediction's id (`s<suggestion id>`) decides that suggestion, else the
pending suggestion of the same class with the highest IoU (at least 0.5); unchanged it is
accepted, changed it is edited; a region that matches none is a person's new annotation; pending
suggestions that no region matches are rejected; the image is done. Every decision is a person's
(`decided_by = 'person'`) with the Label Studio user's name as `reviewer`, at the annotation's
time, one change set per image, written as it is pulled (a cancel keeps the images pulled so
far, and so does an error: `PullStopped` carries them); `PullResult.change_set` joins them into
one undo step. An image a person reviewed here too is never overwritten: when the two reviews
differ it is listed as a conflict. An annotation pulled before is skipped while its image stays
reviewed; if that review was undone it is pulled again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import sentence, user_error
from ..geometry import iou
from ..i18n import N_, Sentences, Text, counted
from ..model import Kind, ReviewState, Suggestion
from ..review.changes import ChangeSet, Ref, RowChange
from ..store import team as sql
from ..store.annotations import annotation_row
from .convert import KEY_FIELD, Region, regions, same_box
from .push import find_project
from .server import Server, TeamError, person_name

if TYPE_CHECKING:
    from ..store import Store

MATCH_IOU = 0.5


@dataclass
class PullResult:
    project_id: int
    title: str
    tasks: int = 0
    total: int = 0  # annotated tasks the server listed
    applied: int = 0
    same: int = 0
    already: int = 0
    accepted: int = 0
    edited: int = 0
    rejected: int = 0
    added: int = 0
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (relpath, author)
    notes: list[str] = field(default_factory=list)
    cancelled: bool = False
    changes: list[ChangeSet] = field(default_factory=list)  # each applied image's, as applied

    def change_set(self) -> ChangeSet | None:
        """Every review this pull applied as one change set (one undo step in the window): its
        images' sets one after the other, so undoing it takes them back in reverse order. None
        when nothing was applied."""
        if not self.changes:
            return None
        reviewers = sorted({str(cs.meta["reviewer"]) for cs in self.changes})
        rows = tuple(c for cs in self.changes for c in cs.changes)
        image = self.changes[0].image_id if len(self.changes) == 1 else None
        return ChangeSet("team.pull", rows, image, {"reviewers": reviewers, "project": self.title,
                                                    "images": len(self.changes)})

    def text(self) -> str:
        return str(self.summary())

    def summary(self) -> Sentences:
        """What the pull did, in sentences (`text()` is their English)."""
        added = counted(self.added, N_("team", "{count} new annotation"),
                        N_("team", "{count} new annotations"))
        out: list[Text] = [counted(
            self.applied, N_("team", "Pulled {count} reviewed image from Label Studio project "
                             "'{title}': {accepted} accepted, {edited} edited, {rejected} "
                             "rejected, {added}."),
            N_("team", "Pulled {count} reviewed images from Label Studio project '{title}': "
               "{accepted} accepted, {edited} edited, {rejected} rejected, {added}."),
            title=self.title, accepted=self.accepted, edited=self.edited,
            rejected=self.rejected, added=added)]
        if self.cancelled:
            out.append(counted(self.total, N_("team", "Cancelled after {done} of {count} annotated "
                                              "task; the rest is pulled next time."),
                               N_("team", "Cancelled after {done} of {count} annotated tasks; the "
                                  "rest is pulled next time."), done=f"{self.tasks:,}"))
        if self.already or self.same:
            out.append(counted(self.already + self.same, N_("team", "Unchanged: {count} image."),
                               N_("team", "Unchanged: {count} images.")))
        if self.conflicts:
            shown = ", ".join(f"{p} ({a})" for p, a in self.conflicts[:5])
            more = ", …" if len(self.conflicts) > 5 else ""
            out.append(counted(len(self.conflicts), N_("team", "{count} conflict (reviewed here "
                                                       "and on the server differently; kept as "
                                                       "reviewed here): {images}."),
                               N_("team", "{count} conflicts (reviewed here and on the server "
                                  "differently; kept as reviewed here): {images}."),
                               images=shown + more))
        return Sentences(out)

    def to_dict(self) -> dict[str, Any]:
        return {"project": self.project_id, "title": self.title, "tasks": self.tasks,
                "applied": self.applied, "same": self.same, "already": self.already,
                "accepted": self.accepted, "edited": self.edited, "rejected": self.rejected,
                "added": self.added, "notes": self.notes,
                "conflicts": [{"image": p, "author": a} for p, a in self.conflicts]}


STOPPED_ONE = N_("errors", "The pull from Label Studio project '{title}' stopped after applying "
                 "{count} reviewed image: {reason}. The rest is pulled next time.")
STOPPED_MANY = N_("errors", "The pull from Label Studio project '{title}' stopped after applying "
                  "{count} reviewed images: {reason}. The rest is pulled next time.")


class PullStopped(TeamError):
    """A pull stopped by an error after it had applied some images: `result` holds them (its
    `change_set()` is one undo step); the images not reached are pulled next time."""

    result: PullResult


def _stopped(result: PullResult, cause: BaseException) -> PullStopped:
    title, count = result.title, result.applied
    known = user_error(cause)
    # an error of the family without a full stop (a full or read-only disk) is kept as itself,
    # so the interface translates it too; others as their sentence without the full stop
    reason: object = (known if known is not None and not known.sentence.endswith(".")
                      else sentence(cause).rstrip("."))
    if count == 1:
        error = PullStopped(STOPPED_ONE, title=title, count=count, reason=reason)
    else:
        error = PullStopped(STOPPED_MANY, title=title, count=count, reason=reason)
    error.result = result
    return error


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def _epoch(value: Any) -> float:
    if isinstance(value, datetime):
        return value.timestamp()
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()


def _latest(task: Any) -> Any | None:
    anns = [a for a in (_get(task, "annotations") or []) if not _get(a, "was_cancelled")]
    return max(anns, key=lambda a: _epoch(_get(a, "updated_at") or _get(a, "created_at")),
               default=None)


def pull(store: Store, server: Server, ref: str,
         progress: Callable[[int, int], None] | None = None,
         cancel: threading.Event | None = None) -> PullResult:
    project = find_project(server, ref)
    if project is None:
        raise TeamError(N_("errors", "There is no Label Studio project named '{ref}' on {url}."),
                        ref=ref, url=server.url)
    pid = int(project.id)
    result = PullResult(pid, str(project.title))
    images = sql.task_images(store, server.url, pid)
    seen = sql.pulled(store, server.url, pid)
    users = {int(u.id): person_name(u) for u in server.call(server.client.users.list)}
    classes = {lab.name: lab.id for lab in store.labels()}
    tasks = _annotated_tasks(server, pid)
    total = result.total = len(tasks)
    try:
        for task in tasks:
            if cancel is not None and cancel.is_set():
                result.cancelled = True
                break
            result.tasks += 1
            if progress is not None and (result.tasks % 500 == 0 or result.tasks == total):
                progress(result.tasks, total)
            ann = _latest(task)
            image_id = images.get(int(_get(task, "id"))) or _by_key(store, task)
            if ann is None or image_id is None:
                continue
            updated = str(_get(ann, "updated_at") or _get(ann, "created_at"))
            if (seen.get(int(_get(ann, "id"))) == updated
                    and sql.locally_reviewed(store, image_id)):
                result.already += 1  # (a pull taken back by undo left the image unreviewed)
                continue
            who = _get(ann, "completed_by")
            who = _get(who, "id") if who is not None and not isinstance(who, int) else who
            author = users.get(int(who), f"Label Studio user {who}") if who is not None else "?"
            _pull_one(store, server.url, pid, image_id, ann, author, updated, classes, result)
    except Exception as exc:
        if not result.changes:
            raise
        raise _stopped(result, exc) from exc
    return result


def _annotated_tasks(server: Server, pid: int) -> list[dict]:
    """The project's annotated tasks with their annotations: the JSON export, one request (the
    task list API serialises every prediction too and took about 10 ms a task here)."""
    import orjson

    def read() -> list[dict]:
        chunks = server.client.projects.exports.download_sync(
            id=pid, export_type="JSON", download_all_tasks=False, download_resources=False)
        data = orjson.loads(b"".join(chunks))
        if not isinstance(data, list):
            raise TeamError(N_("errors", "Label Studio's export of project {project} is not a "
                               "list of tasks."), project=pid)
        return data

    return server.call(read)


def _by_key(store: Store, task: Any) -> int | None:
    relpath = str((_get(task, "data") or {}).get(KEY_FIELD, "")).rpartition("|")[0]
    image = store.image_by_relpath(relpath) if relpath else None
    return None if image is None else image.id


def _pull_one(store: Store, url: str, pid: int, image_id: int, ann: Any, author: str,
              updated: str, classes: dict[str, int], result: PullResult) -> None:
    image = store.image(image_id)
    if image is None or not image.width or not image.height:
        return
    found, skipped = regions(list(_get(ann, "result") or []), image.width, image.height)
    result.notes += [f"{image.relpath}: {s}" for s in skipped]
    known = []
    for r in found:
        if r.label in classes:
            known.append(r)
        else:
            result.notes.append(f"{image.relpath}: class '{r.label}' is not in this project")
    ann_id = int(_get(ann, "id"))
    with store.tx():
        if sql.locally_reviewed(store, image_id):
            outcome = "same" if _same_review(store, image_id, known, classes) else "conflict"
            if outcome == "same":
                result.same += 1
            else:
                result.conflicts.append((image.relpath, author))
        else:
            outcome = "applied"
            when = _epoch(updated)
            result.changes.append(
                store.apply(_decide(store, image_id, known, classes, author, when, result)))
            result.applied += 1
        sql.record_pull(store, url, pid, ann_id, updated, image_id, author, outcome)


def _same_review(store: Store, image_id: int, found: list[Region],
                 classes: dict[str, int]) -> bool:
    local = [(a.label_id, a.box) for a in store.annotations(image_id)]
    if len(local) != len(found):
        return False
    for r in found:
        hit = next((x for x in local if x[0] == classes[r.label] and same_box(x[1], r.box)), None)
        if hit is None:
            return False
        local.remove(hit)
    return True


def _match(r: Region, label_id: int, pending: dict[int, Suggestion]) -> Suggestion | None:
    kind = Kind.TAG if r.box is None else Kind.BOX
    if r.region_id.startswith("s") and r.region_id[1:].isdigit():
        s = pending.get(int(r.region_id[1:]))
        if s is not None and s.kind == kind:
            return s
    best, best_iou = None, MATCH_IOU
    for s in pending.values():
        if s.kind != kind or s.label_id != label_id:
            continue
        if kind == Kind.TAG:
            return s
        assert s.box is not None and r.box is not None
        overlap = iou(s.box, r.box)
        if overlap >= best_iou:
            best, best_iou = s, overlap
    return best


def _decide(store: Store, image_id: int, found: list[Region], classes: dict[str, int],
            author: str, when: float, result: PullResult) -> ChangeSet:
    pending = {s.id: s for s in store.suggestions(image_id, states=("pending",))}
    inserts: list[RowChange] = []
    updates: list[RowChange] = []
    for r in found:
        label_id = classes[r.label]
        s = _match(r, label_id, pending)
        kind = Kind.TAG if r.box is None else Kind.BOX
        row = annotation_row(image_id, label_id, r.box, kind=kind,
                             source="manual" if s is None else "suggestion",
                             suggestion_id=None if s is None else s.id)
        row |= {"reviewer": author, "created_at": when, "updated_at": when}
        if s is None:
            result.added += 1
        else:
            del pending[s.id]
            edited = s.label_id != label_id or not same_box(s.box, r.box)
            result.edited += edited
            result.accepted += not edited
            updates.append(_decision(s, "edited" if edited else "accepted", author, when,
                                     Ref(len(inserts))))
        inserts.append(RowChange("annotations", None, None, row))
    for s in pending.values():
        result.rejected += 1
        updates.append(_decision(s, "rejected", author, when, None))
    changes = inserts + updates + store.review_state_changes([image_id], ReviewState.DONE)
    return ChangeSet("team.pull", tuple(changes), image_id, {"reviewer": author})


def _decision(s: Suggestion, state: str, author: str, when: float, ann: Ref | None) -> RowChange:
    before = {"state": "pending", "decided_by": s.decided_by, "decided_at": None,
              "annotation_id": s.annotation_id, "reviewer": None}
    after = {"state": state, "decided_by": "person", "decided_at": when,
             "annotation_id": ann, "reviewer": author}
    return RowChange("suggestions", s.id, before, after)
