"""Sentences core hands to the interface (`said(N_(context, template), **values)` and
`counted(n, N_(..., one), N_(..., many), **values)`, core/i18n.py) name exactly the values they
are given, so the translated template can be filled with them; and the English of a Text is
its template filled in, as the CLI prints it."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import glancelabel.core
from glancelabel.core.i18n import N_, Sentences, counted, said

CORE = Path(glancelabel.core.__file__).parent
PACKAGES = ("spotcheck", "consensus", "training", "team")


def files() -> list[Path]:
    return [f for name in PACKAGES for f in sorted((CORE / name).rglob("*.py"))]


def names(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def marked(node: ast.expr) -> str | None:
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_"
            and len(node.args) == 2 and all(isinstance(a, ast.Constant) for a in node.args)):
        return node.args[1].value  # type: ignore[attr-defined]
    return None


def problems_in(path: Path, root: Path = CORE) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("said", "counted")):
            continue
        if any(k.arg is None for k in node.keywords):
            continue  # values spread from a mapping: checked where it is built
        given = {k.arg for k in node.keywords}
        templates = node.args[:1] if node.func.id == "said" else node.args[1:3]
        if node.func.id == "counted":
            given.add("count")
        for arg in templates:
            template = marked(arg)
            at = f"{path.relative_to(root)}:{node.lineno}"
            if template is None:
                named = arg.value if isinstance(arg, ast.Subscript) else arg
                if not isinstance(named, ast.Name):  # a marked constant, or a table of them
                    out.append(f"{at}: not an N_(context, \"...\") literal")
            elif names(template) != given:
                out.append(f"{at}: template names {sorted(names(template))} but values "
                           f"{sorted(given)}")
    return out


@pytest.mark.parametrize("path", files(), ids=lambda p: str(p.relative_to(CORE)))
def test_every_text_names_its_values(path):
    assert problems_in(path) == []


def test_the_check_sees_a_missing_value(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('said(N_("x", "{a} and {b}"), a=1)\n'
                   'counted(n, N_("x", "{count} cat"), N_("x", "{count} cats of {who}"))\n'
                   'said(N_("x", "{a}"), a=1)\n'
                   'said(f"{a}", a=1)\n', "utf-8")
    found = [p.split(": ", 1)[1] for p in problems_in(bad, tmp_path)]
    assert found == ["template names ['a', 'b'] but values ['a']",
                     "template names ['count', 'who'] but values ['count']",
                     "not an N_(context, \"...\") literal"]


def test_a_text_in_english_is_its_template_filled_in():
    inner = counted(2, N_("t", "{count} image"), N_("t", "{count} images"))
    text = said(N_("t", "Pulled {what} from '{title}'."), what=inner, title="行人")
    assert str(text) == "Pulled 2 images from '行人'." and text.context == "t"
    assert str(counted(1, N_("t", "{count} image"), N_("t", "{count} images"))) == "1 image"
    assert str(Sentences([text, said(N_("t", "Done."))])) == "Pulled 2 images from '行人'. Done."
