"""Between GlanceLabel's records and Label Studio's task JSON, with no server involved.

Boxes are displayed-frame pixels (after EXIF orientation); Label Studio keeps percentages of the
image as the browser shows it, which is the same oriented frame. `rect_result` (the export's
conversion) goes one way, `box_from_percent` the other, both against the oriented width and height.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..formats.labelstudio import label_config
from ..model import Box

# Label Studio's names in the generated labelling config (core/formats/labelstudio.label_config)
BOXES = "label"
TAGS = "tags"
KEY_FIELD = "glancelabel_key"
# a pulled box equals what was pushed when every side is within this many pixels
SAME_PX = 0.01


def project_config(class_names: list[str]) -> str:
    """The labelling config: the classes as RectangleLabels (boxes) and as Choices (tags)."""
    if not class_names:
        raise ValueError("The project has no classes yet; add at least one before pushing.")
    return label_config(class_names)


def config_labels(config: str) -> set[str]:
    """The class names a labelling config offers (Label and Choice values)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(config)
    return {el.get("value", "") for el in root.iter() if el.tag in ("Label", "Choice")}


def task_key(relpath: str, content_hash: str) -> str:
    """What makes a task the same task on a second push: the relative path and the content."""
    return f"{relpath}|{content_hash}"


def local_files_url(path: str, document_root: str) -> str:
    """The URL Label Studio serves a local file under (`?d=` is relative to its document root)."""
    import os

    rel = os.path.relpath(path, document_root)
    if rel.startswith(".."):
        raise ValueError(f"{path} is not under the server's document root {document_root}.")
    return "/data/local-files/?d=" + quote(rel.replace(os.sep, "/"), safe="/")


def box_from_percent(value: dict, width: int, height: int) -> Box:
    """A Label Studio rectangle's x, y, width, height (percent) as displayed-frame pixels."""
    sx, sy = width / 100.0, height / 100.0
    return Box(float(value["x"]) * sx, float(value["y"]) * sy,
               float(value["width"]) * sx, float(value["height"]) * sy)


def same_box(a: Box | None, b: Box | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return all(abs(p - q) <= SAME_PX for p, q in zip(a.as_list(), b.as_list(), strict=True))


@dataclass(frozen=True, slots=True)
class Region:
    """One region of a Label Studio annotation, in GlanceLabel's terms."""

    region_id: str
    label: str
    box: Box | None  # None for a tag (choice)


def regions(result: list, width: int, height: int) -> tuple[list[Region], list[str]]:
    """The boxes and tags of an annotation's result, and a sentence for each item left out."""
    out: list[Region] = []
    skipped: list[str] = []
    for item in result:
        value = item.get("value") or {}
        kind = item.get("type")
        rid = str(item.get("id", ""))
        if kind == "choices":
            out += [Region(rid, str(c), None) for c in value.get("choices") or []]
        elif kind == "rectanglelabels":
            names = value.get("rectanglelabels") or []
            if not names:
                skipped.append(f"region {rid} has no class")
            elif value.get("rotation"):
                skipped.append(f"region {rid} is rotated ({value['rotation']}°)")
            else:
                out.append(Region(rid, str(names[0]), box_from_percent(value, width, height)))
        else:
            skipped.append(f"region {rid} is a {kind} (boxes and choices only)")
    return out, skipped


def model_version(provider: str | None, model: str | None, run_id: int | None) -> str:
    """How a run's predictions are named in Label Studio: provider/model/run-N."""
    return f"{provider or 'unknown'}/{model or 'unknown'}/run-{run_id}"
