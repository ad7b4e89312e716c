"""Prepare one image for a provider: oriented, sized so the provider never downscales it
again, encoded within the provider's byte limit; plus the provider's image-token rule.

Rules (documented by the providers; see API-NOTES):
- `claude`: long edge <= 1568 px and ceil(w/28) * ceil(h/28) <= 1568 visual tokens.
- `openai-tile` (gpt-4o, gpt-4.1, gpt-5): fit in 2048 x 2048, then short side <= 768;
  tokens = base + per_tile * ceil(w/512) * ceil(h/512).
- `openai-patch` (gpt-4.1-mini/nano, o4-mini, gpt-5-mini/nano): ceil(w/32) * ceil(h/32)
  <= 1536 patches; tokens = patches * multiplier.
- `fit` (OpenAI-compatible servers, local models): long edge <= max_side, optionally each
  side a multiple of `round_to` (28 suits Qwen2.5-VL, whose pixel frame is then ours).

JPEG files are decoded at reduced size (`Image.draft`, 1/2 to 1/8 scale in the decoder)
before the final resize, so a 24-megapixel photo costs a fraction of a full decode.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import N_
from .records import ProviderError

MB = 1_000_000
_TRANSPOSE = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE",
              6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90"}
_ORIENTATION_TAG = 0x0112


@dataclass(frozen=True, slots=True)
class ImageRule:
    """A provider's image sizing and token rule (see the module docstring)."""

    kind: str = "fit"  # claude | openai-tile | openai-patch | fit
    max_side: int = 1568
    max_tokens: int = 1568  # claude visual tokens
    tile_base: int = 85
    tile_tokens: int = 170
    patch_budget: int = 1536
    multiplier: float = 1.0
    round_to: int = 0
    max_base64_bytes: int = 20 * MB  # per image, after base64

    @classmethod
    def from_dict(cls, data: dict[str, Any] | str | None) -> ImageRule:
        if data is None:
            return cls()
        if isinstance(data, str):
            data = {"kind": data}
        kind = data.get("kind", "fit")
        base = RULES.get(kind, cls(kind=kind))
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{**{f: getattr(base, f) for f in known},
                      **{k: v for k, v in data.items() if k in known}})


RULES: dict[str, ImageRule] = {
    "claude": ImageRule(kind="claude", max_side=1568, max_tokens=1568,
                        max_base64_bytes=5 * MB),
    "openai-tile": ImageRule(kind="openai-tile", max_side=2048, tile_base=85, tile_tokens=170),
    "openai-patch": ImageRule(kind="openai-patch", max_side=2048, patch_budget=1536,
                              multiplier=1.0),
    "fit": ImageRule(kind="fit", max_side=1280),
}


def _scaled(w: int, h: int, s: float) -> tuple[int, int]:
    return max(1, round(w * s)), max(1, round(h * s))


def _shrink_until(w: int, h: int, size: tuple[int, int], ok: Any) -> tuple[int, int]:
    """Shrink `size` one pixel of the long side at a time (keeping aspect) until ok()."""
    tw, th = size
    long_side = max(tw, th)
    while not ok(tw, th) and long_side > 1:
        long_side -= 1
        tw, th = _scaled(w, h, long_side / max(w, h))
    return tw, th


def claude_tokens(w: int, h: int) -> int:
    return math.ceil(w / 28) * math.ceil(h / 28)


