"""A small project on disk for format tests: real image files (some EXIF-rotated), a store, and
helpers to add classes, boxes and tags and to read back the project's truth."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image

from glancelabel.core.model import Box, ReviewState
from glancelabel.core.scan import scan_folder
from glancelabel.core.store import Store


def write_image(path: Path, size: tuple[int, int], orientation: int = 1) -> Path:
    """An image of `size` in the stored frame; orientation 5-8 swaps the displayed sides."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(str(path))
    img = Image.new("RGB", size, (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    img.paste((255, 0, 0), (0, 0, max(1, size[0] // 5), max(1, size[1] // 5)))  # stored top-left
    fmt = "PNG" if path.suffix.lower() == ".png" else "JPEG"
    if orientation != 1:
        exif = img.getexif()
        exif[0x0112] = orientation
        img.save(path, fmt, exif=exif)
    else:
        img.save(path, fmt)
    return path


class Project:
    def __init__(self, folder: Path, store: Store | None = None) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.store = store or Store(folder / ".glancelabel" / "project.sqlite", folder)

    def image(self, relpath: str, size=(64, 48), orientation: int = 1) -> Project:
        write_image(self.folder / relpath, size, orientation)
        return self

    def scan(self) -> Project:
        scan_folder(self.store, self.folder)
        return self

    def id(self, relpath: str) -> int:
        return self.store.image_by_relpath(relpath).id

    def label(self, name: str) -> int:
        lab = self.store.label_by_name(name)
        if lab is None:
            self.store.add_label(name)
            lab = self.store.label_by_name(name)
        return lab.id

    def box(self, relpath: str, name: str, x: float, y: float, w: float, h: float) -> Project:
        self.store.add_box(self.id(relpath), self.label(name), Box(x, y, w, h))
        return self

    def tag(self, relpath: str, name: str) -> Project:
        self.store.add_tag(self.id(relpath), self.label(name))
        return self

    def done(self, *relpaths: str) -> Project:
        self.store.set_review_state([self.id(r) for r in relpaths], ReviewState.DONE)
        return self

    def exclude(self, *relpaths: str) -> Project:
        self.store.set_excluded([self.id(r) for r in relpaths], True)
        return self

    def truth(self) -> dict[str, list[tuple]]:
        """relpath -> sorted (class, x, y, w, h) of the box annotations."""
        names = {lab.id: lab.name for lab in self.store.labels()}
        rel = {r[0]: r[1] for r in self.store.export_image_rows()}
        out: dict[str, list[tuple]] = {}
        for image_id, _id, label_id, x, y, w, h in self.store.export_box_rows():
            out.setdefault(rel[image_id], []).append((names.get(label_id), x, y, w, h))
        return {k: sorted(v) for k, v in out.items()}

    def done_set(self) -> set[str]:
        return {r[1] for r in self.store.export_image_rows() if r[6] == "done"}


def copy_images(src: Project, dest_folder: Path) -> Project:
    """A fresh project over copies of src's image files (same relpaths, no labels)."""
    import shutil

    for r in src.store.export_image_rows():
        target = dest_folder / r[1]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src.folder / r[1], target)
    return Project(dest_folder).scan()


NONASCII = "sub/deeper/ü ñ 画像.jpg"


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
