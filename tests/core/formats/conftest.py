"""A small project on disk for format tests: real image files (some EXIF-rotated), a store, and
helpers to add classes, boxes and tags and to read back the project's truth."""

from __future__ import annotations

import pytest
from formatkit import NONASCII, Project, copy_images, write_image  # noqa: F401


@pytest.fixture
def sample(tmp_path) -> Project:
    """Images of several sizes, nested folders, a duplicate stem in another folder, two images of
    one folder with the same stem, a non-ASCII name and an EXIF-rotated image (orientation 6:
    stored 60x40, displayed 40x60); boxes touching the border, tiny boxes, a class with no boxes;
    a background image, an image not reviewed and an excluded one."""
    p = Project(tmp_path / "photos")
    p.image("a.jpg", (64, 48)).image("sub/a.jpg", (40, 30)).image(NONASCII, (50, 50))
    p.image("rot6.jpg", (60, 40), orientation=6).image("bg.png", (32, 32))
    p.image("new.jpg", (20, 20)).image("excluded.jpg", (20, 20))
    p.image("same.jpg", (30, 30)).image("same.png", (30, 20))
    p.scan()
    for name in ("cat", "dog", "empty class"):
        p.label(name)
    p.box("a.jpg", "cat", 3.25, 4.5, 20.5, 10.75).box("a.jpg", "dog", 0, 0, 64, 48)
    p.box("a.jpg", "cat", 63, 47, 1, 1)  # tiny, in the corner
    p.box("sub/a.jpg", "dog", 10, 5, 20, 20)
    p.box(NONASCII, "cat", 1, 1, 48, 48)
    p.box("rot6.jpg", "cat", 5, 30, 30, 25)  # displayed frame: 40 wide, 60 high
    p.box("same.jpg", "dog", 1, 1, 5, 5).box("same.png", "cat", 2, 2, 6, 6)
    p.box("excluded.jpg", "cat", 1, 1, 5, 5).exclude("excluded.jpg")
    p.done("bg.png")
    return p
