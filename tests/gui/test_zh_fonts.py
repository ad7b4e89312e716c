"""Chinese text needs a font with CJK glyphs. GlanceLabel ships none and uses the system's
(through fontconfig on Linux: Debian's fonts-noto-cjk, or any other CJK font such as
fonts-droid-fallback). With one installed, every Chinese character of the translation and a
class name lays out with real glyphs; with fontconfig limited to a Latin font (as on a machine
without a CJK font) the same text lays out as empty boxes, which shows the check can fail."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QTextLayout

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "glancelabel_zh_CN.ts"
LATIN_ONLY = Path("/usr/share/fonts/truetype/dejavu")


def chinese_text() -> str:
    return "".join(sorted(set(re.findall(r"[\u4e00-\u9fff]", TS.read_text("utf-8")))
                          | set("行人红绿灯")))


def boxes(text: str, font: QFont) -> int:
    """How many characters of `text` no font (the given one or a fallback) can draw."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    glyphs = [g for run in layout.glyphRuns() for g in run.glyphIndexes()]
    return sum(g == 0 for g in glyphs) + max(0, len(text) - len(glyphs))


def test_the_translation_and_class_names_draw_with_real_glyphs(qapp):
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no CJK font installed: Chinese would show as boxes (Debian: fonts-noto-cjk)")
    text = chinese_text()
    assert len(text) > 200
    assert boxes(text, qapp.font()) == 0


@pytest.mark.skipif(not LATIN_ONLY.is_dir(), reason="needs DejaVu fonts (fonts-dejavu-core)")
def test_without_a_cjk_font_chinese_draws_as_boxes(tmp_path):
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f"<dir>{LATIN_ONLY}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    code = ("import sys; from PySide6.QtWidgets import QApplication; "
            "from PySide6.QtGui import QFontDatabase as D; "
            "sys.path.insert(0, sys.argv[1]); import test_zh_fonts as t; app = QApplication([]); "
            "print(bool(D.families(D.WritingSystem.SimplifiedChinese)), "
            "t.boxes(t.chinese_text(), app.font()))")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent)], env=env,
                         capture_output=True, text=True, timeout=120, check=True).stdout.split()
    assert out[0] == "False"
    assert int(out[1]) > 200
