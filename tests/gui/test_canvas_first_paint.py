"""The first box the canvas paints builds no PySide6 enum types: PySide6 makes a wrapped class's
enum types the first time one of its objects reaches Python, and the first paint would make
QStyleOption's and QGradient's (about 4 ms, while a batch's first answers arrive). The canvas
module builds them when it is imported instead. Run in a fresh process: this one has painted."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = r"""
import enum, json, os
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsScene
app = QApplication([])
from glancelabel.core.model import Box
from glancelabel.gui.canvas.items import BoxItem, BoxSpec
made = []
real = enum.EnumType.__call__
def call(cls, value, names=None, *args, **kwargs):
    if names is not None:  # the functional API: a new enum type
        made.append(value)
    return real(cls, value, names, *args, **kwargs)
enum.EnumType.__call__ = call
scene = QGraphicsScene()
for spec in (BoxSpec(("s", 1), Box(5, 5, 50, 40), "#e6194b", "car", dashed=True),
             BoxSpec(("s", 2), Box(20, 20, 50, 40), "#3cb44b", "bus", dashed=True, agreed=True),
             BoxSpec(("a", 3), Box(40, 40, 30, 30), "#4363d8", "cat")):
    scene.addItem(BoxItem(spec))
image = QImage(120, 120, QImage.Format.Format_ARGB32)
painter = QPainter(image)
scene.render(painter)
painter.end()
print(json.dumps(made))
"""


def test_the_first_box_painted_builds_no_enum_types():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout.strip().splitlines()[-1])
    assert made == []
