"""Exports and imports: COCO, YOLO, YOLO classification, Pascal VOC, Label Studio, labelme and a
suggestions JSON for scripts. One module per format; `export` and `import_dataset` run a plan.

    summary = export(store, ExportPlan(format="coco", out=Path("x.json")), folder)
    summary = import_dataset(store, ImportPlan("yolo", Path("dataset")), folder)
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ..i18n import N_
from .plan import EXPORT_FORMATS, IMPORT_FORMATS, ExportPlan, ImportPlan, PlanError
from .summary import (
    Cancelled,
    ExportSummary,
    FormatError,
    ImportSummary,
    Progress,
    gc_paused,
    no_progress,
)

if TYPE_CHECKING:
    from ..store import Store

__all__ = [
    "EXPORT_FORMATS", "IMPORT_FORMATS", "ExportPlan", "ImportPlan", "ExportSummary",
    "ImportSummary", "FormatError", "PlanError", "Cancelled", "export", "import_dataset",
]

log = logging.getLogger(__name__)

_EXPORTERS = {"coco": "coco", "yolo": "yolo", "yolo-cls": "yolo_cls", "voc": "voc",
              "labelstudio": "labelstudio", "suggestions-json": "suggestions_json"}
_READERS = {"coco": "coco_read", "yolo": "yolo", "voc": "voc", "labelstudio": "labelstudio",
            "labelme": "labelme"}


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")


def export(
    store: Store,
    plan: ExportPlan,
    folder: Path,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> ExportSummary:
    """Write the export `plan` describes; raises FormatError (PlanError, Cancelled) with one
    sentence for the user. Nothing is left half-written."""
    plan.check(folder)
    plan = plan.with_(out=plan.target.expanduser().resolve())
    summary = ExportSummary(plan.format, plan.target)
    started = time.perf_counter()
    try:
        with gc_paused():
            _module(_EXPORTERS[plan.format]).export(
                store, plan, Path(folder), summary, progress or no_progress, cancel
            )
    except OSError as exc:
        log.exception("export to %s failed", plan.out)
        raise FormatError(N_("errors", "Could not write {path}: {reason}."), path=str(plan.out),
                          reason=exc.strerror or str(exc)) from exc
    summary.seconds = time.perf_counter() - started
    log.info("exported %s to %s: %d images, %d boxes in %.2f s", plan.format, plan.out,
             summary.images, summary.boxes, summary.seconds)
    return summary


def import_dataset(
    store: Store,
    plan: ImportPlan,
    folder: Path,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    record_undo: bool = False,
) -> ImportSummary:
    """Read a dataset and add it to the project as annotations or suggestions. With `record_undo`
    (the window's import), `summary.changes` is the import as one undo step, already applied."""
    from .importer import Dataset, apply

    plan.check()
    progress = progress or no_progress
    summary = ImportSummary(plan.format, Path(plan.source), plan.as_)
    started = time.perf_counter()
    dataset = Dataset(Path(plan.source), as_suggestions=plan.as_ == "suggestions")
    progress("reading", 0, 1)
    with gc_paused():
        try:
            _module(_READERS[plan.format]).read(Path(plan.source), dataset)
        except OSError as exc:
            log.exception("import of %s failed", plan.source)
            raise FormatError(N_("errors", "Could not read {path}: {reason}."),
                              path=str(plan.source), reason=exc.strerror or str(exc)) from exc
        try:
            apply(store, plan, dataset, Path(folder), summary, progress, cancel,
                  record_undo=record_undo)
        finally:
            dataset.release()
    summary.seconds = time.perf_counter() - started
    log.info("imported %s from %s: %d annotations, %d suggestions, %d skipped", plan.format,
             plan.source, summary.annotations, summary.suggestions, len(summary.skipped))
    return summary
