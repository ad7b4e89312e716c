"""No code without a caller: every function the package defines is called or referenced somewhere
(the package or its tests), and no import of the package's own modules is guarded by
`except ImportError` (they always ship)."""

from __future__ import annotations

import ast
import functools
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop" / "glancelabel"

# Qt calls these virtuals itself; nothing in Python names them.
QT_VIRTUALS = re.compile(r"^(paint|boundingRect|shape|sizeHint|minimumSizeHint|data|rowCount|"
                         r"columnCount|headerData|flags|setData|\w+Event|eventFilter|"
                         r"createEditor|setEditorData|setModelData)$")

PLAIN = {"property", "staticmethod", "classmethod", "cached_property", "cache"}


def _sources(*folders: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for f in folders for p in f.rglob("*.py")}


@functools.cache  # parsed once for the tests of this module
def _package_trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(text) for path, text in _sources(PACKAGE).items()}


def test_every_function_has_a_caller():
    package = _sources(PACKAGE)
    words = Counter(re.findall(r"\w+", "\n".join([*package.values(),
                                                    *_sources(ROOT / "tests").values()])))
    defined: Counter[str] = Counter()
    found = []
    for path, tree in _package_trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                defined[node.name] += 1
                decorators = {ast.unparse(d) for d in node.decorator_list}
                if decorators <= PLAIN:  # other decorators register them (commands, slots)
                    found.append((path, node))
    uncalled = [f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}" for path, node in found
                if not node.name.startswith("__") and not QT_VIRTUALS.match(node.name)
                and words[node.name] <= defined[node.name]]
    assert not uncalled, "\n".join(uncalled)


def test_no_import_error_guard_around_the_package_s_own_modules():
    guarded = []
    for path, tree in _package_trees().items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Try):
                continue
            catches = {ast.unparse(h.type) for h in node.handlers if h.type is not None}
            if not any("ImportError" in c for c in catches):
                continue
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom) and (stmt.level > 0
                                                         or (stmt.module or "").startswith("glancelabel")):
                    guarded.append(f"{path.relative_to(PACKAGE)}:{stmt.lineno}")
    assert not guarded, guarded
