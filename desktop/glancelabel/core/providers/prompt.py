"""The prompt and the response schema.

Order (so providers can cache the shared prefix): the fixed system instructions, then
the project's instructions and class list, then the examples (reviewed images with their
answers, `examples.py`), then one short per-image part stating the exact pixel size sent and
the box convention, then the image itself. `content_blocks` lays these out for each API.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..app.resources import resource
from .examples import EXAMPLES_INTRO, PromptExample, SentExample, examples_key
from .records import BoxConvention, ClassSpec

PROMPT_VERSION = 1
TOOL_NAME = "report_suggestions"
TOOL_DESCRIPTION = "Report the objects (with boxes) and image-level tags seen in the image."


@cache
def system_prompt() -> str:
    return resource("prompts", "system.md").read_text(encoding="utf-8").strip()


@cache
def default_instructions() -> str:
    return resource("prompts", "default_instructions.md").read_text(encoding="utf-8").strip()


_BOX_ORDER = {
    BoxConvention.PIXELS: "[x_min, y_min, x_max, y_max]",
    BoxConvention.NORM1: "[x_min, y_min, x_max, y_max]",
    BoxConvention.NORM1000: "[x_min, y_min, x_max, y_max]",
    BoxConvention.YXYX1000: "[y_min, x_min, y_max, x_max]",
}


def box_instruction(convention: BoxConvention | str, sent_size: tuple[int, int]) -> str:
    conv = BoxConvention(convention)
    w, h = sent_size
    order = _BOX_ORDER[conv]
    if conv is BoxConvention.PIXELS:
        unit = (f"in pixels of this {w} x {h} image: x from 0 (left edge) to {w} (right "
                f"edge), y from 0 (top edge) to {h} (bottom edge)")
    elif conv is BoxConvention.NORM1:
        unit = "as fractions of the image width and height, from 0.0 (left/top) to 1.0 (right/bottom)"
    else:
        unit = "normalised to 0-1000 of the image width and height (0 = left/top, 1000 = right/bottom)"
    return f"Give every box as {order} {unit}."


def response_schema(convention: BoxConvention | str = BoxConvention.PIXELS) -> dict[str, Any]:
    """JSON schema of the answer (valid for OpenAI strict mode and Anthropic tools)."""
    order = _BOX_ORDER[BoxConvention(convention)]
    nullable_number = {"type": ["number", "null"]}
    obj = {
        "type": "object",
        "properties": {
            "label": {"type": "string", "description": "class name (exactly as listed when one fits)"},
            "box": {"type": "array", "items": {"type": "number"},
                    "description": f"four numbers {order}"},
            "text": {"type": ["string", "null"], "description": "text read, or null"},
            "confidence": {**nullable_number, "description": "probability 0-1"},
            "rationale": {"type": "string", "description": "one short sentence"},
        },
        "required": ["label", "box", "text", "confidence", "rationale"],
        "additionalProperties": False,
    }
    tag = {
        "type": "object",
        "properties": {
            "label": {"type": "string"},
            "confidence": {**nullable_number, "description": "probability 0-1"},
            "rationale": {"type": "string", "description": "one short sentence"},
        },
        "required": ["label", "confidence", "rationale"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {"objects": {"type": "array", "items": obj},
                       "tags": {"type": "array", "items": tag}},
        "required": ["objects", "tags"],
        "additionalProperties": False,
    }


def _class_section(classes: tuple[ClassSpec, ...]) -> str:
    if not classes:
        return ("## Classes\nNo class list is defined yet. Name each distinct kind of object "
                "you see with a short lowercase English noun in the singular (for example "
                "\"car\", \"person\", \"street sign\"), and use the same name for every "
                "instance of that kind. Add image-level tags the same way, if any apply.")
    lines = ["## Classes", "Use these names exactly:"]
    for c in classes:
        desc = " ".join(c.description.split())
        lines.append(f"- {c.name}: {desc}" if desc else f"- {c.name}")
    return "\n".join(lines)


_OUTPUT_SECTION = (
    "## Output\nAnswer with one JSON object and nothing else, in this shape:\n"
    '{"objects": [{"label": "<class>", "box": [<4 numbers>], "text": null, '
    '"confidence": 0.9, "rationale": "<one sentence>"}], '
    '"tags": [{"label": "<class>", "confidence": 0.8, "rationale": "<one sentence>"}]}'
)


@dataclass(frozen=True, slots=True)
class PromptParts:
    system: str
    shared: str  # project instructions + classes + output format (same for every image)
    per_image: str  # exact pixel size sent + box convention
    examples: tuple[SentExample, ...] = ()  # each: its image, then its text

    @property
    def user_text(self) -> str:
        """Every text part in the order sent; an example's image stands where it is sent as
        '[example image N: W x H pixels, boxes drawn]'."""
        texts = [self.shared]
        for i, ex in enumerate(self.examples, 1):
            w, h = ex.sent_size
            texts += [f"[example image {i}: {w} x {h} pixels, boxes drawn]", ex.text]
        return "\n\n".join([*texts, self.per_image])


def content_blocks(parts: PromptParts, image: dict[str, Any], *, api: str
                   ) -> list[dict[str, Any]]:
    """The user message's content for `api` ("anthropic", "chat" or "responses"): the shared
    text, each example's image and answer, the per-image text, then `image` (the API's block
    for the image in question). For Anthropic the class list and the last example carry a
    `cache_control` breakpoint: everything up to it (tools, system, classes, examples) is the
    prefix later requests read from the cache."""
    def text(t: str) -> dict[str, Any]:
        return {"type": "input_text" if api == "responses" else "text", "text": t}

    def picture(ex: SentExample) -> dict[str, Any]:
        b64 = base64.b64encode(ex.data).decode("ascii")
        if api == "anthropic":
            return {"type": "image", "source": {"type": "base64", "media_type": ex.media_type,
                                                "data": b64}}
        url = f"data:{ex.media_type};base64,{b64}"
        if api == "responses":
            return {"type": "input_image", "image_url": url, "detail": "high"}
        return {"type": "image_url", "image_url": {"url": url, "detail": "high"}}

    blocks = [text(parts.shared)]
    for ex in parts.examples:
        blocks += [picture(ex), text(ex.text)]
    if api == "anthropic":
        blocks[0]["cache_control"] = {"type": "ephemeral"}
        blocks[-1]["cache_control"] = {"type": "ephemeral"}
    return [*blocks, text(parts.per_image), image]


def build_prompt(classes: tuple[ClassSpec, ...], instructions: str,
                 convention: BoxConvention | str, sent_size: tuple[int, int],
                 examples: tuple[SentExample, ...] = ()) -> PromptParts:
    instr = instructions.strip() or default_instructions()
    sections = [f"## Project instructions\n{instr}", _class_section(classes), _OUTPUT_SECTION]
    if examples:
        sections.append(EXAMPLES_INTRO)
    shared = "\n\n".join(sections)
    w, h = sent_size
    per_image = (f"## Image\nThe image below is exactly {w} x {h} pixels (width x height). "
                 + box_instruction(convention, sent_size))
    return PromptParts(system=system_prompt(), shared=shared, per_image=per_image,
                       examples=examples)


def prompt_hash(classes: tuple[ClassSpec, ...], instructions: str,
                convention: BoxConvention | str,
                examples: tuple[PromptExample, ...] = ()) -> str:
    """Hash of everything prompt-related that is the same for every image of a run (the
    examples by their images' content and answers; without examples the hash is the one it
    always was)."""
    parts = build_prompt(classes, instructions, convention, (0, 0))
    fields = {"v": PROMPT_VERSION, "system": parts.system, "shared": parts.shared,
              "convention": str(BoxConvention(convention)), "schema": response_schema(convention)}
    if examples:
        fields["examples"] = examples_key(examples)
    blob = json.dumps(fields, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]
