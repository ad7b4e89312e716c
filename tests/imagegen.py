"""Small generators of test images, good and bad. Import them from any test: `from imagegen import ...`.

Every function writes one file at `path` (creating parent folders), returns the path, and is
deterministic. Sizes are in pixels of the *stored* frame unless a docstring says otherwise.

Good images: `jpeg`, `png`, `marker_jpeg` / `marker_png` (orientation 1-8, coloured corner markers), `mpo`,
`cmyk_jpeg`, `png16_gray`, `png16_rgb`, `palette_png`, `la_png`, `animated_gif`, `multipage_tiff`,
`webp`, `bmp`, `tiff`, `heic` (None when no HEIF encoder), `strip_png` (1x30000).
Bad files: `zero_byte`, `text_file`, `garbage`, `corrupt_jpeg`, `truncated_jpeg`, `truncated_png`,
`bomb_png`, `bomb_jpeg`, `bomb_gif`. Names: `odd_names()`.
"""

from __future__ import annotations

import io
import random
import struct
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

GREY = (128, 128, 128)
RED = (255, 0, 0)
GREEN = (0, 200, 0)
MARK = 12  # side of the square corner markers of marker_jpeg


def _target(path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def exif_bytes(orientation: int | None = None, **tags: int | str) -> bytes:
    """An EXIF block (for `save(exif=...)`) with the orientation tag and optional extra tags."""
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    names = {"make": 0x010F, "model": 0x0110, "software": 0x0131}
    for name, value in tags.items():
        exif[names[name]] = value
    return exif.tobytes()


def jpeg_bytes(size=(64, 48), color=(90, 140, 200), orientation: int | None = None,
               quality: int = 90, noise: bool = False) -> bytes:
    """A JPEG in memory. `noise` fills it with random pixels (a large entropy-coded section)."""
    if noise:
        rnd = random.Random(size[0] * 7919 + size[1])
        im = Image.frombytes("RGB", size, rnd.randbytes(size[0] * size[1] * 3))
    else:
        im = Image.new("RGB", size, color)
    buf = io.BytesIO()
    kwargs = {"exif": exif_bytes(orientation, make="GlanceLabel", model="imagegen")}
    if orientation is None:
        kwargs = {}
    im.save(buf, "JPEG", quality=quality, **kwargs)
    return buf.getvalue()


def jpeg(path, size=(64, 48), color=(90, 140, 200), orientation: int | None = None,
         quality: int = 90, noise: bool = False) -> Path:
    """A plain JPEG, optionally with an EXIF orientation tag."""
    path = _target(path)
    path.write_bytes(jpeg_bytes(size, color, orientation, quality, noise))
    return path


def marker_image(size=(60, 40)) -> Image.Image:
    """Grey picture with a red square at the top-left and a green one at the top-right corner."""
    im = Image.new("RGB", size, GREY)
    d = ImageDraw.Draw(im)
    d.rectangle((0, 0, MARK - 1, MARK - 1), fill=RED)
    d.rectangle((size[0] - MARK, 0, size[0] - 1, MARK - 1), fill=GREEN)
    return im


def marker_jpeg(path, orientation: int, size=(60, 40), xmp: bool = False) -> Path:
    """`marker_image` stored as JPEG with EXIF orientation (or, with xmp=True, XMP tiff:Orientation).

    In the stored frame the red marker's centre is at (MARK/2, MARK/2) and the green one's at
    (width - MARK/2, MARK/2); after orientation they move as core.geometry maps points.
    """
    path = _target(path)
    im = marker_image(size)
    if xmp:
        packet = (
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
            '22-rdf-syntax-ns#"><rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" '
            f'tiff:Orientation="{orientation}"/></rdf:RDF></x:xmpmeta>'
        ).encode()
        im.save(path, "JPEG", quality=95, xmp=packet)
    else:
        im.save(path, "JPEG", quality=95, exif=exif_bytes(orientation))
    return path


def marker_png(path, orientation: int, size=(60, 40)) -> Path:
    """`marker_image` as a lossless PNG with an eXIf orientation (exact pixels)."""
    path = _target(path)
    marker_image(size).save(path, "PNG", exif=exif_bytes(orientation))
    return path


def mpo(path, size=(40, 30), orientation: int | None = None) -> Path:
    """A two-picture MPO (JPEG with an MPF index, as many cameras write): picture 0 red."""
    path = _target(path)
    ims = [Image.new("RGB", size, RED), Image.new("RGB", size, GREEN)]
    kwargs = {"exif": exif_bytes(orientation)} if orientation is not None else {}
    ims[0].save(path, "MPO", save_all=True, append_images=ims[1:], quality=95, **kwargs)
    return path


def png(path, size=(64, 48), mode: str = "RGB", color=None, orientation: int | None = None) -> Path:
    """A PNG in any Pillow-writable mode, optionally with an eXIf orientation."""
    path = _target(path)
    if color is None:
        color = {"RGB": (10, 200, 30), "RGBA": (10, 200, 30, 128), "L": 100, "LA": (100, 50)}.get(mode, 0)
    kwargs = {"exif": exif_bytes(orientation)} if orientation is not None else {}
    Image.new(mode, size, color).save(path, "PNG", **kwargs)
    return path


def cmyk_jpeg(path, size=(40, 30), cmyk=(0, 255, 255, 0)) -> Path:
    """A CMYK JPEG (Adobe, inverted as Photoshop writes them). Default colour: pure red."""
    path = _target(path)
    Image.new("CMYK", size, cmyk).save(path, "JPEG", quality=95)
    return path


def png16_gray(path, size=(32, 16)) -> Path:
    """16-bit greyscale PNG (mode I;16): left half 0, right half 65535."""
    path = _target(path)
    w, h = size
    row = [0] * (w // 2) + [65535] * (w - w // 2)
    raw = b"".join(b"\x00" + struct.pack(f">{w}H", *row) for _ in range(h))
    _write_png(path, w, h, 16, 0, raw)
    return path


def png16_rgb(path, size=(32, 16), rgb16=(65535, 32768, 0)) -> Path:
    """16-bit-per-channel RGB PNG, one colour (default: orange, 8-bit (255, 128, 0))."""
    path = _target(path)
    w, h = size
    row = b"\x00" + struct.pack(">3H", *rgb16) * w
    _write_png(path, w, h, 16, 2, row * h)
    return path


def palette_png(path, size=(20, 10)) -> Path:
    """Palette PNG with index 0 transparent: left half transparent, right half blue."""
    path = _target(path)
    im = Image.new("P", size, 0)
    im.putpalette([0, 0, 0, 0, 0, 255] + [0] * (256 * 3 - 6))
    ImageDraw.Draw(im).rectangle((size[0] // 2, 0, size[0] - 1, size[1] - 1), fill=1)
    im.save(path, "PNG", transparency=0)
    return path


def la_png(path, size=(20, 10)) -> Path:
    """Grey + alpha PNG (mode LA): grey 200, alpha 100."""
    path = _target(path)
    Image.new("LA", size, (200, 100)).save(path, "PNG")
    return path


FRAME_COLORS = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0), (0, 255, 255), (255, 0, 255)]


def animated_gif(path, frames: int = 3, size=(24, 16)) -> Path:
    """Animated GIF; frame i is FRAME_COLORS[i % 6] (frame 0 red)."""
    path = _target(path)
    ims = [Image.new("RGB", size, FRAME_COLORS[i % 6]) for i in range(frames)]
    ims[0].save(path, "GIF", save_all=True, append_images=ims[1:], duration=100, loop=0)
    return path


def multipage_tiff(path, pages: int = 3, size=(24, 16)) -> Path:
    """Multi-page TIFF; page i is FRAME_COLORS[i % 6] (page 0 red)."""
    path = _target(path)
    ims = [Image.new("RGB", size, FRAME_COLORS[i % 6]) for i in range(pages)]
    ims[0].save(path, "TIFF", save_all=True, append_images=ims[1:])
    return path


def tiff(path, size=(30, 20), orientation: int | None = None) -> Path:
    """Single-page RGB TIFF, optionally with the orientation tag."""
    path = _target(path)
    im = Image.new("RGB", size, (30, 60, 90))
    kwargs = {"exif": exif_bytes(orientation)} if orientation is not None else {}
    im.save(path, "TIFF", **kwargs)
    return path


def webp(path, size=(30, 20), orientation: int | None = None) -> Path:
    path = _target(path)
    kwargs = {"exif": exif_bytes(orientation)} if orientation is not None else {}
    Image.new("RGB", size, (200, 100, 50)).save(path, "WEBP", quality=90, **kwargs)
    return path


def bmp(path, size=(30, 20)) -> Path:
    path = _target(path)
    Image.new("RGB", size, (50, 100, 200)).save(path, "BMP")
    return path


def heic(path, size=(64, 48), orientation: int | None = None) -> Path | None:
    """A HEIC file through pillow-heif, or None when this machine cannot encode HEIF."""
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
        path = _target(path)
        kwargs = {"exif": exif_bytes(orientation)} if orientation is not None else {}
        Image.new("RGB", size, (200, 30, 30)).save(path, "HEIF", quality=90, **kwargs)
    except Exception:  # noqa: BLE001 - no encoder in this build
        return None
    return path


def strip_png(path, width: int = 1, height: int = 30000) -> Path:
    """A very long thin image: many pixels on one side, few in total (not a bomb)."""
    path = _target(path)
    Image.new("L", (width, height), 90).save(path, "PNG")
    return path


# -- bad files ----------------------------------------------------------------------------------
def zero_byte(path) -> Path:
    path = _target(path)
    path.write_bytes(b"")
    return path


def text_file(path, text: str = "this is not an image\n") -> Path:
    """Plain text under an image extension (a wrong-extension file)."""
    path = _target(path)
    path.write_text(text, encoding="utf-8")
    return path


def garbage(path, size: int = 2048, seed: int = 1) -> Path:
    """Random bytes with no known signature."""
    path = _target(path)
    data = bytearray(random.Random(seed).randbytes(size))
    data[:4] = b"\x00GLx"
    path.write_bytes(bytes(data))
    return path


def corrupt_jpeg(path, seed: int = 2) -> Path:
    """A JPEG signature followed by random bytes: the header cannot be parsed."""
    path = _target(path)
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + random.Random(seed).randbytes(3000))
    return path


def truncated_jpeg(path, keep: float = 0.5, size=(256, 192)) -> Path:
    """A noisy JPEG cut after `keep` of its bytes (header intact, scan data missing)."""
    path = _target(path)
    data = jpeg_bytes(size, noise=True, quality=95)
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def truncated_png(path, keep: float = 0.5, size=(128, 96)) -> Path:
    path = _target(path)
    rnd = random.Random(3)
    buf = io.BytesIO()
    Image.frombytes("RGB", size, rnd.randbytes(size[0] * size[1] * 3)).save(buf, "PNG")
    data = buf.getvalue()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def bomb_png(path, width: int = 30000, height: int = 30000) -> Path:
    """A PNG whose header claims width x height pixels (a tiny file: a decompression bomb)."""
    path = _target(path)
    _write_png(path, width, height, 8, 0, b"", compress=False)
    return path


def bomb_jpeg(path, width: int = 30000, height: int = 30000) -> Path:
    """A small JPEG whose frame header is patched to claim width x height pixels."""
    path = _target(path)
    data = bytearray(jpeg_bytes((16, 16)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    path.write_bytes(bytes(data))
    return path


def bomb_gif(path, width: int = 65535, height: int = 65535) -> Path:
    """A GIF whose screen and frame sizes are patched to width x height (read by Pillow)."""
    path = _target(path)
    buf = io.BytesIO()
    Image.new("P", (8, 8), 0).save(buf, "GIF")
    data = bytearray(buf.getvalue())
    data[6:10] = struct.pack("<HH", width, height)
    desc = data.index(b"\x2c")
    data[desc + 5 : desc + 9] = struct.pack("<HH", width, height)
    path.write_bytes(bytes(data))
    return path


# -- names --------------------------------------------------------------------------------------
def odd_names() -> list[str]:
    """File names that trip naive code: non-ASCII, spaces, quotes, upper-case extensions."""
    names = [
        "café.jpg", "日本語の写真.jpg", "Ünïcödé Ñame.JPG", "emoji 😀.jpeg", "space name.png",
        "quote's \"double\".jpg", "semi;colon&amp.jpg", "percent%20hash#.jpg", "dash-and_under.JPEG",
        "very " + "long " * 30 + "name.jpg", "(parens) [brackets] {braces}.png", "trailing.dots..jpg",
    ]
    if sys.platform != "win32":
        names += ["back\\slash.jpg", "colon:name.jpg", "tab\tname.jpg", "new\nline.jpg"]
    return names


# -- raw PNG writer (for bit depths Pillow does not write) ----------------------------------------
def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _write_png(path: Path, w: int, h: int, depth: int, color_type: int, raw: bytes,
               compress: bool = True) -> None:
    ihdr = struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0, 0)
    idat = zlib.compress(raw) if compress else zlib.compress(b"\x00" * 16)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )
