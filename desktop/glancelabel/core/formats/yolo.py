"""YOLO detection in the Ultralytics layout: export and import.

Export: `images/<split>/<relpath>` (copies, hard links or symlinks; or images left in place with
`<split>.txt` list files), `labels/<split>/<relpath stem>.txt` with one line `cls cx cy w h` per box,
normalised by the oriented width/height and clamped to [0, 1], an empty file for a reviewed image
with no boxes, `data.yaml` and `classes.txt`. The folder structure is mirrored, so equal names in
different folders never collide; two images of one folder with the same stem (`a.jpg`, `a.png`) keep
the first's name and the others are exported as `a.png.png` with labels `a.png.txt`.

Images in a format Ultralytics cannot read (`needs_png`: GIF; HEIC/HEIF, which it reads only after
installing a plug-in at run time) are written as PNG copies in the displayed (EXIF-oriented) frame,
named `NAME.EXT.png` with labels `NAME.EXT.txt`, and the summary says how many. A YOLO export is
made to train with Ultralytics, so the plain export does this too, not only the training's.
"""

from __future__ import annotations

import os
import posixpath
import threading
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..i18n import N_, Text, counted, said
from ..model import Box, Kind
from .classlist import ClassListError, read_class_names
from .files import AtomicFolder, inside, place_or_skip
from .importer import Dataset, ListedImage, Record
from .plan import UPRIGHT_HELP, ExportPlan, split_names
from .selection import (
    ExportImage,
    Selection,
    assign_splits,
    count_tags_left,
    no_exported_class,
    select,
    strata_from_pairs,
)
from .summary import ExportSummary, FormatError, Progress, check_cancel

if TYPE_CHECKING:
    from ..store import Store
    from ..store.exchange import LabelStream

SPLITS = ("train", "val", "test", "valid", "validation")
# What Ultralytics 8.4 reads with no extra package (its IMG_FORMATS less HEIC/HEIF, which need
# pi-heif installed at run time); every other extension the scan accepts is converted to PNG.
ULTRALYTICS_READS = frozenset({".bmp", ".dng", ".jpeg", ".jpg", ".mpo", ".png", ".tif", ".tiff",
                               ".webp", ".avif", ".jp2"})


def needs_png(relpath: str) -> bool:
    """Whether Ultralytics cannot read this image as it is (GIF, HEIC, …)."""
    return split_ext(relpath)[1].lower() not in ULTRALYTICS_READS


def upright_note() -> Text:
    return said(N_("formats", "Images with an EXIF rotation were written as upright copies. {help}"),
                help=said(UPRIGHT_HELP))


def converted_note(relpaths: list[str]) -> Text:
    kinds = sorted({split_ext(r)[1].lower().lstrip(".").upper() for r in relpaths})
    more = (said(N_("formats", " and {count} more"), count=len(relpaths) - 5) if len(relpaths) > 5
            else "")
    return counted(len(relpaths),
                   N_("formats", "{count} image was converted to PNG ({paths}{more}): Ultralytics "
                      "cannot read {kinds} files."),
                   N_("formats", "{count} images were converted to PNG ({paths}{more}): Ultralytics "
                      "cannot read {kinds} files."),
                   paths=", ".join(relpaths[:5]), more=more, kinds="/".join(kinds))


def place_png(folder: Path, im: ExportImage, dst: Path, summary: ExportSummary) -> bool:
    """Write image `im` as a PNG in its displayed frame at `dst`; a failure is a skip."""
    from ..folder.imaging import ImageProblem, open_oriented

    try:
        src = inside(folder, im.relpath)
        dst.parent.mkdir(parents=True, exist_ok=True)
        with open_oriented(src) as pixels:
            part = dst.with_name(dst.name + ".part")
            pixels.save(part, format="PNG")
        os.replace(part, dst)
    except (OSError, FormatError, ImageProblem) as exc:
        summary.skip(im.relpath, said(N_("formats", "could not be converted to PNG for the export: "
                                         "{reason}"), reason=str(exc)))
        return False
    return True


