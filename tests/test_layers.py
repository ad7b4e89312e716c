"""The import contract, read from the source (every import, also those inside functions):

- `core` never imports `gui`, `cli`, PySide6 or shiboken6 (an `import` statement or a call of
  `importlib.import_module`/`__import__` with the module's name written out);
- `core.formats` never imports `core.providers`; `core.store` imports neither (nor `gui`);
- no module imports a private name (`_x`) from another module, and no module outside a package
  imports that package's private modules (`providers._remote` is for `providers` only);
- no import cycles among core modules, lazy imports included (imports under
  `if TYPE_CHECKING:` are not run and do not count for cycles).

The subprocess check that importing all of core loads no Qt stays in tests/core/test_no_qt.py.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

import glancelabel

ROOT = Path(glancelabel.__file__).parent

# (importer prefix, forbidden target prefixes)
FORBIDDEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("glancelabel.core", ("glancelabel.gui", "glancelabel.cli", "PySide6", "shiboken6")),
    ("glancelabel.core.formats", ("glancelabel.core.providers",)),
    ("glancelabel.core.store", ("glancelabel.core.formats", "glancelabel.core.providers")),
)


@dataclass(frozen=True)
class Import:
    module: str  # the module or package imported, absolute
    names: tuple[str, ...]  # names taken from it (`from module import a, b`)
    line: int
    lazy: bool  # inside a function
    type_only: bool  # under `if TYPE_CHECKING:`


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _dynamic_import(node: ast.AST) -> str | None:
    """The module a call `importlib.import_module("m")` or `__import__("m")` names, when it is
    written as a string; None for any other node."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    called = func.id if isinstance(func, ast.Name) else (
        func.attr if isinstance(func, ast.Attribute) else "")
    first = node.args[0]
    if called in ("import_module", "__import__") and isinstance(first, ast.Constant) and \
            isinstance(first.value, str) and not first.value.startswith("."):
        return first.value
    return None


