"""COCO detection import: a dataset file (images, categories, annotations; `score` kept if present)
read into a `Dataset`.

The file is checked and turned into a stream of small items (a skipped entry, the class list, an
image, a record) by `items`. A large file (`HELPER_BYTES` or more) is parsed and checked in a
helper process that sends the items in frames of `FRAME` (`core.store.exchange.spawn_python`): a
single `orjson.loads` of a 20 MB file holds this process's GIL for 150-400 ms, so a thread reading it
would stall the window that started the import. Here each frame is parsed in a few milliseconds and
turned into records. Small files, frozen builds and in-memory projects parse here; both paths run
the same `items`, so they read the same dataset.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeGuard

import orjson

from ..i18n import N_
from ..model import Box, Kind
from ..store.exchange import read_frames, spawn_python, stop_helper, write_frame
from .files import read_json
from .importer import Dataset, ListedImage, Record
from .summary import FormatError

HELPER_BYTES = 4_000_000  # files from this size are parsed in a helper process
FRAME = 4000  # items a frame: about 2 ms to parse here

# the items, as JSON arrays: [SKIP, where, reason] · [CLASSES, [names]] ·
# [IMAGE, where, file_name, width or None, height or None] ·
# [RECORD, where, image index (in the order of IMAGE items), label, x, y, w, h, score or None]
SKIP, CLASSES, IMAGE, RECORD = 0, 1, 2, 3
Item = list[Any]


def read(source: Path, dataset: Dataset, *, helper: bool | None = None) -> None:
    """Read a COCO dataset file into `dataset`; `helper` None: a helper process for large files
    when this process can start one."""
    source = Path(source)
    if source.is_dir():
        files = sorted(source.glob("*.json"))
        if len(files) != 1:
            raise FormatError(N_("errors", "{path} is a folder; name the COCO JSON file to "
                                 "import."), path=str(source))
        source = files[0]
    if helper is None:
        helper = not getattr(sys, "frozen", False) and _size(source) >= HELPER_BYTES
    fill(dataset, _from_helper(source) if helper else items(source))


def _size(source: Path) -> int:
    try:
        return source.stat().st_size
    except OSError:
        return 0  # read here, which says why it cannot be read


def items(source: Path) -> Iterator[Item]:
    """The dataset file checked, as items (see above), in the file's order."""
    name = source.name
    data = read_json(source)
    if isinstance(data, list):
        raise FormatError(N_("errors", "{name} is a COCO results list (detections without "
                             "images); import the dataset file that lists the images, or a "
                             "dataset with scores."), name=name)
    if not isinstance(data, dict) or not isinstance(data.get("images"), list):
        raise FormatError(N_("errors", "{name} is not a COCO dataset (no 'images' list)."),
                          name=name)
    categories: dict[Any, str] = {}
    for i, cat in enumerate(data.get("categories") or []):
        if not isinstance(cat, dict) or "id" not in cat or not str(cat.get("name", "")).strip():
            yield [SKIP, f"{name} categories[{i}]", "category without id or name"]
            continue
        categories[cat["id"]] = str(cat["name"])
    yield [CLASSES, list(categories.values())]
    images: dict[Any, int] = {}  # COCO image id -> index among the IMAGE items
    listed = 0
    for i, img in enumerate(data["images"]):
        where = f"{name} images[{i}]"
        if not isinstance(img, dict) or "id" not in img or not isinstance(img.get("file_name"), str):
            yield [SKIP, where, "image without id or file_name"]
            continue
        w, h = img.get("width"), img.get("height")
        sized = _positive(w) and _positive(h)
        images[img["id"]] = listed  # (a repeated id: its later image gets the records)
        listed += 1
        yield [IMAGE, where, img["file_name"], w if sized else None, h if sized else None]
    yield from _annotations(data.get("annotations") or [], name, images, categories)


def _annotations(anns: list[Any], name: str, images: dict[Any, int],
                 categories: dict[Any, str]) -> Iterator[Item]:
    for i, ann in enumerate(anns):
        where = f"{name} annotations[{i}]"
        if not isinstance(ann, dict):
            yield [SKIP, where, "not an object"]
            continue
        image = images.get(ann.get("image_id"))
        if image is None:
            yield [SKIP, where, f"image_id {ann.get('image_id')!r} is not in images"]
            continue
        label = categories.get(ann.get("category_id"))
        if label is None:
            yield [SKIP, where, f"category_id {ann.get('category_id')!r} is not in categories"]
            continue
        bbox = ann.get("bbox")
        if not (isinstance(bbox, list) and len(bbox) == 4 and all(_number(v) for v in bbox)):
            yield [SKIP, where, "bbox must be four numbers [x, y, w, h]"]
            continue
        score = ann.get("score")
        yield [RECORD, where, image, label, *(float(v) for v in bbox),
               float(score) if _number(score) else None]


def fill(dataset: Dataset, stream: Iterator[Item]) -> None:
    """Items into the dataset: its images, records, class order and skipped entries."""
    listed: list[ListedImage] = []
    for item in stream:
        kind = item[0]
        if kind == RECORD:
            where, image, label, x, y, w, h, score = item[1:]
            dataset.records.append(Record(where, listed[image], Kind.BOX, label,
                                          Box(x, y, w, h), score=score))
        elif kind == IMAGE:
            where, file_name, width, height = item[1:]
            size = None if width is None else (width, height)
            listed.append(ListedImage(where, [file_name], size))
            dataset.images.append(listed[-1])
        elif kind == SKIP:
            dataset.skip(item[1], item[2])
        else:
            dataset.class_order.extend(item[1])


# -- the helper process -----------------------------------------------------------------------
def _from_helper(source: Path) -> Iterator[Item]:
    proc, job = spawn_python("glancelabel.core.formats.coco_read", "helper_main",
                             {"source": str(source), "frame": FRAME})
    try:
        assert proc.stdout is not None  # spawned with a pipe
        for frame in read_frames(proc.stdout):
            got = orjson.loads(frame)
            if isinstance(got, dict):
                raise FormatError.rebuilt(got["template"], got["values"]) if got.get(
                    "format") else RuntimeError(f"reading {source.name} failed: {got['error']}")
            yield from got
    finally:
        stop_helper(proc, job)


def helper_main(job_path: str) -> None:
    """Entry of the helper process: the items of job["source"] in frames of job["frame"] on
    standard output (`exchange.write_frame`); {"error", "format", "template", "values"} reports
    a failure (a FormatError's marked template and values)."""
    import gc
    import os

    gc.disable()  # many short-lived lists, no cycles
    out = sys.stdout.buffer
    try:
        job = orjson.loads(Path(job_path).read_bytes())
        frame: list[Item] = []
        for item in items(Path(job["source"])):
            frame.append(item)
            if len(frame) == job["frame"]:
                write_frame(out, orjson.dumps(frame))
                frame = []
        if frame:
            write_frame(out, orjson.dumps(frame))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        error = {"error": str(exc), "format": True, "template": exc.template,
                 "values": exc.values} if isinstance(exc, FormatError) else {
            "error": f"{type(exc).__name__}: {exc}"}
        write_frame(out, orjson.dumps(error))
    write_frame(out, b"")
    out.flush()
    os._exit(0)  # the parsed file is not freed object by object: the process just ends


def _number(v: object) -> TypeGuard[float]:
    return isinstance(v, int | float) and not isinstance(v, bool) and v == v and abs(v) != float("inf")


def _positive(v: object) -> TypeGuard[float]:
    return _number(v) and v > 0