def box_line(cls: int, x: float, y: float, w: float, h: float, iw: float, ih: float) -> str | None:
    """One label line; iw/ih are 1/width and 1/height. None for a box with no area inside."""
    x1 = x * iw
    y1 = y * ih
    x2 = (x + w) * iw
    y2 = (y + h) * ih
    x1 = 0.0 if x1 < 0.0 else (1.0 if x1 > 1.0 else x1)
    y1 = 0.0 if y1 < 0.0 else (1.0 if y1 > 1.0 else y1)
    x2 = 0.0 if x2 < 0.0 else (1.0 if x2 > 1.0 else x2)
    y2 = 0.0 if y2 < 0.0 else (1.0 if y2 > 1.0 else y2)
    if x2 <= x1 or y2 <= y1:
        return None
    return f"{cls} {(x1 + x2) * 0.5:.6f} {(y1 + y2) * 0.5:.6f} {x2 - x1:.6f} {y2 - y1:.6f}\n"


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def write_small(path: str, data: bytes) -> None:
    """Write a small file with the fewest calls (no Python file object per file)."""
    fd = os.open(path, _FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def split_ext(rel: str) -> tuple[str, str]:
    """posixpath.splitext for relpaths, faster (it runs for every image)."""
    dot = rel.rfind(".")
    if dot > rel.rfind("/") + 1:
        return rel[:dot], rel[dot:]
    return rel, ""


def export_names(relpaths: list[str]) -> dict[str, str]:
    """relpath -> exported image relpath, renaming same-stem images of one folder (whatever their
    split, so a label file name always says which image it belongs to)."""
    seen: set[str] = set()
    out: dict[str, str] = {}
    for rel in relpaths:
        stem, ext = split_ext(rel)
        key = stem.casefold()
        if key in seen:
            name = rel + ext  # a.png -> a.png.png, label a.png.txt
            seen.add(rel.casefold())
        else:
            name = rel
            seen.add(key)
        out[rel] = name
    return out


def export(
    store: Store, plan: ExportPlan, folder: Path, summary: ExportSummary, progress: Progress,
    cancel: threading.Event | None, held: dict[int, str] | None = None,
) -> None:
    """`held`: image id -> split decided elsewhere (the training's held split); images it does
    not name are left out."""
    folder = Path(folder).resolve()
    sel = select(store, plan, summary, boxes=False,
                 suggestions=("pending",) if plan.include_suggestions else None)
    if held is not None:
        sel.images = [im for im in sel.images if im.id in held]
        split_of = {im.id: held[im.id] for im in sel.images}
    count_tags_left(store, sel, summary, N_("formats", "YOLO detection"))
    if held is None:
        strata = strata_from_pairs(sel, store.export_image_classes()) if plan.stratify else None
        split_of = assign_splits(sel.images, plan.split, plan.seed, strata)
    # label texts are formatted elsewhere from now on, while images are placed
    stream = store.yolo_label_texts([(im.id, im.width, im.height) for im in sel.images],
                                    sel.label_ids)
    try:
        _write(store, plan, folder, summary, progress, cancel, sel, split_of, stream)
    finally:
        stream.close()


def _write(store: Store, plan: ExportPlan, folder: Path, summary: ExportSummary, progress: Progress,
           cancel: threading.Event | None, sel: Selection, split_of: dict[int, str],
           stream: LabelStream) -> None:
    names = split_names(plan.split)
    by_id = {im.id: im for im in sel.images}
    in_place = plan.link == "none"
    total = len(sel.images)
    with AtomicFolder(plan.target, "GlanceLabel YOLO export\n") as tmp:
        root = str(tmp)
        for split in names:
            for sub in ("labels",) if in_place else ("images", "labels"):
                (tmp / sub / split).mkdir(parents=True)
        label_of, lists, renamed = _place_images(plan, folder, tmp, sel, split_of, names,
                                                 summary, progress, cancel)
        label_counts, unreviewed_empty = _write_labels(stream, label_of, by_id, total, summary,
                                                       progress, cancel)
        if plan.include_suggestions:
            for image_id, path in label_of.items():
                _predictions(sel, by_id[image_id], sel.label_ids, root, path, summary)
        boxes = sum(label_counts.values())
        progress("writing labels", total, total)
        check_cancel(cancel)
        if in_place:
            for split, paths in lists.items():
                (tmp / f"{split}.txt").write_text("".join(p + "\n" for p in paths), "utf-8")
        _write_data_yaml(tmp, plan, names, sel, summary)
    counts = Counter(split_of[i] for i in label_of)
    summary.images = len(label_of)
    summary.boxes = boxes
    name_of = {lab.id: lab.name for lab in sel.labels}
    for label_id, k in label_counts.items():
        summary.per_class[name_of[label_id]] += k
    summary.splits = {name: counts[name] for name in names}
    summary.files.append(plan.target / "data.yaml")
    for name in names:
        if counts[name] == 0:
            summary.note(said(N_("formats", "The {split} split is empty."), split=name))
    _notes(plan, summary, unreviewed_empty, renamed, in_place)


def _place_images(plan: ExportPlan, folder: Path, tmp: Path, sel: Selection,
                  split_of: dict[int, str], names: tuple[str, ...], summary: ExportSummary,
                  progress: Progress, cancel: threading.Event | None,
                  ) -> tuple[dict[int, str], dict[str, list[str]], int]:
    """Copy / link the images (or list them where they are; PNG copies of those Ultralytics cannot
    read). Returns (image id -> its label file, split -> listed image paths, how many were
    renamed)."""
    in_place = plan.link == "none"
    png = {im.relpath for im in sel.images if not in_place and needs_png(im.relpath)}
    exported = export_names([im.relpath + ".png" if im.relpath in png else im.relpath
                             for im in sel.images])
    exported = {im.relpath: exported[im.relpath + ".png" if im.relpath in png else im.relpath]
                for im in sel.images}
    total = len(sel.images)
    lists: dict[str, list[str]] = {name: [] for name in names}
    renamed = 0
    folder_str, root = str(folder), str(tmp)
    label_of: dict[int, str] = {}
    converted: list[str] = []
    for n, im in enumerate(sel.images, 1):
        split = split_of[im.id]
        name = exported[im.relpath]
        renamed += name != im.relpath and im.relpath not in png
        if in_place:
            lists[split].append(f"{folder_str}/{im.relpath}")
        elif im.relpath in png:
            if not place_png(folder, im, inside(tmp / "images" / split, name), summary):
                continue
            converted.append(im.relpath)
        else:
            if not place_or_skip(folder, im, tmp / "images" / split, name, plan, summary):
                continue
            if n % 500 == 0:
                check_cancel(cancel)
                progress("placing images", n, total)
        label_of[im.id] = f"{root}/labels/{split}/{split_ext(name)[0]}.txt"
    for d in sorted({os.path.dirname(p) for p in label_of.values()}):
        os.makedirs(d, exist_ok=True)
    if converted:
        summary.note(converted_note(converted))
    unread = [im.relpath for im in sel.images if in_place and needs_png(im.relpath)]
    if unread:
        summary.note(counted(len(unread), N_("formats", "Ultralytics cannot read {count} listed image "
                                             "({paths}): export with copies or links to get a PNG copy "
                                             "of it."),
                             N_("formats", "Ultralytics cannot read {count} listed images ({paths}): "
                                "export with copies or links to get PNG copies of them."),
                             paths=", ".join(unread[:5])))
    return label_of, lists, renamed


def _write_labels(stream: LabelStream, label_of: dict[int, str], by_id: dict[int, ExportImage],
                  total: int, summary: ExportSummary, progress: Progress,
                  cancel: threading.Event | None) -> tuple[dict[int, int], int]:
    """The label files as the stream formats them. Returns (boxes per label id, how many
    unreviewed images were left without a label file)."""
    written: set[int] = set()
    for batch in stream:
        for image_id, text in batch:
            path = label_of.get(image_id)
            if path is None:
                continue  # its image could not be placed
            write_small(path, text.encode())
            written.add(image_id)
        check_cancel(cancel)
        progress("writing labels", len(written), total)
    assert stream.report is not None  # set once the stream is read to its end
    label_counts, problems = stream.report
    for image_id, ann_id, reason in problems:
        if image_id in label_of:
            summary.skip(by_id[image_id].relpath, f"box {ann_id} {reason}")
    unreviewed_empty = 0
    for image_id, path in label_of.items():
        if image_id in written:
            continue
        if by_id[image_id].review_state == "done":
            write_small(path, b"")  # a reviewed image with no objects: background
        else:
            unreviewed_empty += 1  # no file: an empty one would claim "no objects"
    return label_counts, unreviewed_empty


def _write_data_yaml(tmp: Path, plan: ExportPlan, names: tuple[str, ...], sel: Selection,
                     summary: ExportSummary) -> None:
    in_place = plan.link == "none"
    data: dict[str, Any] = {"path": str(plan.target)}
    for split in names:
        data[split] = f"{split}.txt" if in_place else f"images/{split}"
    if "val" not in data:
        data["val"] = data["train"]
        summary.note(said(N_("formats", "No val split: data.yaml points val at the train images.")))
    data["nc"] = len(sel.labels)
    data["names"] = {i: lab.name for i, lab in enumerate(sel.labels)}
    (tmp / "data.yaml").write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8"
    )
    (tmp / "classes.txt").write_text(
        "".join(" ".join(lab.name.split()) + "\n" for lab in sel.labels), "utf-8"
    )


