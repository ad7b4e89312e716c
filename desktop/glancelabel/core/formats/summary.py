"""What an export or import did: counts, per-class figures and every skipped thing with a reason."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GlanceLabelError
from ..heap import collector_paused
from ..i18n import N_, Marked, Text, counted, said
from ..review.changes import ChangeSet

# the reason for images left out because a box on them has no class (its own summary line)
UNCLASSED = N_("formats", "boxes without a class")

# the reasons images are left out of an export (the keys of `ExportSummary.left_out`, and of
# the CLI's JSON), each with its sentence for one image and for more
EXCLUDED = N_("formats", "excluded images")
MISSING = N_("formats", "missing images")
UNREADABLE = N_("formats", "unreadable images")
NOT_REVIEWED = N_("formats", "images not reviewed yet (use all images to include them)")
SIZE_UNKNOWN = N_("formats", "images whose size is not known yet (rescan)")
NO_TAG = N_("formats", "images without a tag")
SEVERAL_TAGS = N_("formats", "images with several tags (classification needs one)")
LEFT_OUT_SENTENCES: dict[str, tuple[Marked, Marked]] = {
    EXCLUDED: (N_("formats", "Left out {count} excluded image: {paths}{more}."),
               N_("formats", "Left out {count} excluded images: {paths}{more}.")),
    MISSING: (N_("formats", "Left out {count} missing image: {paths}{more}."),
              N_("formats", "Left out {count} missing images: {paths}{more}.")),
    UNREADABLE: (N_("formats", "Left out {count} unreadable image: {paths}{more}."),
                 N_("formats", "Left out {count} unreadable images: {paths}{more}.")),
    NOT_REVIEWED: (N_("formats", "Left out {count} image not reviewed yet: {paths}{more} "
                      "(include images not reviewed yet to export it)."),
                   N_("formats", "Left out {count} images not reviewed yet: {paths}{more} "
                      "(include images not reviewed yet to export them).")),
    SIZE_UNKNOWN: (N_("formats", "Left out {count} image whose size is not known yet: "
                      "{paths}{more} (rescan the folder)."),
                   N_("formats", "Left out {count} images whose size is not known yet: "
                      "{paths}{more} (rescan the folder).")),
    NO_TAG: (N_("formats", "Left out {count} image without a tag: {paths}{more}."),
             N_("formats", "Left out {count} images without a tag: {paths}{more}.")),
    SEVERAL_TAGS: (N_("formats", "Left out {count} image with several tags (classification "
                      "needs one): {paths}{more}."),
                   N_("formats", "Left out {count} images with several tags (classification "
                      "needs one): {paths}{more}.")),
}

# progress(stage, done, total)
Progress = Callable[[str, int, int], None]


class FormatError(GlanceLabelError):
    """An export or import that cannot go on; the message is one sentence for the user."""

    @classmethod
    def rebuilt(cls, template: str, values: dict[str, Any]) -> FormatError:
        """The error a helper process sent as its (marked) template and values."""
        return cls(template, **values)


class Cancelled(FormatError):
    def __init__(self) -> None:
        super().__init__(N_("errors", "Cancelled; nothing was written."))


def gc_paused() -> AbstractContextManager[None]:
    """No cyclic garbage collection meanwhile: building millions of rows and dicts (which hold no
    cycles) would otherwise trigger full collections again and again.

    At the end, what was made meanwhile and is still alive (an import's 200,000 undo records) goes
    straight to the oldest generation (no traversal): left in the youngest, the first collection
    after would walk all of it at once, holding the GIL for 70-200 ms in whichever thread
    allocates next (the window's GUI thread included). Blocks in several threads (an import
    while an export runs) keep collection paused until the last ends (`heap.collector_paused`)."""
    return collector_paused()


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def no_progress(stage: str, done: int, total: int) -> None:
    pass


@dataclass(frozen=True, slots=True)
class Skipped:
    where: str  # relpath, or dataset file with line / record
    reason: str  # in English
    text: Text | None = None  # the reason as a marked template, when it is one

    @classmethod
    def of(cls, where: str, reason: str | Text) -> Skipped:
        """A skipped record whose reason may be a Text or a template marked with N_."""
        if isinstance(reason, Text):
            return cls(where, str(reason), reason)
        return cls(where, reason, said(reason) if isinstance(reason, Marked) else None)

    def as_dict(self) -> dict:
        return {"where": self.where, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ExportSummary:
    format: str
    out: Path
    images: int = 0
    boxes: int = 0
    tags: int = 0
    suggestions: int = 0
    per_class: Counter = field(default_factory=Counter)
    splits: dict[str, int] = field(default_factory=dict)
    left_out: dict[str, list[str]] = field(default_factory=dict)  # reason -> relpaths
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # what was written (top level)
    seconds: float = 0.0
    # notes given as marked templates (`note`), by their English text: an interface translates them
    note_texts: dict[str, Text] = field(default_factory=dict)

    def note(self, text: Text) -> None:
        """A note for people, as a marked template (kept in `notes` in English too)."""
        self.notes.append(str(text))
        self.note_texts[str(text)] = text

    def leave_out(self, reason: str, relpath: str) -> None:
        self.left_out.setdefault(reason, []).append(relpath)

    def skip(self, where: str, reason: str | Text) -> None:
        self.skipped.append(Skipped.of(where, reason))

    def as_dict(self) -> dict:
        return {
            "format": self.format,
            "out": str(self.out),
            "images": self.images,
            "boxes": self.boxes,
            "tags": self.tags,
            "suggestions": self.suggestions,
            "per_class": dict(self.per_class),
            "splits": dict(self.splits),
            "left_out": {k: list(v) for k, v in self.left_out.items()},
            "skipped": [s.as_dict() for s in self.skipped],
            "notes": list(self.notes),
            "files": [str(p) for p in self.files],
            "seconds": round(self.seconds, 3),
        }

    def lines(self, limit: int = 10) -> list[str]:
        """Human summary, a few examples per kind of problem."""
        return [str(t) for t in self.texts(limit)]

    def texts(self, limit: int = 10) -> list[Text | str]:
        """`lines` as marked templates plus values (what is not marked stays a plain string)."""
        counts = [counted(self.images, N_("formats", "{count} image"), N_("formats", "{count} images")),
                  counted(self.boxes, N_("formats", "{count} box"), N_("formats", "{count} boxes"))]
        if self.tags:
            counts.append(counted(self.tags, N_("formats", "{count} tag"), N_("formats", "{count} tags")))
        if self.suggestions:
            counts.append(counted(self.suggestions, N_("formats", "{count} suggestion"),
                                  N_("formats", "{count} suggestions")))
        out: list[Text | str] = [said(N_("formats", "Exported {what} to {out} ({seconds} s)."),
                                      what=_listed(counts), out=str(self.out),
                                      seconds=f"{self.seconds:.1f}")]
        if self.splits:
            out.append(said(N_("formats", "Split: {counts}."), counts=_pairs(self.splits)))
        if self.per_class:
            out.append(said(N_("formats", "Per class: {counts}."), counts=_pairs(self.per_class)))
        for reason, paths in self.left_out.items():
            shown = ", ".join(paths[:limit])
            more = (said(N_("formats", " and {count} more"), count=len(paths) - limit)
                    if len(paths) > limit else "")
            if reason == UNCLASSED:
                out.append(counted(len(paths), N_("formats", "{count} image left out: boxes without a "
                                                  "class ({paths}{more}); give it a class and export again."),
                                   N_("formats", "{count} images left out: boxes without a class "
                                      "({paths}{more}); give them a class and export again."),
                                   paths=shown, more=more))
                continue
            if reason in LEFT_OUT_SENTENCES:
                out.append(counted(len(paths), *LEFT_OUT_SENTENCES[reason], paths=shown, more=more))
                continue
            why = said(reason) if isinstance(reason, Marked) else reason
            out.append(said(N_("formats", "Left out {count} {reason}: {paths}{more}."), count=len(paths),
                            reason=why, paths=shown, more=more))
        out.extend(_skipped_lines(self.skipped, limit))
        out.extend(self.note_texts.get(n, n) for n in self.notes)
        return out


@dataclass
class ImportSummary:
    format: str
    source: Path
    as_: str
    images: int = 0  # images listed in the dataset and found in the project
    annotations: int = 0
    suggestions: int = 0
    duplicates: int = 0  # already present, not added again
    marked_done: int = 0
    run_id: int | None = None
    per_class: Counter = field(default_factory=Counter)
    new_classes: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)  # imported, but changed (clamped, ...)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # what an import as annotations wrote, as one undo step (only when asked for: the window's
    # import; not in as_dict)
    changes: ChangeSet | None = field(default=None, repr=False)
    note_texts: dict[str, Text] = field(default_factory=dict)  # as ExportSummary's

    def note(self, text: Text) -> None:
        self.notes.append(str(text))
        self.note_texts[str(text)] = text

    def skip(self, where: str, reason: str | Text) -> None:
        self.skipped.append(Skipped.of(where, reason))

    def warn(self, where: str, reason: str | Text) -> None:
        self.warnings.append(Skipped.of(where, reason))

    def as_dict(self) -> dict:
        return {
            "format": self.format,
            "source": str(self.source),
            "as": self.as_,
            "images": self.images,
            "annotations": self.annotations,
            "suggestions": self.suggestions,
            "duplicates": self.duplicates,
            "marked_done": self.marked_done,
            "run_id": self.run_id,
            "per_class": dict(self.per_class),
            "new_classes": list(self.new_classes),
            "skipped": [s.as_dict() for s in self.skipped],
            "warnings": [s.as_dict() for s in self.warnings],
            "notes": list(self.notes),
            "seconds": round(self.seconds, 3),
        }

    def lines(self, limit: int = 10) -> list[str]:
        return [str(t) for t in self.texts(limit)]

    def texts(self, limit: int = 10) -> list[Text | str]:
        """`lines` as marked templates plus values (what is not marked stays a plain string)."""
        what = (counted(self.annotations, N_("formats", "{count} annotation"),
                        N_("formats", "{count} annotations")) if self.as_ == "annotations" else
                counted(self.suggestions, N_("formats", "{count} suggestion (run {run})"),
                        N_("formats", "{count} suggestions (run {run})"), run=self.run_id))
        out: list[Text | str] = [said(
            N_("formats", "Imported {what} on {images} from {source} ({seconds} s)."), what=what,
            images=counted(self.images, N_("formats", "{count} image"), N_("formats", "{count} images")),
            source=str(self.source), seconds=f"{self.seconds:.1f}")]
        if self.marked_done:
            out.append(counted(self.marked_done, N_("formats", "{count} image marked done."),
                               N_("formats", "{count} images marked done.")))
        if self.duplicates:
            out.append(said(N_("formats", "{count} already present, not added again."),
                            count=self.duplicates))
        if self.new_classes:
            out.append(said(N_("formats", "New classes: {names}."), names=", ".join(self.new_classes)))
        out.extend(_skipped_lines(self.skipped, limit))
        if self.warnings:
            out.append(said(N_("formats", "Changed on import ({count}):"), count=len(self.warnings)))
            out.extend(_record_line(w) for w in self.warnings[:limit])
            if len(self.warnings) > limit:
                out.append(said(N_("formats", "  … and {count} more"), count=len(self.warnings) - limit))
        out.extend(self.note_texts.get(n, n) for n in self.notes)
        return out


def _listed(parts: list[Text]) -> Text:
    """'a, b, c' (the separator translated)."""
    out = parts[0]
    for part in parts[1:]:
        out = said(N_("formats", "{first}, {next}"), first=out, next=part)
    return out


def _pairs(counts: dict[str, int] | Counter) -> str:
    """'train 8, val 2' (names and numbers: nothing to translate)."""
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def _record_line(s: Skipped) -> Text | str:
    """'  where: reason', the reason translatable when it is marked."""
    if s.text is None:
        return f"  {s}"
    return said(N_("formats", "  {where}: {reason}"), where=s.where, reason=s.text)


def _skipped_lines(skipped: list[Skipped], limit: int) -> list[Text | str]:
    if not skipped:
        return []
    out: list[Text | str] = [said(N_("formats", "Skipped {count}:"), count=len(skipped))]
    out.extend(_record_line(s) for s in skipped[:limit])
    if len(skipped) > limit:
        out.append(said(N_("formats", "  … and {count} more (all of them in --json)"),
                        count=len(skipped) - limit))
    return out
