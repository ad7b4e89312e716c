"""The translation file is complete and current: lupdate over today's code finds exactly the
messages the committed .ts holds, every one is translated, and the committed .qm is what
lrelease makes of the .ts. The app loads it (and Qt's own) for a Chinese setting or system."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from glancelabel.core.errors import GlanceLabelError, StorageError, storage_error
from glancelabel.gui import i18n

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "glancelabel_zh_CN.ts"
MESSAGE = re.compile(r"<context>\s*<name>(.*?)</name>(.*?)</context>", re.S)
SOURCE = re.compile(r"<source>(.*?)</source>", re.S)


def messages(ts: Path) -> set[tuple[str, str]]:
    text = ts.read_text("utf-8")
    return {(unescape(ctx), unescape(src)) for ctx, body in MESSAGE.findall(text)
            for src in SOURCE.findall(body)}


def test_ts_holds_exactly_the_strings_of_the_code(tmp_path):
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    i18n.extract(fresh)
    committed, now = messages(TS), messages(fresh)
    assert committed, "no messages extracted"
    assert now - committed == set(), "strings in the code missing from the .ts: run python -m glancelabel.gui.i18n"
    assert committed - now == set(), "the .ts holds strings the code no longer has"


def test_every_message_is_translated():
    text = TS.read_text("utf-8")
    unfinished = re.findall(r"<source>([^<]*)</source>\s*(?:<comment>[^<]*</comment>\s*)?"
                            r"<translation type=\"unfinished\"", text)
    assert unfinished == []


def test_qm_is_compiled_from_the_ts(tmp_path):
    qm = tmp_path / "out.qm"
    i18n.compile_qm(TS, qm)
    assert qm.read_bytes() == TS.with_suffix(".qm").read_bytes(), (
        "the .qm is stale: run python -m glancelabel.gui.i18n")


@pytest.mark.parametrize(("setting", "system", "expected"), [
    ("", "zh_CN", "zh_CN"),
    ("", "zh_SG", "zh_CN"),
    ("", "zh_TW", ""),
    ("", "de_DE", ""),
    ("en", "zh_CN", ""),
    ("zh_CN", "en_US", "zh_CN"),
])
def test_language_follows_the_setting_then_the_system(setting, system, expected):
    assert i18n.language_for(setting, QLocale(system)) == expected


@pytest.fixture
def chinese(qapp):
    assert i18n.install(qapp, "zh_CN") == "zh_CN"
    yield qapp
    i18n.install(qapp, "en")


def test_chinese_translates_the_app_and_qt_and_english_does_not(chinese):
    assert i18n.translate("StartScreen", "Open the sample folder") == "打开示例文件夹"
    # Qt's own translation (qtbase_zh_CN) for standard buttons
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    i18n.install(chinese, "en")
    assert i18n.translate("StartScreen", "Open the sample folder") == "Open the sample folder"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_error_sentences_are_translated_templates_filled_with_their_values(chinese):
    exc = storage_error(OSError(28, "No space left on device", "/data/project.sqlite"))
    assert isinstance(exc, StorageError)
    assert str(exc) == "The disk is full (/data/project.sqlite): free some space and try again"
    assert i18n.error_text(exc) == "磁盘已满（/data/project.sqlite）：请释放一些空间后重试"
    # a sentence nobody translated yet stays English, its values filled
    assert i18n.error_text(GlanceLabelError("No such thing: {name}", name="行人")) == (
        "No such thing: 行人")
    assert i18n.error_text(ValueError("plain")) == "plain"


def test_every_literal_translate_call_and_marker_is_in_the_ts():
    """lupdate skips a call it cannot parse (one with another call among its arguments): every
    `translate("ctx", "text", ...)` and `N_("ctx", "text")` written with literals must be in
    the .ts, or it would stay English."""
    import ast

    committed = messages(TS)
    missing = []
    for path in i18n.sources():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("translate", "N_") and len(node.args) >= 2):
                continue
            ctx, text = node.args[0], node.args[1]
            if isinstance(ctx, ast.Constant) and isinstance(text, ast.Constant):
                if (ctx.value, text.value) not in committed:
                    missing.append(f"{path.name}:{node.lineno} {ctx.value}: {text.value!r}")
    assert missing == []
