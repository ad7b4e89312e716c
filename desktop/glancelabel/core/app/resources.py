"""One helper to find bundled resources (icons, styles, prompts, prices, sample images).

In a wheel they live in `glancelabel/resources/`; in a source checkout, in `resources/` at the top.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_root() -> Path:
    here = Path(__file__).resolve().parents[2]  # the glancelabel package
    candidates = [
        here / "resources",
        here.parent.parent / "resources",  # source tree: desktop/glancelabel -> repo root
    ]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "glancelabel" / "resources")
    for path in candidates:
        if path.is_dir():
            return path
    raise FileNotFoundError("GlanceLabel's resources folder is missing from this installation.")


def resource(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