def target_size(rule: ImageRule, w: int, h: int, max_side: int | None = None
                ) -> tuple[int, int]:
    """The size to send an image of displayed size w x h (never larger than it)."""
    cap = min(rule.max_side, max_side) if max_side else rule.max_side
    s = min(1.0, cap / max(w, h))
    if rule.kind == "openai-tile":
        s = min(1.0, 2048 / max(w, h), cap / max(w, h))
        short = min(w, h) * s
        if short > 768:
            s *= 768 / short
    size = _scaled(w, h, s)
    if rule.kind == "claude":
        if claude_tokens(*size) > rule.max_tokens:
            s = min(s, math.sqrt(rule.max_tokens * 784 / (w * h)))
            size = _scaled(w, h, s)
        size = _shrink_until(w, h, size, lambda a, b: claude_tokens(a, b) <= rule.max_tokens)
    elif rule.kind == "openai-patch":
        def patches(a: int, b: int) -> int:
            return math.ceil(a / 32) * math.ceil(b / 32)
        if patches(*size) > rule.patch_budget:
            s = min(s, math.sqrt(rule.patch_budget * 1024 / (w * h)))
            size = _scaled(w, h, s)
        size = _shrink_until(w, h, size, lambda a, b: patches(a, b) <= rule.patch_budget)
    elif rule.round_to:
        q = rule.round_to
        size = tuple(max(q, (v // q) * q) if v >= q else v for v in size)  # type: ignore[assignment]
    return size


def estimate_tokens(rule: ImageRule, w: int, h: int) -> int:
    """Input tokens the provider counts for an image sent at w x h (already sized)."""
    if rule.kind == "claude":
        return claude_tokens(w, h)
    if rule.kind == "openai-tile":
        return rule.tile_base + rule.tile_tokens * math.ceil(w / 512) * math.ceil(h / 512)
    if rule.kind == "openai-patch":
        patches = min(rule.patch_budget, math.ceil(w / 32) * math.ceil(h / 32))
        return math.ceil(patches * rule.multiplier)
    return math.ceil(w / 28) * math.ceil(h / 28)


@dataclass(frozen=True, slots=True)
class PreparedImage:
    data: bytes
    media_type: str  # image/jpeg or image/png
    sent_size: tuple[int, int]
    displayed_size: tuple[int, int]
    orientation: int
    estimated_tokens: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def scale(self) -> tuple[float, float]:
        """Multiply sent-image x, y by these to get displayed-frame pixels."""
        return (self.displayed_size[0] / self.sent_size[0],
                self.displayed_size[1] / self.sent_size[1])

    @property
    def base64_size(self) -> int:
        return 4 * math.ceil(len(self.data) / 3)


def _open(path: Path) -> Any:
    from PIL import Image

    if path.suffix.lower() in (".heic", ".heif", ".avif"):
        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
        except ImportError:  # pragma: no cover - declared dependency
            pass
    try:
        return Image.open(path)
    except FileNotFoundError as exc:
        raise ProviderError(N_("errors", "The image {path} does not exist."), kind="image",
                            path=str(path)) from exc
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        raise ProviderError(N_("errors", "The image {name} could not be read: {reason}"),
                            kind="image", name=path.name, reason=_problem(path, exc)) from exc


def _problem(path: Path, exc: BaseException) -> Any:
    """Why Pillow could not open the file: the folder reader's image problem when it finds one
    ("not an image", "truncated JPEG": marked, so the window translates it), else Pillow's
    words."""
    from ..folder.imaging import ImageProblem, read_header

    try:
        read_header(path)
    except ImageProblem as problem:
        return problem
    return str(exc)


def _oriented_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def load_oriented(path: str | Path, *, target: Any = None, orientation: int | None = None,
                  max_side: int | None = None) -> tuple[Any, int, tuple[int, int]]:
    """Decode an image in its displayed orientation, reduced as early as possible.

    `target(w, h) -> (tw, th)` computes the wanted displayed size from the displayed size;
    or pass `max_side`. Returns (PIL image at the wanted size, orientation, displayed size).
    """
    from PIL import Image

    path = Path(path)
    img = _open(path)
    try:
        if orientation is None:
            try:
                orientation = int(img.getexif().get(_ORIENTATION_TAG, 1) or 1)
            except Exception:  # noqa: BLE001 - corrupt EXIF: show the image as stored
                orientation = 1
        if orientation not in range(1, 9):
            orientation = 1
        displayed = _oriented_size(img.size, orientation)
        if target is not None:
            want = target(*displayed)
        elif max_side:
            s = min(1.0, max_side / max(displayed))
            want = _scaled(*displayed, s)
        else:
            want = displayed
        raw_want = _oriented_size(want, orientation)
        if img.format == "JPEG" and want != displayed:
            img.draft("RGB", raw_want)  # decoder-level 1/2..1/8 reduction, never below want
        try:
            img.load()
        except (OSError, Image.DecompressionBombError, ValueError) as exc:
            raise ProviderError(N_("errors", "The image {name} could not be decoded: {reason}"),
                                kind="image", name=path.name, reason=str(exc)) from exc
        if orientation != 1:
            img = img.transpose(getattr(Image.Transpose, _TRANSPOSE[orientation]))
        if img.size != want:
            img = img.resize(want, Image.Resampling.LANCZOS, reducing_gap=3.0)
        return img, orientation, displayed
    except BaseException:
        img.close()
        raise


def _has_alpha(img: Any) -> bool:
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        alpha = img.convert("RGBA").getchannel("A")
        return alpha.getextrema()[0] < 255
    return False


def encode(img: Any, *, max_base64_bytes: int, quality: int = 90
           ) -> tuple[bytes, str, Any, tuple[str, ...]]:
    """Encode to PNG (if transparent) or JPEG within the byte limit, shrinking if needed."""
    from PIL import Image

    notes: list[str] = []

    def fits(data: bytes) -> bool:
        return 4 * math.ceil(len(data) / 3) <= max_base64_bytes

    if _has_alpha(img):
        buf = io.BytesIO()
        img.convert("RGBA").save(buf, "PNG", optimize=False, compress_level=6)
        if fits(buf.getvalue()):
            return buf.getvalue(), "image/png", img, tuple(notes)
        notes.append("transparent image too large as PNG; sent as JPEG on white")
        flat = Image.new("RGB", img.size, (255, 255, 255))
        flat.paste(img.convert("RGBA"), mask=img.convert("RGBA").getchannel("A"))
        img = flat
    rgb = img if img.mode == "RGB" else img.convert("RGB")
    while True:
        for q in (quality, 80, 70, 60, 50):
            buf = io.BytesIO()
            rgb.save(buf, "JPEG", quality=q)
            if fits(buf.getvalue()):
                if q != quality:
                    notes.append(f"JPEG quality lowered to {q} to fit the byte limit")
                return buf.getvalue(), "image/jpeg", rgb, tuple(notes)
        if max(rgb.size) <= 64:
            raise ProviderError(N_("errors", "The image cannot be encoded within the provider's "
                                   "size limit."), kind="image")
        w, h = rgb.size
        rgb = rgb.resize(_scaled(w, h, 0.8), Image.Resampling.LANCZOS)
        notes.append(f"image shrunk to {rgb.size[0]} x {rgb.size[1]} to fit the byte limit")


def prepare_image(path: str | Path, rule: ImageRule | str, *, max_side: int | None = None,
                  orientation: int | None = None) -> PreparedImage:
    """Decode, orient, resize and encode `path` for a provider with `rule`."""
    if isinstance(rule, str):
        rule = RULES.get(rule) or ImageRule(kind=rule)
    img, orient, displayed = load_oriented(
        path, orientation=orientation,
        target=lambda w, h: target_size(rule, w, h, max_side))
    try:
        data, media_type, final, notes = encode(img, max_base64_bytes=rule.max_base64_bytes)
    finally:
        img.close()
    return PreparedImage(data=data, media_type=media_type, sent_size=final.size,
                         displayed_size=displayed, orientation=orient,
                         estimated_tokens=estimate_tokens(rule, *final.size), notes=notes)
