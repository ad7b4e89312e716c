"""Find files under `resources/` both in a source tree and in an installed package."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[2]  # .../glancelabel


@cache
def resources_dir() -> Path:
    for candidate in (_PACKAGE / "resources", _PACKAGE.parents[1] / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"GlanceLabel resources folder not found near {_PACKAGE}")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def read_resource_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")
