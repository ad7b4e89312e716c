"""The desktop GUI (PySide6). Thin: it shows core state and calls core verbs."""

import PySide6.QtCore  # noqa: F401 - installs PySide6's import hook, lightened next

from .import_hook import lighten

lighten()  # before the rest of the GUI is imported: see import_hook
