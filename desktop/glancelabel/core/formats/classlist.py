"""Read a class list from `classes.txt` (one name a line) or a YOLO `data.yaml` (`names`)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import GlanceLabelError
from ..i18n import N_


class ClassListError(GlanceLabelError, ValueError):
    pass


def read_class_names(path: Path) -> list[str]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ClassListError(N_("errors", "Cannot read {path}: {reason}."), path=str(path),
                             reason=str(exc)) from exc
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            what = getattr(exc, "problem", None) or "it cannot be parsed"
            if mark is not None:
                raise ClassListError(N_("errors", "{path} is not valid YAML (line {line}): "
                                        "{reason}."), path=str(path), line=mark.line + 1,
                                     reason=what) from exc
            raise ClassListError(N_("errors", "{path} is not valid YAML: {reason}."),
                                 path=str(path), reason=what) from exc
        names = data.get("names") if isinstance(data, dict) else None
        if isinstance(names, dict):
            try:
                return [str(names[k]) for k in sorted(names, key=int)]
            except (TypeError, ValueError) as exc:
                raise ClassListError(N_("errors", "{path}: 'names' keys must be class numbers."),
                                     path=str(path)) from exc
        if isinstance(names, list):
            return [str(n) for n in names]
        raise ClassListError(N_("errors", "{path} has no 'names' list or mapping."),
                             path=str(path))
    return [line.strip() for line in text.splitlines() if line.strip()]
