"""Helpers shared by the tests of this folder (imported by name: a module called
conftest would clash with the other folders' conftest files)."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image

from glancelabel.core.folder.scan import scan_folder
from glancelabel.core.model import Box, ReviewState
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


