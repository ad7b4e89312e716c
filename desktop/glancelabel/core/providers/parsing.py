"""Tolerant parsing of a model's answer into validated suggestions.

Accepts a dict (tool input, strict JSON schema output) or text: plain JSON, JSON in a
```json fence, or JSON somewhere inside prose. Accepts common variants of the shape
(a bare list, "boxes"/"detections" instead of "objects", "bbox" instead of "box", a box as
a dict). Validates every field; anything not kept is recorded in `dropped` with a reason.
Unknown labels are kept with `label=None`, never forced into the class list.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from glancelabel.core.model import Kind

from .boxes import to_displayed_box
from .records import BoxConvention, ClassSpec, Dropped, ProposedSuggestion

MAX_ITEMS = 500
MAX_RATIONALE = 300
MAX_LABEL = 200  # longer is not a class name (a runaway or injected answer): dropped
MAX_TEXT = 2000  # text read in a box (OCR); longer is cut
_FENCE = re.compile(r"```[ \t]*(?:json|JSON|jsonc)?[ \t]*\r?\n?(.*?)```", re.S)
_OBJECT_KEYS = ("objects", "boxes", "detections", "annotations", "items", "suggestions",
                "results", "predictions")
_LABEL_KEYS = ("label", "class", "class_name", "category", "name")
_BOX_KEYS = ("box", "bbox", "bbox_2d", "box_2d", "bounding_box", "coordinates")


@dataclass(frozen=True, slots=True)
class Parsed:
    suggestions: tuple[ProposedSuggestion, ...]
    dropped: tuple[Dropped, ...]
    refusal: str | None = None


def _excerpt(value: Any, limit: int = 160) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def extract_json(text: str) -> Any | None:
    """The first JSON value found in text (whole text, a fenced block, or inside prose)."""
    stripped = text.strip()
    if not stripped:
        return None
    try:
        return json.loads(stripped)
    except ValueError:
        pass
    for block in _FENCE.findall(text):
        try:
            return json.loads(block.strip())
        except ValueError:
            continue
    decoder = json.JSONDecoder()
    first: Any | None = None
    for m in re.finditer(r"[{\[]", text):
        try:
            value, _ = decoder.raw_decode(text, m.start())
        except ValueError:
            continue
        if isinstance(value, dict) and (
                any(k in value for k in (*_OBJECT_KEYS, "tags")) or _looks_like_object(value)):
            return value
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return value
        if first is None and isinstance(value, dict):
            first = value
    return first


_END_PUNCTUATION = ".,;:!?。、，；：！？\"'“”‘’「」『』"


def _looks_like_object(value: dict) -> bool:
    return any(k in value for k in _LABEL_KEYS) and any(k in value for k in _BOX_KEYS)


def normalize_label(name: str) -> str:
    """The form in which a class name and a model's label are compared: NFKC (full-width
    letters, digits, spaces and brackets as their ordinary forms), `_` and `-` as spaces, case
    folded, spaces collapsed, and sentence punctuation at either end dropped ("红绿灯。")."""
    text = unicodedata.normalize("NFKC", name)
    return " ".join(re.sub(r"[_\-]+", " ", text).casefold().split()).strip(_END_PUNCTUATION).strip()


def label_map(classes: tuple[ClassSpec, ...]) -> dict[str, str]:
    return {normalize_label(c.name): c.name for c in classes}


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            v = float(value.strip().rstrip("%"))
        except ValueError:
            return None
        return v if math.isfinite(v) else None
    return None


def _box_values(raw: Any, convention: BoxConvention) -> list[Any] | None:
    """A box as 4 values in the convention's order, from a list or a dict; None if absent."""
    if isinstance(raw, list) and len(raw) == 1 and isinstance(raw[0], list):
        raw = raw[0]
    if isinstance(raw, list):
        return [(_number(v) if isinstance(v, str) else v) for v in raw]
    if isinstance(raw, dict):
        k = {key.lower(): v for key, v in raw.items()}
        for x1, y1, x2, y2 in (("x1", "y1", "x2", "y2"), ("xmin", "ymin", "xmax", "ymax"),
                               ("x_min", "y_min", "x_max", "y_max"),
                               ("left", "top", "right", "bottom")):
            if all(n in k for n in (x1, y1, x2, y2)):
                xs = [k[x1], k[y1], k[x2], k[y2]]
                break
        else:
            w_key = "width" if "width" in k else "w"
            h_key = "height" if "height" in k else "h"
            if not all(n in k for n in ("x", "y", w_key, h_key)):
                return [k]  # wrong shape: reported by the caller
            x, y, w, h = (_number(k[n]) for n in ("x", "y", w_key, h_key))
            if x is None or y is None or w is None or h is None:
                return [k]
            xs = [x, y, x + w, y + h]
        xs = [_number(v) if isinstance(v, str) else v for v in xs]
        if convention is BoxConvention.YXYX1000:
            xs = [xs[1], xs[0], xs[3], xs[2]]
        return xs
    return None


def _confidence(item: dict, what: str, dropped: list[Dropped]) -> float | None:
    if item.get("confidence") is None:
        return None
    value = _number(item["confidence"])
    if value is None or not 0.0 <= value <= 1.0:
        dropped.append(Dropped(f"confidence of {what}: {_excerpt(item['confidence'])}",
                               "confidence is not a number from 0 to 1; kept the suggestion "
                               "without it"))
        return None
    return value