def _notes(plan: ExportPlan, summary: ExportSummary, unreviewed_empty: int, renamed: int,
           in_place: bool) -> None:
    if unreviewed_empty:
        summary.note(counted(unreviewed_empty, N_(
            "formats", "{count} image not reviewed yet has no boxes and no label file; Ultralytics "
            "treats an image without a label file as background."), N_(
            "formats", "{count} images not reviewed yet have no boxes and no label file; Ultralytics "
            "treats an image without a label file as background.")))
    if renamed:
        summary.note(counted(renamed, N_(
            "formats", "{count} image shares a name stem with another image of its folder; it is "
            "exported as NAME.EXT.EXT with labels NAME.EXT.txt so it has its own label file."), N_(
            "formats", "{count} images share a name stem with another image of their folder; they are "
            "exported as NAME.EXT.EXT with labels NAME.EXT.txt so each has its own label file.")))
    if in_place:
        summary.note(said(N_("formats", "Images left in place: train.txt/val.txt list them, labels are "
                             "under labels/. Ultralytics looks for labels by replacing /images/ with "
                             "/labels/ in image paths, so to train with it export with copy, hardlink "
                             "or symlink.")))
    if plan.upright:
        summary.note(upright_note())


def _predictions(sel: Selection, im: ExportImage, cls_of: dict[int, int], root: str,
                 label_path: str, summary: ExportSummary) -> None:
    lines = []
    for s in sel.suggestions.get(im.id, ()):
        sid, kind, raw, label_id, x, y, w, h = s[1:9]
        conf = s[10]
        if kind != "box" or x is None:
            continue
        if label_id not in cls_of:
            summary.skip(im.relpath, no_exported_class(sid, raw))
            continue
        line = box_line(cls_of[label_id], x, y, w, h, 1.0 / im.width, 1.0 / im.height)
        if line is not None:
            lines.append(f"{line[:-1]} {1.0 if conf is None else conf:.6f}\n")
    if lines:
        path = root + "/predictions/" + label_path[len(root) + len("/labels/"):]
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("".join(lines))
        summary.suggestions += len(lines)


