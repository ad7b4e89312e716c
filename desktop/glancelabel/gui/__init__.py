"""The desktop GUI (PySide6). Thin: it shows core state and calls core verbs."""
