"""File > Import… while the window's worker still reads image sizes: the import dialog says what
it waits for instead of a silent "Starting…", then imports once the read is done."""

from __future__ import annotations

import json
import threading

from menu_driving import choose, when_modal
from PySide6.QtCore import Qt

from glancelabel.core.folder import scan


def test_an_import_says_it_waits_for_the_header_read(driver, folder, tmp_path, monkeypatch):
    gate = threading.Event()
    original = scan.read_headers

    def slow_read_headers(store, folder, *, progress=None, cancel=None):
        gate.wait(30)  # a big folder: the header read takes a while
        return original(store, folder, progress=progress, cancel=cancel)

    monkeypatch.setattr(scan, "read_headers", slow_read_headers)
    coco = tmp_path / "labels.json"
    coco.write_text(json.dumps({
        "images": [{"id": 1, "file_name": "img1.jpg", "width": 640, "height": 480}],
        "categories": [{"id": 1, "name": "cat"}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 20, 100, 50]}],
    }))
    qtbot = driver.qtbot
    assert driver.app.open_folder(folder)
    w = driver.window = driver.app.window
    qtbot.addWidget(w)
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.status_work.text().startswith("Reading image sizes"))

    seen: dict[str, str] = {}

    def import_by_hand(dialog) -> None:
        dialog.path.setFocus()
        qtbot.keyClicks(dialog.path, str(coco))
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        seen["waiting"] = dialog.stage.text()
        gate.set()  # the header read ends; the import runs after it
        qtbot.waitUntil(lambda: dialog.stage.text() == "Imported.", timeout=20_000)
        seen["done"] = dialog.stage.text()

    state = when_modal(import_by_hand)
    choose(w, qtbot, "File", "Import…")
    gate.set()
    assert "dialog" in state
    assert seen == {"waiting": "Import waits for: reading image sizes…", "done": "Imported."}
    assert w.store.scalar("SELECT count(*) FROM annotations") == 1
    qtbot.waitUntil(lambda: not w.scanning, timeout=20_000)