# -- import --------------------------------------------------------------------------------------


def _class_names(root: Path, source: Path) -> tuple[list[str], dict]:
    candidates = [source] if source.is_file() else []
    candidates += [root / "data.yaml", root / "data.yml", root / "dataset.yaml",
                   root / "classes.txt", root / "obj.names"]
    for path in candidates:
        if path.is_file() and path.suffix.lower() in (".yaml", ".yml", ".txt", ".names"):
            try:
                names = read_class_names(path)
            except ClassListError as exc:
                raise FormatError(exc.template, **exc.values) from exc
            data = {}
            if path.suffix.lower() in (".yaml", ".yml"):
                loaded = yaml.safe_load(path.read_text("utf-8-sig"))
                data = loaded if isinstance(loaded, dict) else {}
            return names, data
    raise FormatError(N_("errors", "{path} has no data.yaml or classes.txt naming the classes."),
                      path=str(source))


def read(source: Path, dataset: Dataset) -> None:
    source = Path(source)
    root = source.parent if source.is_file() else source
    names, data = _class_names(root, source)
    dataset.class_order.extend(names)
    skip_names = {"classes.txt", "obj.names"}
    for key in ("train", "val", "test"):
        if isinstance(data.get(key), str):
            skip_names.add(posixpath.basename(data[key]))
    labels_dir = root / "labels"
    base_dir = labels_dir if labels_dir.is_dir() else root
    files = []
    real_root = root.resolve()
    for dirpath, _dirs, filenames in os.walk(base_dir):
        for fname in filenames:
            if not fname.endswith(".txt") or (base_dir == root and fname in skip_names):
                continue
            path = Path(dirpath) / fname
            if not path.resolve().is_relative_to(real_root):
                dataset.skip(str(path), N_("formats", "links outside the dataset folder"))
                continue
            files.append(path)
    files.sort()
    if not files:
        dataset.notes.append(f"No label files found under {base_dir}.")
    all_refs = {path: _refs(path.relative_to(base_dir).as_posix()[:-4], labels_dir.is_dir())
                for path in files}
    # a label file named like an image ("a.png.txt") claims that image, so "a.txt" of the same
    # folder is the other image with stem "a" (the export's rule for same-stem images)
    claims: dict[str, set[str]] = {}
    for refs in all_refs.values():
        for ref in refs:
            head, _, tail = ref.rpartition("/")
            if "." in tail:
                claims.setdefault(ref.rsplit(".", 1)[0], set()).add(ref)
    for path in files:
        refs = all_refs[path]
        claimed = frozenset().union(*(claims.get(r, ()) for r in refs))
        where = path.relative_to(root).as_posix()
        listed = ListedImage(where, refs, None, base=root, stems=True, claimed=claimed)
        dataset.images.append(listed)
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            dataset.skip(where, said(N_("formats", "cannot be read ({reason})"), reason=str(exc)))
            continue
        for lineno, line in enumerate(text.splitlines(), 1):
            rec = _parse_line(line, names, f"{where}:{lineno}", listed, dataset)
            if rec is not None:
                dataset.records.append(rec)


