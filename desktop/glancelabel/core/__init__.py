"""Qt-free core of GlanceLabel. Nothing under this package may import PySide6."""
