"""No function or method in the package is longer than MAX_LINES: a long one is split into
well-named helpers (a function that must stay long is listed in EXCEPTIONS with its reason)."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import glancelabel

MAX_LINES = 80
PACKAGE = Path(glancelabel.__file__).parent
# "path/inside/the/package.py:function" -> why it stays longer
EXCEPTIONS: dict[str, str] = {}


@functools.cache  # the package is read once for the tests of this module
def long_functions(root: Path, limit: int) -> list[tuple[str, int]]:
    """("relpath:name", lines) of every function longer than `limit` lines (decorators and
    docstring included), longest first."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                lines = node.end_lineno - node.lineno + 1
                if lines > limit:
                    found.append((f"{path.relative_to(root).as_posix()}:{node.name}", lines))
    return sorted(found, key=lambda item: -item[1])


def test_no_function_is_longer_than_the_limit():
    too_long = [(name, n) for name, n in long_functions(PACKAGE, MAX_LINES)
                if name not in EXCEPTIONS]
    assert not too_long, f"functions over {MAX_LINES} lines (split them): {too_long}"


def test_every_exception_is_still_long():
    still = {name for name, _n in long_functions(PACKAGE, MAX_LINES)}
    stale = sorted(set(EXCEPTIONS) - still)
    assert not stale, f"no longer over {MAX_LINES} lines: remove from EXCEPTIONS: {stale}"


def test_the_measure_counts_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES))
    (tmp_path / "m.py").write_text(f"def short():\n    pass\n\n\ndef long():\n{body}\n")
    assert long_functions(tmp_path, MAX_LINES) == [("m.py:long", MAX_LINES + 1)]
