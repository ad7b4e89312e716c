"""Qt's standard dialogs the app opens (file dialogs, message boxes, input dialogs) get their title and sentence
from the app: written as a plain string literal or an f-string, they would stay English in the
Chinese interface, and the visible-text walk does not open every file dialog (they are chosen
from Browse buttons inside dialogs). Read from the source: every such argument is a call
(translate, error_text, ...) or a name, except the known ones listed below, exactly."""

from __future__ import annotations

import ast
from pathlib import Path

from glancelabel.gui import i18n

CALLS = {
    "QFileDialog": {"getOpenFileName": 1, "getOpenFileNames": 1, "getSaveFileName": 1,
                    "getExistingDirectory": 1},
    "QMessageBox": {"warning": 2, "critical": 2, "information": 2, "question": 2, "about": 2},
    "QInputDialog": {"getText": 2, "getItem": 2, "getInt": 2, "getDouble": 2,
                     "getMultiLineText": 2},
}  # class -> static method -> how many arguments after the parent are texts
NAMES = {"Batch API", "GlanceLabel"}  # titles that are names
# (file, text) still English in the Chinese interface: take an entry off when it is translated
KNOWN: set[tuple[str, str]] = set()


def literal_texts() -> set[tuple[str, str]]:
    """(file, text) of every title or sentence given to a standard dialog as a literal."""
    gui = Path(i18n.__file__).parent
    found = set()
    for path in sorted(gui.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)):
                continue
            count = CALLS.get(node.func.value.id, {}).get(node.func.attr)
            for arg in node.args[1:1 + count] if count else ():
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    if arg.value not in NAMES:
                        found.add((path.name, arg.value))
                elif isinstance(arg, ast.JoinedStr):
                    found.add((path.name, ast.unparse(arg)))
    return found


def test_standard_dialogs_get_their_words_translated():
    found = literal_texts()
    assert found - KNOWN == set(), "a standard dialog's title or sentence is English: translate it"
    assert KNOWN - found == set(), "translated or gone: take it off KNOWN"


def test_the_check_sees_a_literal_caption(tmp_path, monkeypatch):
    gui = tmp_path / "gui"
    gui.mkdir()
    (gui / "i18n.py").write_text("")
    (gui / "x.py").write_text(
        "QFileDialog.getSaveFileName(self, 'Save it', str(p))\n"
        "QMessageBox.warning(self, translate('x', 'Title'), f'{n} failed')\n"
        "QMessageBox.warning(self, translate('x', 'Title'), error_text(exc))\n")
    monkeypatch.setattr(i18n, "__file__", str(gui / "i18n.py"))
    assert literal_texts() == {("x.py", "Save it"), ("x.py", "f'{n} failed'")}
