"""Reading the user's images safely: headers without decoding, decodes the right way up.

Frames: the *stored* frame is the pixel grid as encoded; the *displayed* frame is after the EXIF
orientation (1-8) is applied. `Header.width/height` and everything `open_oriented` returns are in the
displayed frame. The user's files are only ever read.

Every failure the user can cause (an empty, damaged, truncated or oversized file) raises
`ImageProblem`, whose text is one short sentence for the image list and the CLI. A file that is gone
raises `FileMissing` (a subclass), so a scan can mark it missing rather than unreadable.

Headers of JPEG and PNG files (nearly every folder) are parsed in plain Python by `headers`, about
five times faster than `PIL.Image.open`; anything unusual in them falls back to Pillow here, so both
readers agree (tests compare them). The orientation comes from EXIF, else from XMP
`tiff:Orientation`, as Pillow's `getexif` does. The exceptions and the size limit live in
`image_problems`; this module re-exports them, so callers import everything from here.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from struct import error as struct_error

from PIL import Image, UnidentifiedImageError

from ..i18n import N_
from .headers import (
    END_MARKERS,
    OPEN_FLAGS,
    fast_header,
    reaches_end,
    valid_orientation,
    xmp_orientation,
)
from .problems import (
    DAMAGED_HEADER,
    DAMAGED_IMAGE,
    FIRST_FRAME,
    TOO_MANY_PIXELS,
    TOO_MANY_UNKNOWN,
    TRUNCATED,
    FileMissing,
    ImageProblem,
    cannot_read,
    damaged,
    pixel_limit,
    too_large,
    truncated,
)

_fast_header = fast_header  # its name before it moved to `headers`; tests still use it

log = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".gif", ".heic", ".heif"}
)
HEIF_EXTENSIONS = frozenset({".heic", ".heif"})

# Our own guard replaces Pillow's warning between 1x and 2x MAX_IMAGE_PIXELS; above 2x both refuse.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_MAGIC = (
    (b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF8", "GIF"),
    (b"BM", "BMP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
)
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")


@dataclass(frozen=True)
class Header:
    """What a scan needs to know about an image, in the displayed frame."""

    width: int
    height: int
    orientation: int  # EXIF 1-8; 1 when absent or invalid
    format: str  # Pillow's name: JPEG, PNG, GIF, TIFF, WEBP, BMP, HEIF, MPO
    frames: int
    mode: str  # Pillow's mode of the stored image (RGB, L, CMYK, P, I;16, ...)

    @property
    def note(self) -> str | None:
        """A remark for the image list (not a failure): multi-frame files show one frame."""
        return frames_note(self.format, self.frames)


def frames_note(fmt: str, frames: int) -> str | None:
    if frames > 1 and fmt != "MPO":  # the extra pictures of an MPO are camera previews
        return FIRST_FRAME.format(frames=frames)
    return None


# -- limits ---------------------------------------------------------------------------------
def _bomb_problem(path: str | Path, exc: Exception) -> ImageProblem:
    """The decompression-bomb refusal with the image's size when we can read it ourselves."""
    try:
        fast = fast_header(path, sizing_only=True)
    except ImageProblem:
        fast = None
    if fast is not None:
        problem = too_large(fast[0], fast[1])
        if problem is not None:
            return problem
    limit = pixel_limit() or 0
    m = re.search(r"\((\d+) pixels\)", str(exc))
    if m:
        return ImageProblem(TOO_MANY_PIXELS, megapixels=int(m[1]) // 1_000_000,
                            limit=limit // 1_000_000)
    return ImageProblem(TOO_MANY_UNKNOWN, limit=limit // 1_000_000)


# -- HEIF -------------------------------------------------------------------------------------
_heif_lock = threading.Lock()
_heif_state: bool | None = None  # None: not tried yet


def heif_available() -> bool:
    """Register pillow-heif with Pillow on first use; False when it cannot be loaded."""
    global _heif_state
    if _heif_state is None:
        with _heif_lock:
            if _heif_state is None:
                try:
                    import pillow_heif

                    pillow_heif.register_heif_opener()
                    _heif_state = True
                except Exception:  # noqa: BLE001 - a missing or broken optional codec
                    log.warning("HEIF support unavailable", exc_info=True)
                    _heif_state = False
    return _heif_state


def _looks_heif(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS



# -- Pillow ---------------------------------------------------------------------------------
def _orientation(im: Image.Image) -> int:
    """EXIF orientation the way Pillow's getexif finds it, without decoding pixels."""
    try:
        if hasattr(im, "tag_v2"):  # TIFF: the tag lives in the image's own IFD
            value = im.getexif().get(0x0112)
        else:
            data = im.info.get("exif")
            if data is None and "Raw profile type exif" in im.info:
                data = bytes.fromhex("".join(im.info["Raw profile type exif"].split("\n")[3:]))
            exif = Image.Exif()
            if data:
                exif.load(data)
            value = exif.get(0x0112)
            if value is None:
                xmp = im.info.get("XML:com.adobe.xmp") or im.info.get("xmp")
                value = xmp_orientation(xmp.encode() if isinstance(xmp, str) else xmp)
    except Exception:  # noqa: BLE001 - damaged metadata must not make the image unreadable
        log.info("unreadable EXIF in %s", getattr(im, "filename", "?"), exc_info=True)
        return 1
    return valid_orientation(value)


def _identify_problem(path: str | Path, exc: Exception) -> ImageProblem:
    """Why Pillow could not recognise a file, in one sentence."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(32)
    except OSError:
        head = b""
    if not head:
        return ImageProblem(N_("image_problems", "empty file (0 bytes)"))
    if _looks_heif(head):
        if not heif_available():
            return ImageProblem(N_("image_problems", "HEIF image, but HEIF support (pillow-heif) is not available"))
        return ImageProblem(N_("image_problems", "damaged HEIF file: its header cannot be read"))
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return ImageProblem(DAMAGED_HEADER, format=fmt)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ImageProblem(N_("image_problems", "damaged WEBP file: its header cannot be read"))
    return ImageProblem(N_("image_problems", "not an image"))


def _pillow_open(path: str | Path) -> Image.Image:
    """PIL.Image.open with our exceptions. The caller closes the image."""
    if Path(path).suffix.lower() in HEIF_EXTENSIONS:
        heif_available()
    for attempt in (0, 1):
        try:
            return Image.open(path)
        except FileNotFoundError as exc:
            raise FileMissing() from exc
        except IsADirectoryError as exc:
            raise ImageProblem(N_("image_problems", "not a file (a folder)")) from exc
        except PermissionError as exc:
            raise ImageProblem(N_("image_problems", "permission denied: the file cannot be read")) from exc
        except Image.DecompressionBombError as exc:
            raise _bomb_problem(path, exc) from exc
        except UnidentifiedImageError as exc:
            if attempt == 0 and _heif_state is None:
                try:
                    with open(path, "rb") as fh:
                        heif = _looks_heif(fh.read(16))
                except OSError:
                    heif = False
                if heif and heif_available():
                    continue  # a HEIF file under another extension: try again with the codec
            raise _identify_problem(path, exc) from exc
        except (OSError, SyntaxError, ValueError, EOFError, struct_error) as exc:
            log.info("cannot open %s", path, exc_info=True)
            raise ImageProblem(DAMAGED_IMAGE, reason=str(exc)) from exc
    raise AssertionError("unreachable")


def _decode_problem(fmt: str, exc: Exception) -> ImageProblem:
    text = str(exc)
    if isinstance(exc, EOFError) or "truncated" in text.lower():
        return ImageProblem(TRUNCATED, format=fmt)
    if isinstance(exc, MemoryError):
        return ImageProblem(N_("image_problems", "not enough memory to decode this image"))
    return damaged(fmt, exc)


def _stored_size(im: Image.Image) -> tuple[int, int]:
    """Size of the stored frame. Recent Pillow reports TIFF sizes already oriented."""
    tags = getattr(im, "tag_v2", None)
    if tags is not None:
        w, h = tags.get(256), tags.get(257)
        if isinstance(w, int) and isinstance(h, int) and {w, h} == set(im.size):
            return w, h
    return im.size


def _pillow_header(path: str | Path) -> Header:
    im = _pillow_open(path)
    try:
        w, h = _stored_size(im)
        if (problem := too_large(w, h)) is not None:
            raise problem
        orientation = _orientation(im)
        fmt = im.format or "unknown"
        try:
            frames = int(getattr(im, "n_frames", 1) or 1)
        except Exception as exc:  # noqa: BLE001 - a damaged frame table
            raise _decode_problem(fmt, exc) from exc
        mode = im.mode
    finally:
        im.close()
    if fmt in END_MARKERS:
        try:
            fd = os.open(path, OPEN_FLAGS)
            try:
                complete = reaches_end(fd, fmt, 0, b"", False)
            finally:
                os.close(fd)
        except OSError as exc:
            raise cannot_read(exc) from exc
        if not complete:
            raise truncated(fmt)
    if orientation in (5, 6, 7, 8):
        w, h = h, w
    return Header(w, h, orientation, fmt, frames, mode)


def read_header(path: Path | str) -> Header:
    """Oriented size, orientation, format, frame count and mode; never decodes pixels.

    JPEG and PNG files are also checked for their end marker, so a file cut short (an interrupted
    copy or download) is reported as truncated here rather than when it is first shown.
    """
    return Header(*header_fields(path))


def header_fields(path: Path | str, *, with_stat: bool = False) -> tuple:
    """`read_header` as a plain tuple (width, height, orientation, format, frames, mode), for
    scans of many files. Same rules, same exceptions. `with_stat` appends (size, mtime_ns)."""
    fast = fast_header(path, with_stat=with_stat)
    if fast is None:
        stat = None
        if with_stat:
            try:
                st = os.stat(path)  # before the read: a change after it is seen by a rescan
            except FileNotFoundError as exc:
                raise FileMissing() from exc
            except OSError:
                pass  # the read below says what is wrong
            else:
                stat = (st.st_size, st.st_mtime_ns)
        h = _pillow_header(path)
        fields = (h.width, h.height, h.orientation, h.format, h.frames, h.mode)
        return (*fields, stat) if with_stat else fields
    w, h, orientation = fast[:3]
    if orientation > 4:
        return (h, w, *fast[2:])
    return fast


# -- decoding ---------------------------------------------------------------------------------
def _to_8bit(im: Image.Image) -> Image.Image:
    """8-bit RGB, or RGBA when the image has transparency."""
    mode = im.mode
    if mode == "RGBA" or (mode == "RGB" and "transparency" not in im.info):
        return im
    if mode.startswith("I") or mode == "F":
        return _high_depth_to_rgb(im)
    transparent = "transparency" in im.info or "A" in im.getbands() or "a" in im.getbands()
    if mode == "P" and im.palette is not None and im.palette.mode == "RGBA":
        transparent = True
    return im.convert("RGBA" if transparent else "RGB")


def _high_depth_to_rgb(im: Image.Image) -> Image.Image:
    """16-bit and 32-bit grey (I;16, I, F) scaled to 8 bits rather than clipped."""
    import numpy as np

    arr = np.asarray(im)
    if im.mode == "F":
        lo, hi = float(np.nanmin(arr)), float(np.nanmax(arr))
        scaled = (np.nan_to_num(arr) - lo) * (255.0 / (hi - lo) if hi > lo else 0.0)
        out = scaled.clip(0, 255).astype(np.uint8)
    elif im.mode.startswith("I;16") or int(arr.max(initial=0)) > 255:
        out = (arr.astype(np.int64).clip(0, 65535) >> 8).astype(np.uint8)
    else:
        out = arr.clip(0, 255).astype(np.uint8)
    return Image.fromarray(out, "L").convert("RGB")


def open_oriented(path: Path | str, max_side: int | None = None) -> Image.Image:
    """Decode an image the right way up as 8-bit RGB or RGBA (first frame of multi-frame files).

    With `max_side`, the decode is reduced (JPEG draft mode, then an integer box reduction) but
    its long side never drops below `max_side`, and stays under twice that. Callers scale
    to the oriented size from `read_header`. Raises ImageProblem (FileMissing when it is gone).
    """
    im = _pillow_open(path)
    out = im
    try:
        fmt = im.format or "image"
        self_orienting = hasattr(im, "tag_v2")  # recent Pillow turns TIFFs itself while loading
        orientation = 1 if self_orienting else _orientation(im)
        w, h = im.size
        if (problem := too_large(w, h)) is not None:
            raise problem
        if max_side and max(w, h) > max_side and fmt in ("JPEG", "MPO"):
            scale = max_side / max(w, h)
            im.draft(im.mode, (max(1, int(w * scale + 0.999)), max(1, int(h * scale + 0.999))))
        try:
            im.load()
            if self_orienting:
                orientation = _orientation(im)  # 1 when Pillow has applied it already
            out = _to_8bit(im)
            if max_side:  # beyond JPEG's 1/8 draft, or any other format
                factor = max(out.size) // max_side
                if factor >= 2:
                    out = out.reduce(factor)
        except ImageProblem:
            raise
        except Image.DecompressionBombError as exc:
            raise _bomb_problem(path, exc) from exc
        except (OSError, SyntaxError, ValueError, EOFError, IndexError, MemoryError) as exc:
            log.info("cannot decode %s", path, exc_info=True)
            raise _decode_problem(fmt, exc) from exc
        method = _TRANSPOSE.get(orientation)
        if method is not None:
            out = out.transpose(method)
        if out is im:
            if getattr(im, "fp", None) is not None:  # multi-frame files keep their file open
                out = im.copy()
            else:
                return im
        return out
    finally:
        if out is not im:
            im.close()


# -- content hash -----------------------------------------------------------------------------
def file_digest(path: Path | str) -> str:
    """BLAKE2b-256 of the file's bytes, hex; read in 1 MiB blocks."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, lambda: hashlib.blake2b(digest_size=32)).hexdigest()
    except FileNotFoundError as exc:
        raise FileMissing() from exc
    except OSError as exc:
        raise cannot_read(exc) from exc


__all__ = [
    "SUPPORTED_EXTENSIONS", "HEIF_EXTENSIONS", "ImageProblem", "FileMissing", "Header",
    "read_header", "header_fields", "frames_note", "open_oriented", "file_digest", "pixel_limit",
    "heif_available",
]
