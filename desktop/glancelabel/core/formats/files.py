"""File helpers shared by the formats: reading a JSON dataset file, atomic writes, safe names,
path checks, image placement.

Exports never leave a half-written result: a file is written beside its target and renamed over it;
a folder is built as a temporary sibling and renamed into place. Names that come from the project
(class names) or from an imported dataset (file names) never reach outside the folder they belong in.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

from ..i18n import N_, Text, said
from .summary import FormatError

if TYPE_CHECKING:
    from .plan import ExportPlan
    from .selection import ExportImage
    from .summary import ExportSummary

EXPORT_MARKER = ".glancelabel-export"


def read_json(source: Path) -> Any:
    """The JSON a dataset file holds, or FormatError saying why it cannot be read."""
    try:
        return orjson.loads(source.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise FormatError(N_("errors", "{path} is not a readable JSON file ({reason})."),
                          path=str(source), reason=str(exc)) from exc

# -- atomic writes ------------------------------------------------------------------------------


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary sibling and os.replace."""
    with atomic_file(path) as fh:
        fh.write(data)


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """Open a temporary sibling of `path` for writing; it replaces `path` when the block ends
    without error, and disappears otherwise."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class AtomicFolder:
    """Build a folder export in a temporary sibling, then rename it into place.

    A target that exists must be empty or a previous export (it holds EXPORT_MARKER); it is
    moved aside, the new folder renamed in, and the old one removed. On error or cancel the
    temporary folder is removed and the target is untouched.
    """

    def __init__(self, target: Path, marker: str = "") -> None:
        self.target = Path(target).expanduser().resolve()
        self.marker = marker
        self.tmp = self.target.with_name(f".{self.target.name}.{uuid.uuid4().hex[:8]}.tmp")

    def check_target(self) -> None:
        t = self.target
        if t.is_symlink() or (t.exists() and not t.is_dir()):
            raise FormatError(N_("errors", "{path} exists and is not a folder; choose another "
                                 "place."), path=str(t))
        if t.is_dir() and not (t / EXPORT_MARKER).exists() and any(t.iterdir()):
            raise FormatError(N_("errors", "{path} is not empty and is not a previous GlanceLabel "
                                 "export; choose an empty or new folder."), path=str(t))

    def __enter__(self) -> Path:
        self.check_target()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir()
        return self.tmp

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            return
        try:
            (self.tmp / EXPORT_MARKER).write_text(self.marker or "GlanceLabel export\n")
            old = None
            if self.target.exists():
                self.check_target()
                old = self.target.with_name(f".{self.target.name}.{uuid.uuid4().hex[:8]}.old")
                os.rename(self.target, old)
            try:
                os.rename(self.tmp, self.target)
            except BaseException:
                if old is not None:
                    os.rename(old, self.target)
                raise
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise


# -- safe names ---------------------------------------------------------------------------------

_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10)),
    "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³",
}
_BAD_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def safe_name(name: str, max_len: int = 120) -> str:
    """One path component made from arbitrary text (a class name): no separators, no '..', no NUL,
    no reserved Windows names, no trailing dots or spaces. Never empty."""
    cleaned = _BAD_CHARS.sub("_", str(name)).strip().rstrip(". ")
    if not cleaned:
        cleaned = "_"
    if cleaned.split(".")[0].upper().rstrip() in _WINDOWS_RESERVED:
        cleaned = "_" + cleaned
    if len(cleaned.encode("utf-8")) > max_len:
        cleaned = cleaned.encode("utf-8")[:max_len].decode("utf-8", "ignore").rstrip(". ") or "_"
    return cleaned


def unique_safe_names(names: Iterable[str]) -> list[str]:
    """safe_name for each, made unique case-insensitively ('a/b' and 'a_b' do not collide)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        base = safe_name(name)
        candidate, n = base, 2
        while candidate.casefold() in seen:
            candidate = f"{base}-{n}"
            n += 1
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


def safe_relpath(relpath: str) -> PurePosixPath:
    """A project relpath as a relative path that stays inside any folder it is joined to."""
    # project relpaths use "/"; a backslash is part of a file name except on Windows
    p = PurePosixPath(relpath.replace("\\", "/") if os.sep == "\\" else relpath)
    if p.is_absolute() or not p.parts or any(part in ("..", "") for part in p.parts) or (
        "\x00" in relpath
    ) or re.match(r"^[A-Za-z]:", relpath):
        raise FormatError(N_("errors", "{path!r} is not a relative path inside the folder."),
                          path=relpath)
    return p


