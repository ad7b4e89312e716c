"""Every error sentence core makes for people is a marked template plus values, so the interface
can translate it: a `GlanceLabelError` (any class of the family) built in these packages gets an
`N_(context, "...")` literal as its sentence (the class's context: "errors", or
"image_problems" for image problems), or passes on an existing error's template and
values, and the template's `{names}` are exactly the keyword values given."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
from functools import cache
from pathlib import Path

import pytest

import glancelabel.core
from glancelabel.core.errors import GlanceLabelError

CORE = Path(glancelabel.core.__file__).parent
PACKAGES = ("store", "folder", "providers", "suggest", "app", "formats", "errors.py",
            "spotcheck", "consensus", "training", "team", "model.py", "geometry.py")
# keyword arguments of family classes that are not values of the sentence
NOT_VALUES = {"retryable", "retry_after", "status", "kind", "rate_limits", "raw", "usage"}


def family_names() -> dict[str, str]:
    """GlanceLabelError and all its subclasses, every core module imported: name -> the
    context of its templates."""
    for info in pkgutil.walk_packages(glancelabel.core.__path__, "glancelabel.core."):
        importlib.import_module(info.name)
    names: dict[str, str] = {}
    todo: list[type[GlanceLabelError]] = [GlanceLabelError]
    while todo:
        cls = todo.pop()
        names[cls.__name__] = getattr(cls, "context", "errors")
        todo += cls.__subclasses__()
    return names


def files() -> list[Path]:
    out: list[Path] = []
    for name in PACKAGES:
        path = CORE / name
        out += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return out


def called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def template_of(node: ast.expr) -> tuple[str, str] | None:
    """(context, template) of an `N_("context", "template")` call, else None."""
    if (isinstance(node, ast.Call) and called_name(node) == "N_" and len(node.args) == 2
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)):
        context, template = (a.value for a in node.args)  # type: ignore[attr-defined]
        return context, template
    return None


def marked_constants(paths: list[Path]) -> dict[str, tuple[str, str]]:
    """Module-level `NAME = N_("context", "template")` in these files (a raise may name one)."""
    found: dict[str, tuple[str, str]] = {}
    for path in paths:
        for node in ast.parse(path.read_text("utf-8")).body:
            if (isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)
                    and (marked := template_of(node.value)) is not None):
                assert found.setdefault(node.targets[0].id, marked) == marked, node.targets[0].id
    return found


@cache
def core_constants() -> dict[str, tuple[str, str]]:
    return marked_constants(files())


def passes_on(call: ast.Call) -> bool:
    """`SomeError(other.template, **other.values)`: an existing error's sentence passed on."""
    first = call.args[0]
    spread = [k.value for k in call.keywords if k.arg is None]
    return (isinstance(first, ast.Attribute) and first.attr == "template" and len(spread) == 1
            and isinstance(spread[0], ast.Attribute) and spread[0].attr == "values")


def problems_in(path: Path, family: dict[str, str], root: Path = CORE,
                constants: dict[str, tuple[str, str]] | None = None) -> list[str]:
    constants = core_constants() if constants is None else constants
    tree = ast.parse(path.read_text("utf-8"), str(path))
    where = path.relative_to(root)
    out: list[str] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and called_name(node) in family):
            continue
        cls = called_name(node)
        at = f"{where}:{node.lineno} {cls}"
        if not node.args:
            if any(k.arg not in NOT_VALUES for k in node.keywords):
                out.append(f"{at}: values without a template")
            continue  # the class's own (marked) sentence
        if passes_on(node):
            continue
        first = node.args[0]
        marked = constants.get(first.id) if isinstance(first, ast.Name) else template_of(first)
        if marked is None:
            out.append(f"{at}: the sentence is not an N_(context, \"...\") literal")
            continue
        context, template = marked
        if context != family[cls]:
            out.append(f"{at}: context {context!r}, not {family[cls]!r}")
        names = {field for _, field, _, _ in string.Formatter().parse(template) if field}
        given = {k.arg for k in node.keywords if k.arg is not None and k.arg not in NOT_VALUES}
        if names != given:
            out.append(f"{at}: template names {sorted(names)} but values {sorted(given)}")
    return out


def test_the_packages_are_there():
    assert len(files()) > 40
    assert {"ProviderError", "FormatError", "ImageProblem", "LabelError"} <= family_names().keys()


@pytest.mark.parametrize("path", files(), ids=lambda p: str(p.relative_to(CORE)))
def test_every_error_sentence_is_a_marked_template(path):
    assert problems_in(path, family_names()) == []


def test_the_check_sees_an_f_string_and_a_missing_value(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('raise FormatError(f"{x} is bad")\n'
                   'raise FormatError(N_("errors", "{x} is bad"), y=1)\n'
                   'raise FormatError(N_("errors", "{x} is bad"), x=1)\n'
                   'raise FormatError(exc.template, **exc.values)\n', "utf-8")
    found = [p.split(": ", 1)[1] for p in problems_in(bad, {"FormatError": "errors"}, tmp_path, {})]
    assert found == ["the sentence is not an N_(context, \"...\") literal",
                     "template names ['x'] but values ['y']"]