@functools.cache  # the core's modules are read by both tests of this module
def imports_of(source: str, name: str, is_package: bool = False) -> list[Import]:
    """Every import statement in `source` (the module `name`), wherever it stands."""
    found: list[Import] = []
    package = name if is_package else name.rpartition(".")[0]

    def visit(node: ast.AST, lazy: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend(Import(a.name, (), child.lineno, lazy, type_only) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                found.append(Import(target, tuple(a.name for a in child.names), child.lineno,
                                    lazy, type_only))
            elif (dynamic := _dynamic_import(child)) is not None:
                found.append(Import(dynamic, (), child.lineno, lazy, type_only))
                visit(child, lazy, type_only)
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    visit(ast.Module(body=[stmt], type_ignores=[]), lazy, True)
                for stmt in child.orelse:
                    visit(ast.Module(body=[stmt], type_ignores=[]), lazy, type_only)
            else:
                inner = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
                visit(child, lazy or inner, type_only)

    visit(ast.parse(source), False, False)
    return found


def all_modules(root: Path = ROOT) -> dict[str, tuple[Path, bool]]:
    return {module_name(p, root): (p, p.name == "__init__.py") for p in sorted(root.rglob("*.py"))}


def _private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def violations(name: str, imports: list[Import], modules: set[str]) -> list[str]:
    """What `name` breaks in the contract with these imports."""
    bad: list[str] = []
    where = f"{name}"
    for imp in imports:
        targets = [imp.module] + [f"{imp.module}.{n}" for n in imp.names
                                  if f"{imp.module}.{n}" in modules]
        for importer, forbidden in FORBIDDEN:
            if name == importer or name.startswith(importer + "."):
                for target in targets:
                    if any(target == f or target.startswith(f + ".") for f in forbidden):
                        bad.append(f"{where}:{imp.line} imports {target}"
                                   f"{' (inside a function)' if imp.lazy else ''}")
        for target in targets:
            parts = target.split(".")
            for i, part in enumerate(parts):
                if _private(part):
                    owner = ".".join(parts[:i])
                    if not (name == owner or name.startswith(owner + ".")):
                        bad.append(f"{where}:{imp.line} imports the private module {target}")
        if imp.module != name and imp.module.startswith("glancelabel"):
            for n in imp.names:
                if _private(n) and f"{imp.module}.{n}" not in modules:
                    bad.append(f"{where}:{imp.line} imports the private name {imp.module}.{n}")
    return sorted(set(bad))


def graph(root: Path = ROOT, prefix: str = "glancelabel.core") -> dict[str, set[str]]:
    """Module -> the modules it imports (run-time imports, lazy ones included), within prefix."""
    modules = all_modules(root)
    edges: dict[str, set[str]] = {}
    for name, (path, is_pkg) in modules.items():
        if not name.startswith(prefix):
            continue
        out = edges.setdefault(name, set())
        for imp in imports_of(path.read_text(encoding="utf-8"), name, is_pkg):
            if imp.type_only:
                continue
            for n in imp.names:
                if f"{imp.module}.{n}" in modules:
                    out.add(f"{imp.module}.{n}")
                    break
            else:
                if imp.module in modules:
                    out.add(imp.module)
        out.discard(name)
        edges[name] = {t for t in out if t.startswith(prefix)}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    groups: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return sorted(groups)


def test_every_module_keeps_the_contract():
    modules = all_modules()
    assert "glancelabel.core.store" in modules and "glancelabel.gui.main_window" in modules
    bad: list[str] = []
    for name, (path, is_pkg) in modules.items():
        bad += violations(name, imports_of(path.read_text(encoding="utf-8"), name, is_pkg),
                          set(modules))
    assert bad == [], "\n".join(bad)


def test_no_import_cycles_among_core_modules():
    edges = graph()
    # the graph holds the package's real edges (a lazy one among them), so an empty graph
    # cannot pass for "no cycles"
    assert "glancelabel.core.suggest.ask" in edges["glancelabel.core.suggest.plan"]  # lazy
    assert sum(len(v) for v in edges.values()) > 100
    found = cycles(edges)
    assert found == [], "\n".join(" <-> ".join(c) for c in found)


# The checker itself: a lazy import, a private name and a cycle are all caught.

MODULES = {"glancelabel.core.store.labels", "glancelabel.core.providers._remote",
           "glancelabel.core.providers.records", "glancelabel.gui.main_window"}


def test_the_checker_sees_an_import_inside_a_function():
    source = "def show():\n    from ...gui.main_window import MainWindow\n    return MainWindow\n"
    found = imports_of(source, "glancelabel.core.store.labels")
    assert [(i.module, i.lazy) for i in found] == [("glancelabel.gui.main_window", True)]
    assert violations("glancelabel.core.store.labels", found, MODULES) == [
        "glancelabel.core.store.labels:2 imports glancelabel.gui.main_window (inside a function)"]
    qt = imports_of("class A:\n    def f(self):\n        import PySide6.QtCore\n",
                    "glancelabel.core.model")
    assert violations("glancelabel.core.model", qt, MODULES) == [
        "glancelabel.core.model:3 imports PySide6.QtCore (inside a function)"]
    dynamic = imports_of("def f():\n    return __import__('importlib').import_module("
                         "'PySide6.QtGui')\n", "glancelabel.core.model")
    assert violations("glancelabel.core.model", dynamic, MODULES) == [
        "glancelabel.core.model:2 imports PySide6.QtGui (inside a function)"]


def test_the_checker_sees_private_names_modules_and_layer_breaks():
    source = ("from ..providers._remote import Built\n"
              "from ..providers.records import _invalid\n"
              "from ..formats import coco\n")
    found = imports_of(source, "glancelabel.core.store.labels")
    assert violations("glancelabel.core.store.labels", found, MODULES) == [
        "glancelabel.core.store.labels:1 imports glancelabel.core.providers._remote",
        "glancelabel.core.store.labels:1 imports the private module "
        "glancelabel.core.providers._remote",
        "glancelabel.core.store.labels:2 imports glancelabel.core.providers.records",
        "glancelabel.core.store.labels:2 imports the private name "
        "glancelabel.core.providers.records._invalid",
        "glancelabel.core.store.labels:3 imports glancelabel.core.formats",
    ]
    # a package's own modules may use its private module
    inside = imports_of("from ._remote import RemoteProvider\n",
                        "glancelabel.core.providers.openai")
    assert violations("glancelabel.core.providers.openai", inside, MODULES) == []


def test_the_cycle_check_finds_a_cycle_closed_by_a_lazy_import():
    edges = {"a": {"b"}, "b": {"c"}, "c": set(), "d": {"a"}}
    assert cycles(edges) == []
    edges["c"].add("a")  # e.g. `def f(): from .a import x` in c
    assert cycles(edges) == [["a", "b", "c"]]
