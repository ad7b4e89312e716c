"""Frozen records shared by the core, the CLI and the GUI.

Coordinates: a box is (x, y, w, h) in float pixels of the image as displayed,
that is after its EXIF orientation is applied. Origin top-left.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FileState(StrEnum):
    UNKNOWN = "unknown"  # found by the scan, header not read yet
    OK = "ok"
    UNREADABLE = "unreadable"
    MISSING = "missing"


class ReviewState(StrEnum):
    NEW = "new"
    DONE = "done"


class SuggestionState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"  # accepted after a change of box or class
    DUPLICATE = "duplicate"  # same as an annotation or a pending suggestion of its model: hidden


class Kind(StrEnum):
    BOX = "box"
    TAG = "tag"


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def x2(self) -> float:
        return self.x + self.w

    @property
    def y2(self) -> float:
        return self.y + self.h

    @property
    def area(self) -> float:
        return max(self.w, 0.0) * max(self.h, 0.0)

    def as_list(self) -> list[float]:
        return [self.x, self.y, self.w, self.h]


@dataclass(frozen=True, slots=True)
class ImageRecord:
    id: int
    relpath: str
    size: int
    mtime_ns: int
    width: int | None
    height: int | None
    orientation: int
    file_state: FileState
    problem: str | None
    review_state: ReviewState
    excluded: bool
    content_hash: str | None = None


@dataclass(frozen=True, slots=True)
class Label:
    id: int
    name: str
    color: str
    position: int
    description: str = ""

    @property
    def hotkey(self) -> int | None:
        """1-9 by order in the class list, else None."""
        return self.position + 1 if self.position < 9 else None


@dataclass(frozen=True, slots=True)
class Annotation:
    id: int
    image_id: int
    label_id: int | None
    kind: Kind
    box: Box | None
    text: str | None = None
    source: str = "manual"  # manual | suggestion | import
    suggestion_id: int | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: int
    run_id: int | None
    image_id: int
    kind: Kind
    raw_label: str
    label_id: int | None  # None: unknown label, to be mapped
    box: Box | None
    text: str | None
    confidence: float | None
    rationale: str
    state: SuggestionState
    decided_by: str | None = None  # person | spot-check | bulk
    annotation_id: int | None = None


@dataclass(frozen=True, slots=True)
class Run:
    id: int
    provider: str
    model: str
    kind: str  # interactive | batch | batch-api | import
    prompt_hash: str
    params: dict
    created_at: float
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    status: str = "open"
