"""Imaging: oriented headers and decodes, every odd mode to 8-bit, every bad file to one sentence."""

from __future__ import annotations

import hashlib

import pytest
from PIL import Image, ImageOps

import imagegen as g
from glancelabel.core.folder import imaging
from glancelabel.core.folder.imaging import (
    FileMissing,
    Header,
    ImageProblem,
    open_oriented,
    read_header,
)
from glancelabel.core.geometry import oriented_size, stored_point_to_displayed

ORIENTATIONS = range(1, 9)


def near(pixel, color, tol=40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel[:3], color, strict=True))


def marker_centres(w: int, h: int, orientation: int):
    """Where the red and green marker centres of imagegen.marker_image land after orientation."""
    half = g.MARK / 2
    red = stored_point_to_displayed(half, half, w, h, orientation)
    green = stored_point_to_displayed(w - half, half, w, h, orientation)
    return [(int(red[0]), int(red[1])), (int(green[0]), int(green[1]))]


# -- orientation --------------------------------------------------------------------------------
@pytest.mark.parametrize("orientation", ORIENTATIONS)
@pytest.mark.parametrize("source", ["exif", "xmp", "png", "tiff", "webp"])
def test_orientation_gives_oriented_size_and_pixels(tmp_path, orientation, source):
    size = (60, 40)
    if source == "png":
        path = g.marker_png(tmp_path / "m.png", orientation, size)
    elif source in ("tiff", "webp"):
        path = tmp_path / f"m.{source}"
        g.marker_image(size).save(path, exif=g.exif_bytes(orientation), lossless=True)
    else:
        path = g.marker_jpeg(tmp_path / "m.jpg", orientation, size, xmp=source == "xmp")
    expected = oriented_size(*size, orientation)

    header = read_header(path)
    assert (header.width, header.height) == expected
    assert header.orientation == orientation

    im = open_oriented(path)
    assert im.mode == "RGB" and im.size == expected
    red_at, green_at = marker_centres(*size, orientation)
    assert near(im.getpixel(red_at), g.RED), (orientation, red_at)
    assert near(im.getpixel(green_at), g.GREEN), (orientation, green_at)
    # the two other corners are background
    w, h = expected
    for corner in [(3, 3), (w - 4, 3), (3, h - 4), (w - 4, h - 4)]:
        if abs(corner[0] - red_at[0]) > g.MARK and abs(corner[0] - green_at[0]) > g.MARK or (
            abs(corner[1] - red_at[1]) > g.MARK and abs(corner[1] - green_at[1]) > g.MARK
        ):
            assert near(im.getpixel(corner), g.GREY), corner


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_orientation_matches_pillow_exif_transpose(tmp_path, orientation):
    path = g.marker_png(tmp_path / "m.png", orientation, (31, 17))
    with Image.open(path) as ref:
        expected = ImageOps.exif_transpose(ref).convert("RGB")
    assert open_oriented(path).tobytes() == expected.tobytes()


@pytest.mark.parametrize("value", [0, 9, 255])
def test_invalid_orientation_counts_as_upright(tmp_path, value):
    path = g.jpeg(tmp_path / "bad.jpg", size=(30, 20), orientation=value)
    assert read_header(path) == Header(30, 20, 1, "JPEG", 1, "RGB")
    assert open_oriented(path).size == (30, 20)


@pytest.mark.parametrize("make,fmt", [(g.tiff, "TIFF"), (g.webp, "WEBP")])
def test_orientation_in_other_formats(tmp_path, make, fmt):
    path = make(tmp_path / f"x.{fmt.lower()}", size=(30, 20), orientation=6)
    header = read_header(path)
    assert (header.width, header.height, header.orientation, header.format) == (20, 30, 6, fmt)
    assert open_oriented(path).size == (20, 30)


def test_heic_when_available(tmp_path):
    path = g.heic(tmp_path / "photo.heic", size=(64, 48))
    if path is None:
        pytest.skip("this pillow-heif build cannot encode HEIF")
    header = read_header(path)
    assert header.format == "HEIF" and (header.width, header.height) == (64, 48)
    im = open_oriented(path)
    assert im.size == (64, 48) and near(im.getpixel((10, 10)), (200, 30, 30))


def test_heic_under_another_extension(tmp_path):
    path = g.heic(tmp_path / "photo.heic")
    if path is None:
        pytest.skip("this pillow-heif build cannot encode HEIF")
    renamed = path.rename(tmp_path / "photo.jpg")
    assert read_header(renamed).format == "HEIF"


