"""Naming the local provider's model: a local model of the project by name, or an ONNX file.

The project's local models (trained from its reviewed labels, table `local_models`) are named;
`resolve_local_model` turns a name or a path into the file the local provider loads, and
`local_model_choices` lists them for a picker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import GlanceLabelError
from ..i18n import N_
from ..store.base import StoreBase
from ..store.training import local_model, local_models


class LocalModelError(GlanceLabelError):
    """A local model that cannot be used: unknown name, missing file."""


@dataclass(frozen=True)
class LocalModelChoice:
    name: str
    task: str  # detect | classify
    path: str
    classes: tuple[str, ...]

    @property
    def title(self) -> str:
        """'shapes-1 (detector: circle, square)'"""
        kind = "classifier" if self.task == "classify" else "detector"
        return f"{self.name} ({kind}: {', '.join(self.classes)})"


def local_model_choices(store: StoreBase) -> list[LocalModelChoice]:
    """The project's local models, newest first."""
    return [LocalModelChoice(m.name, m.task, m.path, tuple(m.class_names))
            for m in reversed(local_models(store))]


def resolve_local_model(store: StoreBase, value: str) -> Path:
    """The ONNX file of the project's local model called `value`, else the file at `value`."""
    model = local_model(store, value)
    if model is not None:
        path = Path(model.path)
        if not path.is_file():
            raise LocalModelError(N_("errors", "The local model {name} is registered at {path}, "
                                     "but that file is missing."), name=value, path=str(path))
        return path
    path = Path(value).expanduser()
    if path.is_file():
        return path.resolve()
    names = ", ".join(m.name for m in local_models(store)) or "none yet"
    raise LocalModelError(N_("errors", "{value} is neither a local model of this project (its "
                             "local models: {names}) nor an ONNX file."), value=value, names=names)
