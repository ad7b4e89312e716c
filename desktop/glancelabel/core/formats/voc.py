"""Pascal VOC XML: export (one file per image, 1-based integer corners) and import.

Export layout: `Annotations/<relpath stem>.xml` (folders mirrored), `ImageSets/Main/<split>.txt`
(ids = relpath stems) and, unless images are left in place, `JPEGImages/<relpath>`.
A box (x, y, w, h) becomes xmin = round(x) + 1, ymin = round(y) + 1, xmax = round(x + w),
ymax = round(y + h), clamped to the image; import maps back with x = xmin - 1, w = xmax - xmin + 1.
"""

from __future__ import annotations

import os
import posixpath
import threading
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ..i18n import N_, said
from ..model import Box, Kind
from .files import AtomicFolder, check_xml, inside, place_or_skip
from .importer import Dataset, ListedImage, Record
from .plan import ExportPlan, split_names
from .selection import assign_splits, class_strata, count_tags_left, select
from .summary import ExportSummary, FormatError, Progress, check_cancel
from .yolo import export_names, upright_note

if TYPE_CHECKING:
    from ..store import Store


def corners(x: float, y: float, w: float, h: float, width: int, height: int) -> tuple[int, ...]:
    xmin = min(max(round(x) + 1, 1), width)
    ymin = min(max(round(y) + 1, 1), height)
    xmax = min(max(round(x + w), xmin), width)
    ymax = min(max(round(y + h), ymin), height)
    return xmin, ymin, xmax, ymax


def annotation_xml(relpath: str, abspath: str, width: int, height: int,
                   objects: list[tuple[str, tuple[int, ...]]]) -> str:
    folder, name = posixpath.split(relpath)
    parts = [
        "<annotation>\n",
        f"  <folder>{escape(folder)}</folder>\n",
        f"  <filename>{escape(name)}</filename>\n",
        f"  <path>{escape(abspath)}</path>\n",
        "  <source><database>GlanceLabel</database></source>\n",
        f"  <size><width>{width}</width><height>{height}</height><depth>3</depth></size>\n",
        "  <segmented>0</segmented>\n",
    ]
    for label, (x1, y1, x2, y2) in objects:
        parts.append(
            f"  <object><name>{escape(label)}</name><pose>Unspecified</pose>"
            f"<truncated>0</truncated><difficult>0</difficult>"
            f"<bndbox><xmin>{x1}</xmin><ymin>{y1}</ymin><xmax>{x2}</xmax><ymax>{y2}</ymax>"
            f"</bndbox></object>\n"
        )
    parts.append("</annotation>\n")
    return "".join(parts)


def export(
    store: Store, plan: ExportPlan, folder: Path, summary: ExportSummary, progress: Progress,
    cancel: threading.Event | None,
) -> None:
    folder = Path(folder).resolve()
    sel = select(store, plan, summary, tags=plan.stratify)
    count_tags_left(store, sel, summary, "Pascal VOC")
    name_of = {lab.id: lab.name for lab in sel.labels}
    split_of = assign_splits(sel.images, plan.split, plan.seed,
                             class_strata(sel) if plan.stratify else None)
    names = split_names(plan.split)
    exported = export_names([im.relpath for im in sel.images])
    ids: dict[str, list[str]] = {n: [] for n in names}
    counts: Counter = Counter()
    boxes = 0
    total = len(sel.images)
    with AtomicFolder(plan.target, "GlanceLabel VOC export\n") as tmp:
        (tmp / "Annotations").mkdir()
        (tmp / "ImageSets" / "Main").mkdir(parents=True)
        for n, im in enumerate(sel.images, 1):
            name = exported[im.relpath]
            src = folder / im.relpath
            if plan.link != "none":
                if not place_or_skip(folder, im, tmp / "JPEGImages", name, plan, summary):
                    continue
            objects = []
            for _ann_id, label_id, x, y, w, h in sel.boxes.get(im.id, ()):
                objects.append((name_of[label_id], corners(x, y, w, h, im.width, im.height)))
                summary.per_class[name_of[label_id]] += 1
            stem = posixpath.splitext(name)[0]
            xml_path = inside(tmp / "Annotations", stem + ".xml")
            xml_path.parent.mkdir(parents=True, exist_ok=True)
            xml_path.write_text(
                annotation_xml(name if plan.link != "none" else im.relpath, str(src),
                               im.width, im.height, objects), "utf-8")
            boxes += len(objects)
            ids[split_of[im.id]].append(stem)
            counts[split_of[im.id]] += 1
            if n % 1000 == 1:
                check_cancel(cancel)
                progress("writing", n, total)
        for split, stems in ids.items():
            (tmp / "ImageSets" / "Main" / f"{split}.txt").write_text(
                "".join(s + "\n" for s in stems), "utf-8")
        (tmp / "labels.txt").write_text("".join(lab.name + "\n" for lab in sel.labels), "utf-8")
        check_cancel(cancel)
    summary.images = sum(counts.values())
    summary.boxes = boxes
    summary.splits = {n: counts[n] for n in names}
    summary.files.append(plan.target / "Annotations")
    if plan.upright:
        summary.note(upright_note())


