"""I with a provider that has no API key on a machine where no offline engine can run (no local
model in the project, RapidOCR not installed): the message says which key is missing and where it
goes, and offers nothing (the batch dialog's rule, `usable_local_engine`); the provider stays."""

from __future__ import annotations

import importlib.util

from dialogs_by_hand import to_canvas, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from glancelabel.core.app import settings as settings_mod


def test_no_engine_no_offer_only_the_key(driver, qtbot, folder, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: None
                        if name == "rapidocr_onnxruntime" else real(name, *args))
    w = driver.open(folder)
    buttons: list[str] = []
    texts: list[str] = []

    def close(box):
        texts.append(box.text())
        buttons.extend(b.text() for b in box.findChildren(QPushButton))
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    to_canvas(driver)
    driver.key(Qt.Key.Key_D)  # from broken.jpg to img1.jpg
    driver.wait_image(driver.image_id("img1.jpg"))
    when_modal(qtbot, close)
    driver.key(Qt.Key.Key_I)
    qtbot.waitUntil(lambda: bool(texts), timeout=20_000)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    (text,) = texts
    assert text == ("No Anthropic API key: add one in Settings → AI provider (it is kept in the "
                    "system keyring) or set ANTHROPIC_API_KEY in the environment.")
    assert "Use the local engine" not in buttons and buttons
    assert w.statusBar().currentMessage() == text
    assert w.settings.provider.provider == "anthropic"
    assert settings_mod.load().provider.provider == "anthropic"
    assert not any(r.provider == "local" for r in w.store.runs())
