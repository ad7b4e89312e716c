"""Examples in the prompt: reviewed images sent before the image in question, with their answer.

An example is a reviewed image of the project (`PromptExample`: its file, orientation, displayed
size, and its boxes and tags as the person left them, in the displayed frame). It is sent as:

- the image, resized to at most `EXAMPLE_MAX_SIDE` pixels, with each box **drawn on it** (a
  2-pixel rectangle in the class's colour and the class name above it), and
- the **correct answer listed** as the JSON the model must write, with the boxes in the frame
  of the example image as sent (its exact pixel size is stated) and in the same box convention
  as the question (pixels, 0-1 or 0-1000 of the sent example).

Examples come after the class list and before the per-image part, so they belong to the prefix
every request of a run shares (Anthropic: the last one carries a `cache_control` breakpoint;
OpenAI caches long shared prefixes by itself).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Box
from .boxes import from_sent_pixels
from .prepare import ImageRule, encode, estimate_tokens, load_oriented, target_size
from .records import BoxConvention

EXAMPLE_MAX_SIDE = 512  # examples teach what a class looks like; they need no full resolution
_COLOURS = ((230, 25, 75), (60, 180, 75), (0, 130, 200), (245, 130, 48), (145, 30, 180),
            (70, 240, 240), (240, 50, 230), (210, 245, 60), (0, 128, 128), (170, 110, 40))


@dataclass(frozen=True, slots=True)
class PromptExample:
    """One reviewed image sent as an example (boxes and tags are the person's annotations)."""

    image_path: Path
    content_hash: str
    orientation: int
    displayed_size: tuple[int, int]
    boxes: tuple[tuple[str, Box], ...] = ()  # (class name, box in the displayed frame)
    tags: tuple[str, ...] = ()

    def key(self) -> dict[str, object]:
        """What of this example decides the question (for the prompt hash)."""
        return {"content": self.content_hash,
                "boxes": [[name, *(round(v, 2) for v in box.as_list())]
                          for name, box in self.boxes], "tags": list(self.tags)}


@dataclass(frozen=True, slots=True)
class SentExample:
    """An example as sent: the image with its boxes drawn, and the text that lists its answer."""

    text: str
    data: bytes
    media_type: str
    sent_size: tuple[int, int]
    estimated_tokens: int


def examples_key(examples: tuple[PromptExample, ...]) -> str:
    """A short hash of the examples ('' for none)."""
    if not examples:
        return ""
    blob = json.dumps([e.key() for e in examples], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _colour(name: str, names: list[str]) -> tuple[int, int, int]:
    return _COLOURS[names.index(name) % len(_COLOURS)]


def _draw(img: object, boxes: list[tuple[str, tuple[float, float, float, float]]]) -> object:
    from PIL import Image, ImageDraw

    assert isinstance(img, Image.Image)
    out = img.convert("RGB")
    draw = ImageDraw.Draw(out)
    names = sorted({n for n, _ in boxes})
    for name, (x1, y1, x2, y2) in boxes:
        colour = _colour(name, names)
        draw.rectangle((x1, y1, x2, y2), outline=colour, width=2)
        tw = draw.textlength(name)
        ty = y1 - 12 if y1 >= 12 else y1 + 2
        draw.rectangle((x1, ty, x1 + tw + 4, ty + 11), fill=colour)
        draw.text((x1 + 2, ty), name, fill=(255, 255, 255))
    return out


def answer_json(example: PromptExample, convention: BoxConvention | str,
                sent_size: tuple[int, int]) -> str:
    """The example's correct answer in the response format, boxes in the sent example's frame."""
    sx = sent_size[0] / example.displayed_size[0]
    sy = sent_size[1] / example.displayed_size[1]
    objects = []
    for name, box in example.boxes:
        corners = (box.x * sx, box.y * sy, box.x2 * sx, box.y2 * sy)
        values = from_sent_pixels(corners, convention, sent_size)
        digits = 0 if BoxConvention(convention) is not BoxConvention.NORM1 else 3
        objects.append({"label": name, "box": [round(v, digits) if digits else round(v)
                                               for v in values]})
    tags = [{"label": t} for t in example.tags]
    return json.dumps({"objects": objects, "tags": tags}, ensure_ascii=False)


def example_text(index: int, count: int, example: PromptExample,
                 convention: BoxConvention | str, sent_size: tuple[int, int]) -> str:
    w, h = sent_size
    drawn = (" Its boxes are drawn on it, each with its class name." if example.boxes else "")
    return (f"### Example {index} of {count}\nThe example image above is exactly {w} x {h} "
            f"pixels.{drawn} The correct answer for it (boxes in this example's own frame):\n"
            + answer_json(example, convention, sent_size))


@lru_cache(maxsize=256)
def _prepared(example: PromptExample, rule: ImageRule, convention: BoxConvention
              ) -> tuple[bytes, str, tuple[int, int], int]:
    def target(w: int, h: int) -> tuple[int, int]:
        return target_size(rule, w, h, EXAMPLE_MAX_SIDE)

    img, _orient, displayed = load_oriented(example.image_path, target=target,
                                            orientation=example.orientation)
    try:
        sent = img.size
        sx, sy = sent[0] / displayed[0], sent[1] / displayed[1]
        corners = [(n, (b.x * sx, b.y * sy, b.x2 * sx, b.y2 * sy)) for n, b in example.boxes]
        drawn = _draw(img, corners)
        data, media_type, final, _notes = encode(drawn, max_base64_bytes=rule.max_base64_bytes)
    finally:
        img.close()
    return data, media_type, final.size, estimate_tokens(rule, *final.size)


def prepare_examples(examples: tuple[PromptExample, ...], rule: ImageRule,
                     convention: BoxConvention | str) -> tuple[SentExample, ...]:
    """The examples as sent (images prepared once per rule and convention, then reused)."""
    conv = BoxConvention(convention)
    out = []
    for i, ex in enumerate(examples, 1):
        data, media_type, size, tokens = _prepared(ex, rule, conv)
        out.append(SentExample(example_text(i, len(examples), ex, conv, size), data,
                               media_type, size, tokens))
    return tuple(out)


EXAMPLES_INTRO = ("## Examples\nThe images below are examples from this project that a person "
                  "reviewed, each followed by its correct answer. Label the final image the same "
                  "way. The boxes drawn on the examples are only there to show the answer; the "
                  "final image has none.")