def _rationale(item: dict) -> str:
    value = item.get("rationale", item.get("reason", item.get("explanation", "")))
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    return text if len(text) <= MAX_RATIONALE else text[: MAX_RATIONALE - 1] + "…"


def _label(item: dict) -> str | None:
    for key in _LABEL_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value[: MAX_LABEL * 4].split())
    return None


def _too_long(raw_label: str, item: Any, dropped: list[Dropped]) -> bool:
    if len(raw_label) <= MAX_LABEL:
        return False
    dropped.append(Dropped(_excerpt(item), f"label longer than {MAX_LABEL} characters"))
    return True


def _split_shape(data: Any, dropped: list[Dropped]) -> tuple[list[Any], list[Any]]:
    """(objects, tags) from the top-level JSON value, accepting common variants."""
    if isinstance(data, list):
        objects = [v for v in data if isinstance(v, dict) and any(k in v for k in _BOX_KEYS)]
        tags = [v for v in data if v not in objects]
        return objects, tags
    if not isinstance(data, dict):
        dropped.append(Dropped(_excerpt(data), "the answer's JSON is not an object or a list"))
        return [], []
    if _looks_like_object(data):
        return [data], []
    objects_raw = next((data[k] for k in _OBJECT_KEYS if k in data), None)
    tags_raw = data.get("tags", data.get("labels"))
    if objects_raw is None and tags_raw is None:
        dropped.append(Dropped(_excerpt(data),
                               "the answer's JSON has neither an 'objects' nor a 'tags' list"))
        return [], []
    out: list[list[Any]] = []
    for name, raw in (("objects", objects_raw), ("tags", tags_raw)):
        if raw is None:
            out.append([])
        elif isinstance(raw, list):
            out.append(raw)
        else:
            dropped.append(Dropped(_excerpt(raw), f"'{name}' is not a list"))
            out.append([])
    return out[0], out[1]


def parse_response(answer: str | dict | list, *, classes: tuple[ClassSpec, ...],
                   convention: BoxConvention | str, sent_size: tuple[int, int],
                   displayed_size: tuple[int, int]) -> Parsed:
    """Validate a model's answer; boxes come back in the displayed frame."""
    conv = BoxConvention(convention)
    dropped: list[Dropped] = []
    if isinstance(answer, str):
        data = extract_json(answer)
        if data is None:
            said = answer.strip()
            dropped.append(Dropped(_excerpt(said) or "(empty)",
                                   "the answer contained no JSON"))
            return Parsed((), tuple(dropped), refusal=said or "(empty answer)")
    else:
        data = answer
    objects, tags = _split_shape(data, dropped)
    names = label_map(classes)
    out: list[ProposedSuggestion] = []

    if len(objects) + len(tags) > MAX_ITEMS:
        dropped.append(Dropped(f"{len(objects) + len(tags)} items",
                               f"more than {MAX_ITEMS} items; kept the first {MAX_ITEMS}"))
        objects = objects[:MAX_ITEMS]
        tags = tags[: max(0, MAX_ITEMS - len(objects))]

    for item in objects:
        if not isinstance(item, dict):
            dropped.append(Dropped(_excerpt(item), "object is not a JSON object"))
            continue
        raw_label = _label(item)
        if raw_label is None:
            dropped.append(Dropped(_excerpt(item), "object has no label"))
            continue
        if _too_long(raw_label, item, dropped):
            continue
        raw_box = next((item[k] for k in _BOX_KEYS if k in item), None)
        values = _box_values(raw_box, conv)
        if values is None:
            dropped.append(Dropped(_excerpt(item), "object has no box"))
            continue
        box, why = to_displayed_box(values, conv, sent_size, displayed_size)
        if box is None:
            dropped.append(Dropped(_excerpt(item), why or "bad box"))
            continue
        given = item.get("text")
        text = given.strip()[:MAX_TEXT] or None if isinstance(given, str) else (
            str(given) if isinstance(given, int | float) and not isinstance(given, bool) else None)
        out.append(ProposedSuggestion(
            kind=Kind.BOX, raw_label=raw_label, label=names.get(normalize_label(raw_label)),
            box=box, text=text, confidence=_confidence(item, repr(raw_label), dropped),
            rationale=_rationale(item)))

    seen: set[str] = set()
    for item in tags:
        entry = {"label": item} if isinstance(item, str) else item
        if not isinstance(entry, dict):
            dropped.append(Dropped(_excerpt(item), "tag is neither a string nor an object"))
            continue
        raw_label = _label(entry)
        if raw_label is None:
            dropped.append(Dropped(_excerpt(item), "tag has no label"))
            continue
        if _too_long(raw_label, item, dropped):
            continue
        key = normalize_label(raw_label)
        if key in seen:
            dropped.append(Dropped(_excerpt(item), "duplicate tag"))
            continue
        seen.add(key)
        out.append(ProposedSuggestion(
            kind=Kind.TAG, raw_label=raw_label, label=names.get(key), box=None,
            confidence=_confidence(entry, repr(raw_label), dropped),
            rationale=_rationale(entry)))
    return Parsed(tuple(out), tuple(dropped))
