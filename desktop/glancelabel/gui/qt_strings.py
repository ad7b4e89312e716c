"""Qt's own words that Qt's shipped Chinese (qtbase_zh_CN.qm) leaves in English, marked here in
Qt's own contexts so that lupdate puts them in the app's translation file.

The file dialog's "Look in" and "Files of type" labels (Qt 6 gave them & keys; the shipped
translation holds only the old sources) and the type column's "Folder" and "Drive". Qt asks
every installed translator, Qt's own first (`gui/i18n.install` loads it last), so the app's
translation answers only where Qt's has nothing. Nothing imports this module: lupdate reads it,
and tests/gui/test_zh_qt_dialogs.py checks each entry is still missing from Qt's translation.
"""

from __future__ import annotations

from ..core.i18n import N_

QT_GAPS = (
    N_("QFileDialog", "&Look in:"),
    N_("QFileDialog", "Files of &type:"),
    N_("QAbstractFileIconProvider", "Folder"),
    N_("QAbstractFileIconProvider", "Drive"),
)