# -- import --------------------------------------------------------------------------------------


def read(source: Path, dataset: Dataset) -> None:
    source = Path(source)
    if source.is_file():
        root, files = source.parent, [source]
    else:
        root = source / "Annotations" if (source / "Annotations").is_dir() else source
        files = sorted(
            Path(d) / f for d, _, fs in os.walk(root) for f in fs if f.lower().endswith(".xml")
        )
    labels_txt = (source if source.is_dir() else source.parent) / "labels.txt"
    if labels_txt.is_file():
        dataset.class_order.extend(
            line.strip() for line in labels_txt.read_text("utf-8").splitlines() if line.strip()
        )
    if not files:
        raise FormatError(N_("errors", "No VOC .xml files found in {path}."), path=str(source))
    for path in files:
        _read_file(path, root, dataset)


def _read_file(path: Path, root: Path, dataset: Dataset) -> None:
    where = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    try:
        data = path.read_bytes()
        check_xml(data, where)
        tree = ET.fromstring(data)
    except FormatError as exc:
        dataset.skip(where, str(exc))
        return
    except (OSError, ET.ParseError) as exc:
        dataset.skip(where, said(N_("formats", "not readable XML ({reason})"), reason=str(exc)))
        return
    if tree.tag != "annotation":
        dataset.skip(where, N_("formats", "not a VOC annotation (root element is not <annotation>)"))
        return
    filename = (tree.findtext("filename") or "").strip()
    folder = (tree.findtext("folder") or "").strip()
    refs = []
    abspath = (tree.findtext("path") or "").strip()
    if abspath:
        refs.append(abspath)
    if filename:
        if folder:
            refs.append(f"{folder}/{filename}")
        stem = posixpath.splitext(where)[0]
        refs.append(stem + posixpath.splitext(filename)[1])
        refs.append(filename)
    if not refs:
        dataset.skip(where, N_("formats", "has no <filename>"))
        return
    size = None
    try:
        w = float(tree.findtext("size/width") or 0)
        h = float(tree.findtext("size/height") or 0)
        if w > 0 and h > 0:
            size = (w, h)
    except ValueError:
        dataset.warn(where, N_("formats", "<size> is not numeric; using the image's own size"))
    listed = ListedImage(where, refs, size, base=path.parent)
    dataset.images.append(listed)
    for i, obj in enumerate(tree.iter("object"), 1):
        here = f"{where} object {i}"
        name = (obj.findtext("name") or "").strip()
        if not name:
            dataset.skip(here, N_("formats", "object without <name>"))
            continue
        try:
            x1, y1, x2, y2 = (float(obj.findtext(f"bndbox/{k}") or "") for k in
                              ("xmin", "ymin", "xmax", "ymax"))
        except (TypeError, ValueError):
            dataset.skip(here, N_("formats", "<bndbox> needs numeric xmin, ymin, xmax, ymax"))
            continue
        if x2 < x1 or y2 < y1:
            dataset.skip(here, N_("formats", "xmax or ymax is below xmin or ymin"))
            continue
        dataset.records.append(
            Record(here, listed, Kind.BOX, name, Box(x1 - 1, y1 - 1, x2 - x1 + 1, y2 - y1 + 1))
        )
