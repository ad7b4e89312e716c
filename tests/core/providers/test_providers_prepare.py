"""Image preparation: sizes per provider rule, token estimates, byte limits, orientation."""

from __future__ import annotations

import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from providerkit import find_marker, make_image

from glancelabel.core.providers.base import ProviderError
from glancelabel.core.providers.prepare import (
    RULES,
    ImageRule,
    estimate_tokens,
    prepare_image,
    target_size,
)

CLAUDE = RULES["claude"]
TILE = ImageRule.from_dict({"kind": "openai-tile", "tile_base": 85, "tile_tokens": 170})
PATCH = ImageRule.from_dict({"kind": "openai-patch", "multiplier": 1.62})


@settings(max_examples=300, deadline=None)
@given(w=st.integers(1, 9000), h=st.integers(1, 9000))
def test_claude_size_never_triggers_its_downscaling(w, h):
    tw, th = target_size(CLAUDE, w, h)
    assert tw <= w and th <= h
    assert max(tw, th) <= 1568
    assert math.ceil(tw / 28) * math.ceil(th / 28) <= 1568
    if min(tw, th) >= 20:  # aspect kept within rounding (1-px sides cannot keep it)
        assert abs(tw / th - w / h) <= (w / h) * (1 / min(tw, th) + 1 / max(tw, th)) + 1e-9


def test_claude_sizes_for_common_photos():
    tw, th = target_size(CLAUDE, 6000, 4000)
    assert math.ceil(tw / 28) * math.ceil(th / 28) <= 1568
    bigger = (tw + 1, round(4000 * (tw + 1) / 6000))  # one pixel more breaks the budget
    assert math.ceil(bigger[0] / 28) * math.ceil(bigger[1] / 28) > 1568
    assert target_size(CLAUDE, 800, 600) == (800, 600)  # small images are sent as they are
    assert estimate_tokens(CLAUDE, 1092, 1092) == 39 * 39


@settings(max_examples=200, deadline=None)
@given(w=st.integers(1, 9000), h=st.integers(1, 9000))
def test_openai_tile_rule(w, h):
    tw, th = target_size(TILE, w, h)
    assert max(tw, th) <= 2048 and min(tw, th) <= 768
    assert tw <= w and th <= h


def test_openai_token_estimates():
    assert target_size(TILE, 4096, 2048) == (1536, 768)
    assert estimate_tokens(TILE, 1536, 768) == 85 + 170 * 6
    mini = ImageRule.from_dict({"kind": "openai-tile", "tile_base": 2833, "tile_tokens": 5667})
    assert estimate_tokens(mini, 512, 512) == 2833 + 5667
    tw, th = target_size(PATCH, 4000, 3000)
    assert math.ceil(tw / 32) * math.ceil(th / 32) <= 1536
    assert estimate_tokens(PATCH, 1024, 1024) == math.ceil(1024 * 1.62)
    assert estimate_tokens(PATCH, 320, 320) == math.ceil(100 * 1.62)


def test_fit_rule_rounds_to_multiples():
    rule = ImageRule.from_dict({"kind": "fit", "max_side": 1288, "round_to": 28})
    assert target_size(rule, 4000, 3000) == (1288, 952)
    assert target_size(rule, 1000, 500, max_side=700) == (700, 336)


def test_prepare_large_jpeg_for_claude(tmp_path):
    path = make_image(tmp_path / "big.jpg", (4000, 3000), marker=(1000, 1000, 2000, 2000))
    img = prepare_image(path, "claude")
    assert img.media_type == "image/jpeg"
    decoded = Image.open(io.BytesIO(img.data))
    assert decoded.size == img.sent_size == target_size(CLAUDE, 4000, 3000)
    assert img.displayed_size == (4000, 3000)
    sx, sy = img.scale
    x1, y1, x2, y2 = find_marker(img.data)
    assert x1 * sx == pytest.approx(1000, abs=2 * sx) and x2 * sx == pytest.approx(2000, abs=2 * sx)
    assert y1 * sy == pytest.approx(1000, abs=2 * sy) and y2 * sy == pytest.approx(2000, abs=2 * sy)
    assert img.estimated_tokens <= 1568


@pytest.mark.parametrize(("orientation", "displayed"), [(1, (400, 300)), (3, (400, 300)),
                                                        (6, (300, 400)), (8, (300, 400))])
def test_prepare_applies_exif_orientation(tmp_path, orientation, displayed):
    path = make_image(tmp_path / "o.jpg", (400, 300), orientation=orientation)
    img = prepare_image(path, "claude")
    assert img.displayed_size == displayed == img.sent_size
    assert img.orientation == orientation


def test_orientation_from_the_request_wins(tmp_path):
    path = make_image(tmp_path / "o.jpg", (400, 300), orientation=6)
    assert prepare_image(path, "claude", orientation=1).displayed_size == (400, 300)


def test_transparent_png_stays_png_and_opaque_png_becomes_jpeg(tmp_path):
    clear = Image.new("RGBA", (200, 100), (10, 20, 30, 0))
    clear.save(tmp_path / "t.png")
    assert prepare_image(tmp_path / "t.png", "claude").media_type == "image/png"
    make_image(tmp_path / "o.png", (200, 100), fmt="PNG", mode="RGBA")
    assert prepare_image(tmp_path / "o.png", "claude").media_type == "image/jpeg"


def test_byte_limit_is_respected(tmp_path):
    import numpy as np

    noise = np.random.default_rng(1).integers(0, 256, (1200, 1200, 3), dtype=np.uint8)
    Image.fromarray(noise).save(tmp_path / "noise.png")
    rule = ImageRule.from_dict({"kind": "fit", "max_side": 1200, "max_base64_bytes": 300_000})
    img = prepare_image(tmp_path / "noise.png", rule)
    assert img.base64_size <= 300_000
    assert img.notes  # it says what it did to fit
    assert Image.open(io.BytesIO(img.data)).size == img.sent_size


def test_claude_byte_limit_for_a_noisy_photo(tmp_path):
    import numpy as np

    noise = np.random.default_rng(2).integers(0, 256, (1568, 1000, 3), dtype=np.uint8)
    Image.fromarray(noise).save(tmp_path / "noise.png")
    img = prepare_image(tmp_path / "noise.png", "claude")
    assert img.base64_size <= 5_000_000


def test_unreadable_image_is_a_clear_error(tmp_path):
    (tmp_path / "bad.jpg").write_bytes(b"not an image")
    with pytest.raises(ProviderError, match="could not be read"):
        prepare_image(tmp_path / "bad.jpg", "claude")
    with pytest.raises(ProviderError, match="does not exist"):
        prepare_image(tmp_path / "missing.jpg", "claude")
