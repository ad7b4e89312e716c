"""Run by test_file_dialog_locale.py in a process of its own: the app starts as `glancelabel`
does (gui.app.run: settings, Qt, translations, the start screen); then a Qt file dialog (the
widget-based one Qt shows on Linux without a desktop portal) lists FOLDER, its rows (name, size,
type, date) and the LC_ALL the process has now are printed as JSON, and the app quits."""

from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QTreeView

from glancelabel.gui import app as app_module

FOLDER = sys.argv[1]
shown_start = app_module.App.show_start


def show_start(self) -> None:
    shown_start(self)
    dialog = QFileDialog(self.start_screen, "", FOLDER)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    QTimer.singleShot(0, lambda: read(dialog, 500))


def read(dialog: QFileDialog, tries: int) -> None:
    tree = dialog.findChild(QTreeView, "treeView")
    model, root = tree.model(), tree.rootIndex()
    if model.rowCount(root) < 2 and tries:
        QTimer.singleShot(10, lambda: read(dialog, tries - 1))
        return
    rows = [[model.index(r, c, root).data() for c in range(4)] for r in range(model.rowCount(root))]
    print(json.dumps({"rows": rows, "LC_ALL": os.environ.get("LC_ALL")}, ensure_ascii=False))
    dialog.close()
    QApplication.quit()


app_module.App.show_start = show_start  # type: ignore[method-assign]
sys.exit(app_module.run([]))
