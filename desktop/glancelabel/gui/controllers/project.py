"""The project's dialogs, opened from the one action table: import (an import as annotations lands
on the undo stack as one step), export, the quality report, settings, F1, About, and opening
another folder."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from ...core.app import settings as settings_mod
from .. import actions as actions_mod
from ..i18n import error_text, translate
from ..image_list import ImageListPanel
from ..tasks import TaskRunner
from .changes import ChangeRecorder
from .ports import ImageView, Say
from .spotcheck import SpotCheckMode

log = logging.getLogger(__name__)


class ProjectController:
    def __init__(self, parent: QWidget, store: Any, folder: Path, settings: settings_mod.Settings,
                 runner: TaskRunner, changes: ChangeRecorder, image_list: ImageListPanel,
                 view: ImageView, say: Say, spot_check: SpotCheckMode,
                 actions: dict[str, QAction], opener: Callable[[Any], None] | None) -> None:
        self.parent = parent
        self.store = store
        self.folder = folder
        self.settings = settings
        self.runner = runner
        self.changes = changes
        self.image_list = image_list
        self.view = view
        self.say = say
        self.spot_check = spot_check
        self.actions = actions
        self.opener = opener  # callable(Path | "sample" | None): open another folder (None: ask)

    # -- import / export --------------------------------------------------------------------
    def open_import(self) -> None:
        from ..dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.store, self.folder, self.parent, tasks=self.runner)
        dialog.imported.connect(self.imported)
        dialog.exec()

    def imported(self, summary: Any) -> None:
        if self.view.is_closed:
            return
        undo_stack = self.changes.undo_stack
        if summary.changes is not None:
            undo_stack.push(summary.changes)  # written already; Ctrl+Z takes it back
        elif summary.as_ == "annotations":
            # too large to record (the summary says so): older steps may depend on what it changed
            undo_stack.clear()
        model = self.image_list.model
        if self.spot_check.active:
            model.refresh_all()
        else:
            model.reload()
            if self.view.current_id is not None:
                self.image_list.show_current(self.view.current_id)
        if self.view.current_id is None and model.ids():
            self.view.show_image(model.ids()[0])
        self.view.after_change(None)
        self.say(imported_sentence(summary))

    def open_export(self) -> None:
        from ..dialogs.export import ExportDialog

        ExportDialog(self.store, self.folder, self.parent).exec()

    # -- other dialogs ------------------------------------------------------------------------
    def open_report(self) -> None:
        from ..dialogs.report import ReportDialog

        try:
            dialog = ReportDialog.from_store(self.store, self.parent)
        except Exception as exc:  # noqa: BLE001 - one sentence here, the traceback in the log
            log.exception("quality report failed")
            QMessageBox.warning(self.parent, translate("project", "Quality report"),
                                translate("project", "The report could not be made: {reason}").format(
                                    reason=error_text(exc)))
            return
        dialog.exec()

    def show_about(self) -> None:
        from ..dialogs.about import AboutDialog

        AboutDialog(self.parent, project=self.store.path).exec()

    def show_help(self) -> None:
        from ..dialogs.help import HelpOverlay

        HelpOverlay(self.settings.shortcuts, self.parent).exec()

    def open_settings(self) -> None:
        from ...core.suggest.local_model import local_model_choices
        from ..dialogs.local_models import add_local_model_list
        from ..dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.settings, self.parent)
        add_local_model_list(dialog.provider, local_model_choices(self.store))
        dialog.shortcuts.changed.connect(
            lambda: actions_mod.apply_overrides(self.actions, self.settings.shortcuts)
        )
        dialog.exec()

    def open_folder_dialog(self) -> None:
        if self.opener is not None:
            self.opener(None)

    def open_sample(self) -> None:
        if self.opener is not None:
            self.opener("sample")


def imported_sentence(summary: Any) -> str:
    """"Imported 12 annotations on 3 images; 2 skipped." in the interface's language; "Nothing
    new: …" when everything in the file was in the project already."""
    boxes = summary.as_ == "annotations"
    new = summary.annotations if boxes else summary.suggestions
    there = summary.duplicates
    if not new and there and not summary.skipped:
        if boxes:
            template = (translate("project", "Nothing new: the {n} annotation of {file} is already "
                                  "in the project.") if there == 1 else
                        translate("project", "Nothing new: the {n} annotations of {file} are already "
                                  "in the project."))
        else:
            template = (translate("project", "Nothing new: the {n} suggestion of {file} is already "
                                  "in the project.") if there == 1 else
                        translate("project", "Nothing new: the {n} suggestions of {file} are already "
                                  "in the project."))
        return template.format(n=there, file=Path(summary.source).name)
    what = _count_of(new, boxes)
    images = (translate("project", "{n} image") if summary.images == 1 else
              translate("project", "{n} images")).format(n=summary.images)
    skipped = len(summary.skipped)
    present = _count_of(there, boxes)  # "2 annotations" (or suggestions) there already
    if there and skipped:
        return translate("project", "Imported {what} on {images}; {there} already in the project, "
                         "{n} skipped.").format(what=what, images=images, there=present, n=skipped)
    if there:
        return translate("project", "Imported {what} on {images}; {there} already in the "
                         "project.").format(what=what, images=images, there=present)
    if skipped:
        return translate("project", "Imported {what} on {images}; {n} skipped.").format(
            what=what, images=images, n=skipped)
    return translate("project", "Imported {what} on {images}.").format(what=what, images=images)


def _count_of(n: int, boxes: bool) -> str:
    """"2 annotations" (`boxes`) or "2 suggestions", in the interface's language."""
    if boxes:
        return (translate("project", "{n} annotation") if n == 1 else
                translate("project", "{n} annotations")).format(n=n)
    return (translate("project", "{n} suggestion") if n == 1 else
            translate("project", "{n} suggestions")).format(n=n)
