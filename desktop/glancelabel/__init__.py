"""GlanceLabel: label local image folders with AI help."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("glancelabel")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+source"