def _refs(rest: str, mirrored: bool) -> list[str]:
    """Names of the image of label file `rest` (path below labels/, no .txt)."""
    parts = rest.split("/")
    refs = [f"images/{rest}"] if mirrored else []
    if len(parts) > 1 and parts[0].lower() in SPLITS:
        refs.append("/".join(parts[1:]))
    refs.append(rest)
    return refs


def _parse_line(line: str, names: list[str], where: str, listed: ListedImage,
                dataset: Dataset) -> Record | None:
    values = line.split()
    if not values:
        return None
    try:
        cls_f = float(values[0])
        nums = [float(v) for v in values[1:]]
    except ValueError:
        dataset.skip(where, N_("formats", "not numbers"))
        return None
    if cls_f != int(cls_f) or not 0 <= int(cls_f) < len(names):
        dataset.skip(where, said(N_("formats", "class {index} is not in the class list (0-{last})"),
                                 index=values[0], last=len(names) - 1))
        return None
    label = names[int(cls_f)]
    if any(v != v or abs(v) == float("inf") for v in nums):
        dataset.skip(where, N_("formats", "not finite numbers"))
        return None
    score = None
    if len(nums) in (4, 5):
        cx, cy, w, h = nums[:4]
        if w < 0 or h < 0:
            dataset.skip(where, N_("formats", "negative width or height"))
            return None
        box = Box(cx - w / 2, cy - h / 2, w, h)
        if len(nums) == 5:
            score = nums[4]
    elif len(nums) >= 6:
        pts = nums[: len(nums) - len(nums) % 2]
        if len(nums) % 2:
            score = nums[-1]
        xs, ys = pts[0::2], pts[1::2]
        box = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        dataset.warn(where, N_("formats", "polygon imported as its bounding box"))
    else:
        dataset.skip(where, counted(len(values),
                                    N_("formats", "expected 'class cx cy w h', got {count} value"),
                                    N_("formats", "expected 'class cx cy w h', got {count} values")))
        return None
    return Record(where, listed, Kind.BOX, label, box, relative=True, score=score)