# -- the fast reader agrees with Pillow ----------------------------------------------------------
CORPUS = {
    "jpeg": lambda p: g.jpeg(p / "a.jpg"),
    "jpeg_exif6": lambda p: g.jpeg(p / "a.jpg", orientation=6),
    "jpeg_noise": lambda p: g.jpeg(p / "a.jpg", size=(300, 200), noise=True),
    "jpeg_xmp8": lambda p: g.marker_jpeg(p / "a.jpg", 8, xmp=True),
    "cmyk": lambda p: g.cmyk_jpeg(p / "a.jpg"),
    "grey_jpeg": lambda p: _save(p / "a.jpg", Image.new("L", (20, 10), 50), "JPEG"),
    "png": lambda p: g.png(p / "a.png"),
    "png_rgba": lambda p: g.png(p / "a.png", mode="RGBA"),
    "png_exif5": lambda p: g.png(p / "a.png", orientation=5),
    "png16_gray": lambda p: g.png16_gray(p / "a.png"),
    "png16_rgb": lambda p: g.png16_rgb(p / "a.png"),
    "palette": lambda p: g.palette_png(p / "a.png"),
    "la": lambda p: g.la_png(p / "a.png"),
    "png_text": lambda p: _png_with_text(p / "a.png"),
    "png_one_bit": lambda p: _save(p / "a.png", Image.new("1", (9, 7), 1), "PNG"),
    "strip": lambda p: g.strip_png(p / "a.png"),
}


def _save(path, im, fmt):
    im.save(path, fmt)
    return path


def _png_with_text(path):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "imagegen")
    info.add_text("Comment", "x" * 100, zip=True)
    Image.new("RGB", (12, 8)).save(path, "PNG", pnginfo=info)
    return path


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_fast_header_agrees_with_pillow(tmp_path, name):
    path = CORPUS[name](tmp_path)
    fast = imaging._fast_header(path)
    assert fast is not None, "JPEG and PNG files this ordinary should not need Pillow"
    assert read_header(path) == imaging._pillow_header(path)


def test_png_with_exif_in_a_text_chunk_is_left_to_pillow(tmp_path):
    from PIL import PngImagePlugin

    exif = g.exif_bytes(6)
    info = PngImagePlugin.PngInfo()
    info.add_text("Raw profile type exif", f"\nexif\n{len(exif):8}\n{exif.hex()}\n")
    path = tmp_path / "im.png"
    Image.new("RGB", (30, 20)).save(path, "PNG", pnginfo=info)
    assert imaging._fast_header(path) is None
    assert read_header(path) == Header(20, 30, 6, "PNG", 1, "RGB")


def test_mpo_is_read_by_pillow_and_shows_its_first_picture(tmp_path):
    path = g.mpo(tmp_path / "camera.jpg", size=(40, 30), orientation=6)
    header = read_header(path)
    assert header == Header(30, 40, 6, "MPO", 2, "RGB")
    assert header.note is None  # extra MPO pictures are camera previews, not frames to mention
    im = open_oriented(path)
    assert im.size == (30, 40) and near(im.getpixel((15, 20)), g.RED)


# -- modes ---------------------------------------------------------------------------------------
def test_cmyk_decodes_to_rgb(tmp_path):
    im = open_oriented(g.cmyk_jpeg(tmp_path / "cmyk.jpg"))
    assert im.mode == "RGB"
    assert near(im.getpixel((5, 5)), (255, 0, 0))


def test_16_bit_grey_is_scaled_not_clipped(tmp_path):
    path = g.png16_gray(tmp_path / "g16.png", size=(32, 16))
    assert read_header(path).mode == "I;16"
    im = open_oriented(path)
    assert im.mode == "RGB"
    assert im.getpixel((2, 2)) == (0, 0, 0)
    assert im.getpixel((30, 2)) == (255, 255, 255)


def test_16_bit_rgb_decodes_to_8_bit(tmp_path):
    im = open_oriented(g.png16_rgb(tmp_path / "c16.png", rgb16=(65535, 32768, 0)))
    assert im.mode == "RGB"
    assert im.getpixel((3, 3)) == (255, 128, 0)


def test_32_bit_integer_and_float_grey(tmp_path):
    ints = Image.new("I", (10, 4), 0)
    ints.paste(65535, (5, 0, 10, 4))
    ints.save(tmp_path / "i32.tif")
    im = open_oriented(tmp_path / "i32.tif")
    assert im.mode == "RGB" and im.getpixel((1, 1)) == (0, 0, 0) and im.getpixel((8, 1)) == (255,) * 3
    floats = Image.new("F", (10, 4), 0.0)
    floats.paste(0.5, (5, 0, 10, 4))
    floats.save(tmp_path / "f32.tif")
    im = open_oriented(tmp_path / "f32.tif")
    assert im.getpixel((1, 1)) == (0, 0, 0) and im.getpixel((8, 1)) == (255,) * 3