def inside(root: Path, relpath: str | PurePosixPath) -> Path:
    """root / relpath, refusing anything that would land outside root."""
    rel = safe_relpath(str(relpath))
    target = Path(os.path.normpath(Path(root) / Path(*rel.parts)))
    if not target.is_relative_to(Path(os.path.normpath(root))):
        raise FormatError(N_("errors", "{path!r} points outside {root}."), path=relpath,
                          root=str(root))
    return target


# -- references in imported datasets -------------------------------------------------------------

_WIN_ABS = re.compile(r"^[A-Za-z]:/")


def reference_to_relpath(ref: str, folder: Path, root: Path) -> str | None:
    """A file name from a dataset, taken relative to `root` (absolute names as they are), as a
    relpath inside `folder`; None when it lands outside the folder. Never touches the disk."""
    if not ref or "\x00" in ref:
        return None
    name = ref.replace("\\", "/")
    if name.startswith("file://"):
        name = name[7:]
    folder_norm = posixpath.normpath(Path(folder).resolve().as_posix())
    if name.startswith("/") or _WIN_ABS.match(name):
        full = posixpath.normpath(name)
    else:
        full = posixpath.normpath(posixpath.join(Path(root).resolve().as_posix(), name))
    prefix = folder_norm.rstrip("/") + "/"
    if full.startswith(prefix) and len(full) > len(prefix):
        return full[len(prefix):]
    return None


def check_xml(data: bytes, where: str) -> None:
    """Refuse XML with a DOCTYPE (entity expansion, external entities)."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise FormatError(N_("errors", "{where} declares a DOCTYPE or entities, which are "
                             "refused."), where=where)


# -- placing images in an export -------------------------------------------------------------------

UPRIGHT_SAVE = {"JPEG": {"quality": 95, "subsampling": 0}, "PNG": {}, "WEBP": {"quality": 95},
                "TIFF": {}, "BMP": {}}


def place_or_skip(folder: Path, im: ExportImage, dst_dir: Path, name: str, plan: ExportPlan,
                  summary: ExportSummary) -> bool:
    """`place_image` for one exported image at `dst_dir`/`name`: a failure becomes a skip in the
    summary, a fallback a note. True when the image is in the export."""
    try:
        note = place_image(inside(folder, im.relpath), inside(dst_dir, name), plan.link,
                           plan.upright, im.orientation)
    except (OSError, FormatError) as exc:
        summary.skip(im.relpath, said(N_("formats", "could not be placed in the export: {reason}"),
                                      reason=str(exc)))
        return False
    if note:
        summary.note(said(N_("formats", "{image}: {note}"), image=im.relpath, note=note))
    return True


def place_image(src: Path, dst: Path, link: str, upright: bool, orientation: int) -> Text | None:
    """Put one image into an export; returns a note when it fell back to another way."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    if upright and orientation not in (0, 1):
        return _write_upright(src, dst, orientation)
    if link == "symlink":
        os.symlink(os.path.abspath(src), dst)
        return None
    if link == "hardlink":
        try:
            os.link(src, dst)
            return None
        except OSError:
            shutil.copyfile(src, dst)
            return said(N_("formats", "copied (hard links are not possible there)"))
    shutil.copyfile(src, dst)
    return None


def _write_upright(src: Path, dst: Path, orientation: int) -> Text | None:
    from PIL import Image, ImageOps

    with Image.open(src) as im:
        fmt = im.format
        kwargs = UPRIGHT_SAVE.get(fmt or "")
        if kwargs is None:
            shutil.copyfile(src, dst)
            return said(N_("formats", "copied as is ({format} cannot be written upright)"), format=fmt)
        exif = im.getexif()
        upright = ImageOps.exif_transpose(im)
        exif.pop(0x0112, None)
        extra: dict[str, Any] = dict(kwargs)
        if im.info.get("icc_profile"):
            extra["icc_profile"] = im.info["icc_profile"]
        if fmt in ("JPEG", "WEBP", "PNG", "TIFF"):
            extra["exif"] = exif.tobytes()
        tmp = dst.with_name(dst.name + ".part")
        upright.save(tmp, format=fmt, **extra)
        os.replace(tmp, dst)
    return None
