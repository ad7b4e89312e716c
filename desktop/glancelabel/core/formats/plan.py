"""Qt-free plans for exports and imports: what the dialog edits and the CLI fills in.

A plan is a frozen value; the dialog replaces it on every edit (`plan.with_(...)`) and shows
`plan.errors(folder)`. Running a plan is `formats.export(...)` / `formats.import_dataset(...)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from ..i18n import N_, Marked, Text, said
from .summary import FormatError

EXPORT_FORMATS: dict[str, str] = {
    "coco": N_("formats", "COCO detection JSON"),
    "yolo": N_("formats", "YOLO detection (Ultralytics layout)"),
    "yolo-cls": N_("formats", "YOLO classification (a folder per class, from image tags)"),
    "voc": N_("formats", "Pascal VOC XML"),
    "labelstudio": N_("formats", "Label Studio JSON tasks"),
    "suggestions-json": N_("formats", "Suggestions JSON (for scripts)"),
}
IMPORT_FORMATS: dict[str, str] = {
    "coco": N_("formats", "COCO detection JSON"),
    "yolo": N_("formats", "YOLO detection (data.yaml or classes.txt)"),
    "voc": N_("formats", "Pascal VOC XML"),
    "labelstudio": N_("formats", "Label Studio JSON tasks"),
    "labelme": N_("formats", "labelme JSON"),
}
LINKS: dict[str, str] = {
    "hardlink": N_("formats", "hard links (no extra space; falls back to copies across drives)"),
    "copy": N_("formats", "copies"),
    "symlink": N_("formats", "symbolic links"),
    "none": N_("formats", "leave images in place (list files)"),
}

# (the names above are marked for the interface's translation, context formats)
# formats written as one file; the others are written as a folder
FILE_FORMATS = frozenset({"coco", "labelstudio", "suggestions-json"})
# options that only some formats use
SPLIT_FORMATS = frozenset({"yolo", "yolo-cls", "voc"})
LINK_FORMATS = frozenset({"yolo", "yolo-cls", "voc"})
SUGGESTION_FORMATS = frozenset({"coco", "yolo", "labelstudio", "suggestions-json"})

UPRIGHT_HELP = N_(
    "formats",
    "Boxes are in the displayed (EXIF-rotated) frame, which Ultralytics, OpenCV's imread, CVAT "
    "and Label Studio show. Tools that read pixels with plain PIL Image.open (no exif_transpose) "
    "or torchvision.io.read_image ignore EXIF orientation: for them, write upright copies.",
)


class PlanError(FormatError, ValueError):
    """A plan that cannot run; the message is one sentence for the user."""


def parse_split(text: str) -> tuple[float, ...]:
    """'0.8,0.2' or '80/10/10' -> fractions that add up to 1 (train, val[, test])."""
    parts = [p for p in text.replace("/", ",").replace(":", ",").split(",") if p.strip()]
    try:
        values = [float(p) for p in parts]
    except ValueError as exc:
        raise PlanError(N_("errors", "The split {text!r} must be two or three numbers, like "
                           "0.8,0.2 or 0.7,0.2,0.1."), text=text) from exc
    return normalise_split(values)


def normalise_split(items: Iterable[float | str]) -> tuple[float, ...]:
    values = [float(v) for v in items]
    if not 1 <= len(values) <= 3:
        raise PlanError(N_("errors", "A split has one to three parts: train, val and optionally "
                           "test."))
    if any(v < 0 or v != v for v in values) or values[0] <= 0:
        raise PlanError(N_("errors", "Split fractions must not be negative, and train must be "
                           "above 0."))
    total = sum(values)
    return tuple(v / total for v in values)


def split_names(split: tuple[float, ...]) -> tuple[str, ...]:
    return ("train", "val", "test")[: len(split)]


@dataclass(frozen=True)
class ExportPlan:
    format: str = "coco"
    out: Path | None = None
    include_suggestions: bool = False  # pending suggestions as predictions / with scores
    all_images: bool = False  # new images too, not only done ones
    split: tuple[float, ...] = (0.8, 0.2)
    seed: int = 0
    stratify: bool = False  # split each class's images in the same proportions
    link: str = "hardlink"
    upright: bool = False  # write EXIF-rotated images as upright copies
    folders: tuple[str, ...] = ()  # only images under these relative folders
    classes: tuple[str, ...] = ()  # only these classes (all when empty)
    url_prefix: str = "/data/local-files/?d="  # Label Studio image URLs

    @property
    def target(self) -> Path:
        """Where the export goes (`errors()` says so when it is not chosen yet)."""
        if self.out is None:
            raise PlanError(N_("errors", "Choose where to write the export."))
        return self.out

    def with_(self, **changes: Any) -> ExportPlan:
        if "split" in changes and isinstance(changes["split"], str):
            changes["split"] = parse_split(changes["split"])
        if "out" in changes and changes["out"] is not None:
            changes["out"] = Path(changes["out"])
        return replace(self, **changes)

    # -- what applies ---------------------------------------------------------------------
    @property
    def writes_folder(self) -> bool:
        return self.format not in FILE_FORMATS

    def uses(self, option: str) -> bool:
        """Whether an option means anything for this plan's format."""
        match option:
            case "split" | "seed" | "stratify":
                return self.format in SPLIT_FORMATS
            case "link":
                return self.format in LINK_FORMATS
            case "upright":
                return self.format in LINK_FORMATS and self.link != "none"
            case "include_suggestions":
                return self.format in SUGGESTION_FORMATS and self.format != "suggestions-json"
            case "url_prefix":
                return self.format == "labelstudio"
            case "all_images" | "folders" | "classes":
                return True
        return False

    @property
    def states(self) -> tuple[str, ...]:
        """Review states exported: done only by default; suggestions-json reads every image."""
        if self.all_images or self.format == "suggestions-json":
            return ("done", "new")
        return ("done",)

    def default_out(self, folder: Path) -> Path:
        base = Path(folder).resolve()
        name = f"{base.name}-{self.format}"
        if self.format in FILE_FORMATS:
            name += ".json"
        return base.parent / name

    def errors(self, folder: Path | None = None) -> list[str]:
        """Every reason this plan cannot run, as sentences (empty when it can)."""
        return [str(t) for t in self.error_texts(folder)]

    def error_texts(self, folder: Path | None = None) -> list[Text]:
        """`errors()` as marked sentences (an interface shows them translated)."""
        out: list[Text] = []
        if self.format not in EXPORT_FORMATS:
            out.append(said(N_("errors", "Unknown export format {format!r}; choose one of "
                               "{choices}."), format=self.format,
                            choices=", ".join(EXPORT_FORMATS)))
            return out
        if self.out is None:
            out.append(said(N_("errors", "Choose where to write the export.")))
        if self.link not in LINKS:
            out.append(said(N_("errors", "Unknown link mode {link!r}; choose one of {choices}."),
                            link=self.link, choices=", ".join(LINKS)))
        if self.uses("split"):
            try:
                normalise_split(self.split)
            except PlanError as exc:
                out.append(exc.text)
        if self.format == "yolo-cls" and self.link == "none":
            out.append(said(N_("errors", "YOLO classification needs the images inside class "
                               "folders: choose copy, hardlink or symlink.")))
        if self.upright and not self.uses("upright"):
            out.append(said(N_("errors", "Upright copies need an export that writes images "
                               "(YOLO, YOLO-cls or VOC with copy, hardlink or symlink).")))
        if self.include_suggestions and self.format not in SUGGESTION_FORMATS:
            out.append(said(N_("errors", "{format} has no place for pending suggestions."),
                            format=said(cast(Marked, EXPORT_FORMATS[self.format]))))
        if self.out is not None and folder is not None:
            out.extend(self._location_errors(Path(folder)))
        return out

    def _location_errors(self, folder: Path) -> list[Text]:
        out_path = self.target.expanduser().resolve()
        folder = folder.resolve()
        if out_path == folder or folder.is_relative_to(out_path):
            return [said(N_("errors", "The export cannot replace the image folder itself "
                            "({path})."), path=str(out_path))]
        if out_path.is_relative_to(folder / ".glancelabel"):
            return [said(N_("errors", "The export cannot go inside the project's .glancelabel "
                            "folder."))]
        if (
            self.writes_folder
            and self.uses("link")
            and self.link != "none"
            and out_path.is_relative_to(folder)
        ):
            return [said(N_("errors", "An export with images inside the image folder would be "
                            "scanned as new images; choose a place outside the folder, or "
                            "leave the images in place (link: none)."))]
        if self.writes_folder and out_path.exists() and not out_path.is_dir():
            return [said(N_("errors", "{path} is a file; a {format} export is a folder."),
                         path=str(out_path), format=self.format)]
        if not self.writes_folder and out_path.is_dir():
            return [said(N_("errors", "{path} is a folder; a {format} export is one file."),
                         path=str(out_path), format=self.format)]
        return []

    def check(self, folder: Path | None = None) -> None:
        errors = self.error_texts(folder)
        if errors:
            raise PlanError(errors[0].template, **errors[0].values)


@dataclass(frozen=True)
class ImportPlan:
    format: str
    source: Path
    as_: str = "annotations"  # annotations | suggestions
    new_classes: bool = True  # add unknown classes (else skip their records)

    def with_(self, **changes: Any) -> ImportPlan:
        return replace(self, **changes)

    def errors(self) -> list[str]:
        return [str(t) for t in self.error_texts()]

    def error_texts(self) -> list[Text]:
        """Every reason this import cannot run, as marked sentences (empty when it can)."""
        out: list[Text] = []
        if self.format not in IMPORT_FORMATS:
            out.append(said(N_("errors", "Unknown import format {format!r}; choose one of "
                               "{choices}."), format=self.format,
                            choices=", ".join(IMPORT_FORMATS)))
        if self.as_ not in ("annotations", "suggestions"):
            out.append(said(N_("errors", "Import as 'annotations' or as 'suggestions'.")))
        if not Path(self.source).exists():
            out.append(said(N_("errors", "{path} does not exist."), path=str(self.source)))
        return out

    def check(self) -> None:
        errors = self.error_texts()
        if errors:
            raise PlanError(errors[0].template, **errors[0].values)