def test_palette_with_transparency_keeps_alpha(tmp_path):
    im = open_oriented(g.palette_png(tmp_path / "p.png", size=(20, 10)))
    assert im.mode == "RGBA"
    assert im.getpixel((2, 5))[3] == 0
    assert im.getpixel((15, 5)) == (0, 0, 255, 255)


def test_grey_with_alpha_becomes_rgba(tmp_path):
    im = open_oriented(g.la_png(tmp_path / "la.png"))
    assert im.mode == "RGBA" and im.getpixel((1, 1)) == (200, 200, 200, 100)


@pytest.mark.parametrize("mode", ["1", "L", "P", "RGBA", "I;16"])
def test_every_mode_comes_out_8_bit(tmp_path, mode):
    path = tmp_path / "m.png"
    Image.new(mode, (8, 8)).save(path)
    assert open_oriented(path).mode in ("RGB", "RGBA")


@pytest.mark.parametrize("make,fmt,frames", [(g.animated_gif, "GIF", 12), (g.multipage_tiff, "TIFF", 4)])
def test_multi_frame_files_show_the_first_frame(tmp_path, make, fmt, frames):
    path = make(tmp_path / f"multi.{fmt.lower()}", frames)
    header = read_header(path)
    assert (header.format, header.frames) == (fmt, frames)
    assert header.note == f"first frame of {frames} shown"
    im = open_oriented(path)
    assert im.mode in ("RGB", "RGBA") and near(im.getpixel((3, 3)), g.FRAME_COLORS[0])


def test_single_frame_has_no_note(tmp_path):
    assert read_header(g.jpeg(tmp_path / "a.jpg")).note is None


def test_bmp_and_odd_content_under_a_wrong_extension(tmp_path):
    assert read_header(g.bmp(tmp_path / "a.bmp")).format == "BMP"
    png_named_jpg = g.png(tmp_path / "really_a_png.jpg")
    assert read_header(png_named_jpg).format == "PNG"
    assert open_oriented(png_named_jpg).size == (64, 48)


# -- reduced decodes ------------------------------------------------------------------------------
@pytest.mark.parametrize("orientation", [1, 6])
@pytest.mark.parametrize("max_side", [100, 333, 700, 2000])
def test_draft_decode_never_goes_below_max_side(tmp_path, orientation, max_side):
    path = g.jpeg(tmp_path / "big.jpg", size=(1600, 1200), noise=True, orientation=orientation)
    full = oriented_size(1600, 1200, orientation)
    im = open_oriented(path, max_side=max_side)
    long_side = max(im.size)
    if max_side >= 1600:
        assert im.size == full
    else:
        assert max_side <= long_side < 2 * max_side
        # aspect ratio and orientation kept
        assert (im.size[0] > im.size[1]) == (full[0] > full[1])


def test_non_jpeg_reduction_keeps_max_side(tmp_path):
    path = g.png(tmp_path / "big.png", size=(1000, 600))
    im = open_oriented(path, max_side=300)
    assert 300 <= max(im.size) < 600
    assert open_oriented(path, max_side=800).size == (1000, 600)


