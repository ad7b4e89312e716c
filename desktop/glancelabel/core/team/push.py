"""Push: one Label Studio task per image, pending suggestions as predictions, annotations as
annotations, in batches; a second push (or one resumed after a failure or a kill) adds no
duplicate.

Images reach the server through its local-files storage pointed at the folder (no copy: the
server must see the folder at the same path, on this machine or a shared mount, under its
LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT). Each task carries `glancelabel_key` (relative path and
content hash); pushed tasks are recorded in the project after each batch, and a push that finds
more tasks on the server than it recorded (a kill between the server's import and the record)
reads the keys back from the server first.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..formats.labelstudio import choice_result, rect_result
from ..i18n import N_, Sentences, Text, counted, said
from ..store import team as sql
from .convert import KEY_FIELD, local_files_url, model_version, project_config, task_key
from .server import Server, TeamError

if TYPE_CHECKING:
    from ..store import Store

Progress = Callable[[int, int], None]
BATCH = 500
ONLY = ("new", "done", "all")


@dataclass
class PushResult:
    project_id: int
    title: str
    created: bool = False
    pushed: int = 0
    already: int = 0
    predictions: int = 0
    regions: int = 0
    annotations: int = 0
    recovered: int = 0  # tasks found on the server that this project had not recorded
    model_version: str | None = None
    cancelled: int = 0  # images left for the next push by a cancel
    later: int = 0  # suggestions made since an earlier push, added to their images' tasks
    skipped: list[str] = field(default_factory=list)
    left_out: list[Text] = field(default_factory=list)  # `skipped` as Texts

    def skip(self, why: Text) -> None:
        """An image left out of the push, and why (`why` names it)."""
        self.skipped.append(str(why))
        self.left_out.append(why)

    def text(self) -> str:
        return str(self.summary())

    def summary(self) -> Sentences:
        """What the push did, in sentences (`text()` is their English)."""
        return Sentences([self._pushed(), *self._afterwards()])

    def _pushed(self) -> Text:
        made = said(N_("team", "created")) if self.created else said(N_("team", "updated"))
        already = "" if not self.already else counted(
            self.already, N_("team", ", {count} image already there"),
            N_("team", ", {count} images already there"))
        later = "" if not self.later else said(N_("team", " ({count} on images pushed before)"),
                                               count=self.later)
        predictions = counted(self.regions, N_("team", "{count} suggestion as predictions{later}"),
                              N_("team", "{count} suggestions as predictions{later}"), later=later)
        annotations = "" if not self.annotations else counted(
            self.annotations, N_("team", ", {count} reviewed image with annotations"),
            N_("team", ", {count} reviewed images with annotations"))
        return counted(self.pushed, N_("team", "Pushed {count} image to Label Studio project "
                                       "'{title}' (id {id}, {made}){already}, {predictions}"
                                       "{annotations}."),
                       N_("team", "Pushed {count} images to Label Studio project '{title}' (id "
                          "{id}, {made}){already}, {predictions}{annotations}."),
                       title=self.title, id=self.project_id, made=made, already=already,
                       predictions=predictions, annotations=annotations)

    def _afterwards(self) -> list[Text]:
        out = []
        if self.cancelled:
            out.append(counted(self.cancelled,
                               N_("team", "Cancelled: {count} image left for the next push."),
                               N_("team", "Cancelled: {count} images left for the next push.")))
        if self.model_version:
            out.append(said(N_("team", "Predictions shown: {version}."),
                            version=self.model_version))
        first = self.left_out[0] if self.left_out else self.skipped[0] if self.skipped else ""
        if len(self.skipped) == 1:
            out.append(said(N_("team", "Left out: {count} image ({first})."), count=1,
                            first=first))
        elif self.skipped:
            out.append(said(N_("team", "Left out: {count} images ({first}, …)."),
                            count=len(self.skipped), first=first))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"project": self.project_id, "title": self.title, "created": self.created,
                "pushed": self.pushed, "already": self.already, "predictions": self.regions,
                "annotations": self.annotations, "recovered": self.recovered,
                "later": self.later,
                "model_version": self.model_version, "skipped": self.skipped}


def find_project(server: Server, ref: str) -> Any | None:
    """The Label Studio project named `ref` (or with that id), else None."""
    c = server.client
    if ref.isdigit():
        return server.call(c.projects.get, id=int(ref))
    for p in server.call(lambda: list(c.projects.list(title=ref, page_size=100))):
        if p.title == ref:
            return p
    return None


def _open_project(server: Server, ref: str, config: str, result: PushResult) -> Any:
    project = find_project(server, ref)
    c = server.client
    if project is None:
        if ref.isdigit():
            raise TeamError(N_("errors", "There is no Label Studio project with id {ref}."),
                            ref=ref)
        if len(ref) < 3:
            raise TeamError(N_("errors", "A Label Studio project name needs at least 3 "
                               "characters."))
        project = server.call(c.projects.create, title=ref, label_config=config,
                              description="Pushed from GlanceLabel.")
        result.created = True
    elif (project.label_config or "").strip() != config.strip():
        project = server.call(c.projects.update, id=project.id, label_config=config)
    result.project_id, result.title = int(project.id), str(project.title)
    return project


def _ensure_storage(server: Server, project_id: int, folder: Path) -> None:
    """A local-files storage of the project that covers the folder (the server serves a file
    only under such a storage), made when there is none."""
    c = server.client
    path = folder.resolve()
    for st in server.call(c.import_storage.local.list, project=project_id):
        if st.path and path.is_relative_to(Path(st.path)):
            return
    server.call(c.import_storage.local.create, project=project_id, path=str(path),
                title="GlanceLabel folder", use_blob_urls=False)


def _predictions(rows: list[tuple], names: dict[int, str], width: int, height: int,
                 ) -> tuple[list[dict], set[str]]:
    by_run: dict[str, list[tuple[dict, float | None]]] = defaultdict(list)
    for sid, kind, label_id, x, y, w, h, conf, run_id, provider, model in rows:
        if kind == "box" and x is not None:
            item = rect_result(f"s{sid}", names[label_id], x, y, w, h, width, height, conf)
        else:
            item = choice_result(f"s{sid}", names[label_id], conf)
        by_run[model_version(provider, model, run_id)].append((item, conf))
    preds = []
    for version, items in by_run.items():
        scores = [c for _, c in items if c is not None]
        preds.append({"model_version": version, "result": [i for i, _ in items],
                      "score": sum(scores) / len(scores) if scores else None})
    return preds, set(by_run)


def _annotation(rows: list[tuple], names: dict[int, str], width: int, height: int) -> dict:
    result = [
        rect_result(f"a{aid}", names[label_id], x, y, w, h, width, height)
        if kind == "box" and x is not None else choice_result(f"a{aid}", names[label_id])
        for aid, kind, label_id, x, y, w, h in rows
    ]
    return {"result": result, "was_cancelled": False, "ground_truth": False}


def _recover(server: Server, store: Store, key: str, project_id: int,
             images: list[sql.PushImage]) -> int:
    """Record the tasks the server holds that the project has not recorded (a push killed
    between the server's import and the record); returns how many."""
    by_key = {(im.relpath, im.content_hash): im.id for im in images}
    known = sql.pushed_keys(store, key, project_id)
    found = []
    pager = server.call(server.client.tasks.list, project=project_id, fields="task_only",
                        page_size=1000)
    for task in server.call(lambda: list(pager)):
        relpath, _, digest = str((task.data or {}).get(KEY_FIELD, "")).rpartition("|")
        if (relpath, digest) in by_key and (relpath, digest) not in known:
            found.append((relpath, digest, by_key[(relpath, digest)], int(task.id)))
    sql.record_tasks(store, key, project_id, found)
    return len(found)


def _hashed(store: Store, folder: Path, images: list[sql.PushImage],
            result: PushResult) -> list[sql.PushImage]:
    from dataclasses import replace

    from ..errors import GlanceLabelError
    from ..folder.scan import ensure_content_hash

    out = []
    for im in images:
        if not im.width or not im.height:
            result.skip(said(N_("team", "{image}: its size is not known yet"), image=im.relpath))
            continue
        try:
            out.append(replace(im, content_hash=ensure_content_hash(store, folder, im.id)))
        except GlanceLabelError as exc:
            result.skip(said(N_("team", "{image}: {problem}"), image=im.relpath, problem=exc.text))
    return out


def push(store: Store, folder: Path, server: Server, ref: str, *, only: str = "new",
         document_root: str = "/", batch: int = BATCH, progress: Progress | None = None,
         cancel: threading.Event | None = None) -> PushResult:
    """Push the images `only` selects to the Label Studio project `ref` (a name or an id)."""
    labels = store.labels()
    names = {lab.id: lab.name for lab in labels}
    if not labels:
        raise TeamError(N_("errors", "The project has no classes yet; add at least one before "
                           "pushing."))
    config = project_config([lab.name for lab in labels])
    result = PushResult(0, ref)
    upto = sql.last_suggestion_id(store)  # every suggestion up to it is on the server after this
    project = _open_project(server, ref, config, result)
    pid = result.project_id
    _ensure_storage(server, pid, folder)
    images = _hashed(store, folder, sql.push_candidates(store, only), result)
    if int(project.task_number or 0) > len(sql.pushed_keys(store, server.url, pid)):
        result.recovered = _recover(server, store, server.url, pid, images)
    known = sql.pushed_keys(store, server.url, pid)
    todo = [im for im in images if (im.relpath, im.content_hash) not in known]
    result.already = len(images) - len(todo)
    versions: set[str] = set()
    root = str(Path(document_root).resolve())
    for start in range(0, len(todo), batch):
        if cancel is not None and cancel.is_set():
            result.cancelled = len(todo) - start
            break
        part = todo[start:start + batch]
        tasks = _tasks(store, folder, root, part, names, versions, result)
        answer = server.call(server.client.projects.import_tasks, id=pid, request=tasks,
                             return_task_ids=True)
        ids = list(answer.task_ids or [])
        if len(ids) != len(part):
            raise TeamError(N_("errors", "Label Studio made {made} tasks for {count} images."),
                            made=len(ids), count=len(part))
        sql.record_tasks(store, server.url, pid, [
            (im.relpath, str(im.content_hash), im.id, int(t)) for im, t in zip(part, ids, strict=True)
        ])
        result.pushed += len(part)
        if progress is not None:
            progress(result.pushed, len(todo))
    if not result.cancelled:
        sent_now = {im.id for im in todo}
        _later_suggestions(store, server, pid, names, versions, result, upto, sent_now, cancel)
    if versions:
        # the newest run's predictions are the ones the project shows
        result.model_version = max(versions, key=_run_number)
        server.call(server.client.projects.update, id=pid, model_version=result.model_version)
    return result


def _run_number(version: str) -> int:
    tail = version.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else -1


def _later_suggestions(store: Store, server: Server, pid: int, names: dict[int, str],
                       versions: set[str], result: PushResult, upto: int, sent_now: set[int],
                       cancel: threading.Event | None) -> None:
    """Pending suggestions made since the last complete push, on images already pushed, as
    predictions of their tasks. Only tasks holding such suggestions are looked at; the region
    ids a task's predictions already carry are not sent again (a push killed here resumes
    without duplicates; after a killed push, its tasks are looked at once). Then the project
    remembers that suggestions up to `upto` are sent."""
    mark_key = f"team.sent|{server.url}|{pid}"
    mark = int(store.get_meta(mark_key) or 0)
    tasks = sql.task_images(store, server.url, pid)
    by_image = {image_id: task_id for task_id, image_id in tasks.items()
                if image_id not in sent_now}
    pending = sql.pending_for_push(store, sorted(by_image))
    new = {i: [r for r in rows if mark < r[0] <= upto] for i, rows in pending.items()}
    new = {i: rows for i, rows in new.items() if rows}
    sizes = sql.image_sizes(store, sorted(new))
    c = server.client
    for image_id, rows in new.items():
        if cancel is not None and cancel.is_set():
            return
        task_id = by_image[image_id]
        there = {str(r.get("id")) for p in server.call(c.predictions.list, task=task_id)
                 for r in (p.result or [])}
        rows = [r for r in rows if f"s{r[0]}" not in there]
        if not rows or image_id not in sizes:
            continue
        preds, used = _predictions(rows, names, *sizes[image_id])
        for pred in preds:
            server.call(c.predictions.create, task=task_id, result=pred["result"],
                        model_version=pred["model_version"], score=pred["score"])
        versions |= used
        result.later += len(rows)
        result.regions += len(rows)
    store.set_meta(mark_key, str(upto))


def _tasks(store: Store, folder: Path, root: str, part: list[sql.PushImage],
           names: dict[int, str], versions: set[str], result: PushResult) -> list[dict]:
    ids = [im.id for im in part]
    pending = sql.pending_for_push(store, ids)
    anns = sql.annotations_for_push(store, ids)
    tasks = []
    for im in part:
        assert im.width and im.height and im.content_hash
        try:
            url = local_files_url(str(folder.resolve() / im.relpath), root)
        except ValueError as exc:
            raise TeamError(N_("errors", "{path} is not under the server's document root "
                               "{root}."), path=folder.resolve() / im.relpath, root=root) from exc
        task: dict[str, Any] = {
            "data": {"image": url, KEY_FIELD: task_key(im.relpath, im.content_hash)},
            "meta": {"relpath": im.relpath},
        }
        preds, used = _predictions(pending.get(im.id, []), names, im.width, im.height)
        if preds:
            task["predictions"] = preds
            versions |= used
            result.predictions += len(preds)
            result.regions += sum(len(p["result"]) for p in preds)
        if im.review_state == "done":
            task["annotations"] = [_annotation(anns.get(im.id, []), names, im.width, im.height)]
            result.annotations += 1
        tasks.append(task)
    return tasks
