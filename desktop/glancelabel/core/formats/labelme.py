"""labelme JSON (one file per image): import.

Rectangles become boxes; polygons and circles their bounding boxes (reported); points and lines are
skipped with a reason; image-level flags that are true become tags. labelme shows images with their
EXIF orientation applied, so its coordinates are in the displayed frame, like ours.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from ..i18n import N_, counted, said
from ..model import Box, Kind
from .importer import Dataset, ListedImage, Record
from .summary import FormatError

IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".gif")


def read(source: Path, dataset: Dataset) -> None:
    source = Path(source)
    if source.is_file():
        root, files = source.parent, [source]
    else:
        root = source
        files = sorted(
            Path(d) / f for d, _, fs in os.walk(source) for f in fs if f.lower().endswith(".json")
        )
    if not files:
        raise FormatError(N_("errors", "No labelme .json files found in {path}."),
                          path=str(source))
    for path in files:
        _read_file(path, root, dataset)


def _read_file(path: Path, root: Path, dataset: Dataset) -> None:
    where = path.relative_to(root).as_posix()
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        dataset.skip(where, said(N_("formats", "not readable JSON ({reason})"), reason=str(exc)))
        return
    if not isinstance(data, dict) or not isinstance(data.get("shapes"), list):
        dataset.skip(where, N_("formats", "not a labelme file (no 'shapes' list)"))
        return
    refs = []
    if isinstance(data.get("imagePath"), str) and data["imagePath"]:
        refs.append(data["imagePath"])
    stem = path.with_suffix("")
    refs += [stem.name + ext for ext in IMAGE_EXTS]
    w, h = data.get("imageWidth"), data.get("imageHeight")
    size = (float(w), float(h)) if isinstance(w, int | float) and isinstance(h, int | float) \
        and w > 0 and h > 0 else None
    listed = ListedImage(where, refs, size, base=path.parent, base_first=True)
    dataset.images.append(listed)
    for flag, on in (data.get("flags") or {}).items():
        if on is True:
            dataset.records.append(Record(f"{where} flags.{flag}", listed, Kind.TAG, str(flag)))
    for i, shape in enumerate(data["shapes"]):
        here = f"{where} shapes[{i}]"
        if not isinstance(shape, dict):
            dataset.skip(here, N_("formats", "not an object"))
            continue
        label = str(shape.get("label") or "").strip()
        kind = shape.get("shape_type") or "polygon"
        pts: Any = shape.get("points")
        if not label:
            dataset.skip(here, N_("formats", "shape without a label"))
            continue
        try:
            pts = [(float(p[0]), float(p[1])) for p in pts]
        except (TypeError, ValueError, IndexError):
            dataset.skip(here, N_("formats", "points must be [x, y] pairs"))
            continue
        if kind == "rectangle" and len(pts) == 2:
            (x1, y1), (x2, y2) = pts
        elif kind == "polygon" and len(pts) >= 3:
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            x1, y1, x2, y2 = min(xs), min(ys), max(xs), max(ys)
            dataset.warn(here, N_("formats", "polygon imported as its bounding box"))
        elif kind == "circle" and len(pts) == 2:
            (cx, cy), (px, py) = pts
            r = ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5
            x1, y1, x2, y2 = cx - r, cy - r, cx + r, cy + r
            dataset.warn(here, N_("formats", "circle imported as its bounding box"))
        else:
            dataset.skip(here, counted(
                len(pts), N_("formats", "shape type {kind} with {count} point is not imported"),
                N_("formats", "shape type {kind} with {count} points is not imported"), kind=repr(kind)))
            continue
        box = Box(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
        dataset.records.append(Record(here, listed, Kind.BOX, label, box))