# -- bad files ------------------------------------------------------------------------------------
BAD = {
    "zero_byte": (g.zero_byte, "z.jpg", "empty file (0 bytes)"),
    "text": (g.text_file, "t.jpg", "not an image"),
    "garbage": (g.garbage, "g.png", "not an image"),
    "corrupt_jpeg": (g.corrupt_jpeg, "c.jpg", "damaged JPEG file: its header cannot be read"),
    "truncated_jpeg": (g.truncated_jpeg, "tr.jpg", "truncated JPEG"),
    "truncated_png": (g.truncated_png, "tr.png", "truncated PNG"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_raise_one_sentence(tmp_path, name):
    make, filename, message = BAD[name]
    path = make(tmp_path / filename)
    with pytest.raises(ImageProblem) as header_exc:
        read_header(path)
    assert str(header_exc.value) == message
    with pytest.raises(ImageProblem) as open_exc:
        open_oriented(path)
    assert str(open_exc.value) == message
    assert not isinstance(header_exc.value, FileMissing)


def test_a_truncated_jpeg_with_only_a_little_missing(tmp_path):
    path = g.truncated_jpeg(tmp_path / "t.jpg", keep=0.97)
    with pytest.raises(ImageProblem, match="truncated JPEG"):
        read_header(path)


def test_a_long_trailer_like_a_motion_photo_is_harmless(tmp_path):
    path = g.jpeg(tmp_path / "MVIMG_0001.jpg", size=(300, 200), noise=True)
    video = b"\x00\x00\x00\x18ftypmp42" + bytes(range(0, 250)) * 2000  # 500 kB, no end marker
    path.write_bytes(path.read_bytes() + video)
    assert read_header(path).format == "JPEG"
    assert open_oriented(path).size == (300, 200)


def test_truncated_files_are_found_without_decoding(tmp_path, monkeypatch):
    big = g.jpeg(tmp_path / "big.jpg", size=(1200, 900), noise=True)
    big.write_bytes(big.read_bytes()[:-5000])
    paths = [big, g.truncated_png(tmp_path / "t.png"), g.truncated_jpeg(tmp_path / "t.jpg")]
    monkeypatch.setattr(Image.Image, "load", lambda self: pytest.fail("decoded pixels"))
    for path in paths:
        with pytest.raises(ImageProblem, match="^truncated (JPEG|PNG)$"):
            read_header(path)


def test_trailing_bytes_after_the_image_are_harmless(tmp_path):
    path = g.jpeg(tmp_path / "trailer.jpg", size=(64, 48), noise=True)
    path.write_bytes(path.read_bytes() + b"SAMSUNG-TRAILER" * 20 + b"\x00" * 30)
    assert read_header(path).format == "JPEG"
    padded = g.png(tmp_path / "padded.png")
    padded.write_bytes(padded.read_bytes() + b"\x00" * 100)
    assert read_header(padded).format == "PNG"


@pytest.mark.parametrize("make", [g.bomb_png, g.bomb_jpeg])
def test_decompression_bomb_refused_with_its_size(tmp_path, make):
    path = make(tmp_path / "bomb.img")
    message = "image too large: 30000x30000 pixels exceeds the 178-megapixel safety limit"
    with pytest.raises(ImageProblem) as exc:
        read_header(path)
    assert str(exc.value) == message
    with pytest.raises(ImageProblem) as exc:
        open_oriented(path)
    assert str(exc.value) == message


def test_decompression_bomb_in_a_format_pillow_reads(tmp_path):
    path = g.bomb_gif(tmp_path / "bomb.gif")
    for fn in (read_header, open_oriented):
        with pytest.raises(ImageProblem, match=r"^image too large: 4294 megapixels exceeds the "
                                               r"178-megapixel safety limit$"):
            fn(path)


def test_long_thin_image_is_not_a_bomb(tmp_path):
    path = g.strip_png(tmp_path / "strip.png", 1, 30000)
    assert (read_header(path).width, read_header(path).height) == (1, 30000)
    assert open_oriented(path).size == (1, 30000)


def test_limit_follows_pillow_setting(tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    path = g.jpeg(tmp_path / "a.jpg", size=(64, 48))
    with pytest.raises(ImageProblem, match="64x48 pixels exceeds the 0-megapixel"):
        read_header(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(FileMissing, match="file not found"):
        read_header(tmp_path / "gone.jpg")
    with pytest.raises(FileMissing):
        open_oriented(tmp_path / "gone.png")
    with pytest.raises(ImageProblem):
        read_header(tmp_path)


def test_decoded_image_outlives_its_file(tmp_path):
    path = g.multipage_tiff(tmp_path / "m.tif")
    im = open_oriented(path)
    path.unlink()
    assert im.getpixel((0, 0))[:3] == g.FRAME_COLORS[0]


# -- content hash ---------------------------------------------------------------------------------
def test_file_digest(tmp_path):
    a = g.jpeg(tmp_path / "a.jpg", color=(1, 2, 3))
    b = tmp_path / "b.jpg"
    b.write_bytes(a.read_bytes())
    c = g.jpeg(tmp_path / "c.jpg", color=(200, 2, 3))
    assert imaging.file_digest(a) == imaging.file_digest(b)
    assert imaging.file_digest(a) != imaging.file_digest(c)
    assert imaging.file_digest(a) == hashlib.blake2b(a.read_bytes(), digest_size=32).hexdigest()
    with pytest.raises(FileMissing):
        imaging.file_digest(tmp_path / "none.jpg")


def test_supported_extensions():
    assert {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".gif", ".heic",
            ".heif"} == set(imaging.SUPPORTED_EXTENSIONS)
