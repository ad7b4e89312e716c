"""Helpers shared by the tests of this folder (imported by name: a module called
conftest would clash with the other folders' conftest files)."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from glancelabel.core.providers.boxes import from_sent_pixels

RED = (230, 20, 20)


def make_image(path: Path, size=(400, 300), *, orientation: int = 1,
               marker: tuple[int, int, int, int] | None = None, fmt: str = "JPEG",
               mode: str = "RGB", color=(90, 140, 200), quality: int = 92) -> Path:
    """An image (in its stored, un-rotated frame) with an optional red marker rectangle
    given as raw-frame corners (x1, y1, x2, y2), saved with an EXIF orientation."""
    img = Image.new(mode, size, color if mode != "RGBA" else (*color, 255))
    if marker:
        img.paste(RED if mode != "RGBA" else (*RED, 255), marker)
    kwargs = {}
    if orientation != 1:
        exif = Image.Exif()
        exif[0x0112] = orientation
        kwargs["exif"] = exif
    if fmt == "JPEG":
        kwargs["quality"] = quality
    img.save(path, fmt, **kwargs)
    return path


def assert_box(box, expected, tol: float = 1e-6) -> None:
    assert box is not None
    assert box.as_list() == pytest.approx(expected.as_list(), abs=tol), (box, expected)


def find_marker(image_bytes: bytes) -> tuple[int, int, int, int] | None:
    """Corner box (x1, y1, x2, y2), exclusive ends, of the red marker in an image."""
    import numpy as np

    arr = np.asarray(Image.open(io.BytesIO(image_bytes)).convert("RGB")).astype(int)
    mask = (arr[:, :, 0] > 160) & (arr[:, :, 1] < 90) & (arr[:, :, 2] < 90)
    ys, xs = np.nonzero(mask)
    if not len(xs):
        return None
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def image_from_anthropic_body(body: dict) -> tuple[bytes, str]:
    blocks = body["messages"][0]["content"]
    src = next(b for b in blocks if b["type"] == "image")["source"]
    return base64.b64decode(src["data"]), src["media_type"]


def image_from_openai_body(body: dict) -> tuple[bytes, str]:
    """The image and its media type from a Chat Completions or a Responses API body."""
    if "input" in body:
        parts = body["input"][-1]["content"]
        url = next(p for p in parts if p["type"] == "input_image")["image_url"]
    else:
        parts = body["messages"][-1]["content"]
        url = next(p for p in parts if p["type"] == "image_url")["image_url"]["url"]
    head, data = url.split(",", 1)
    return base64.b64decode(data), head[len("data:"):].split(";")[0]


def marker_answer(image_bytes: bytes, convention: str = "pixels", label: str = "marker") -> dict:
    """What a perfect model would answer: the marker's box in the given convention."""
    corners = find_marker(image_bytes)
    size = Image.open(io.BytesIO(image_bytes)).size
    objects = []
    if corners:
        objects.append({"label": label, "box": from_sent_pixels(corners, convention, size),
                        "text": None, "confidence": 0.9, "rationale": "A red rectangle."})
    return {"objects": objects, "tags": []}


