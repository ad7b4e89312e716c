"""Journey 3, driven only by keys and clicks on the real window: Ctrl+B asks the AI about the
images nobody has finished (the done ones are not asked again) → Review → Start spot-check… at
20 % → the sample is reviewed with Space → the whole sample leaves the verdict open → K extends
the sample → the new images are reviewed → pass → Accept the rest → File → Export… as COCO and as
YOLO → the files hold exactly the accepted boxes (and the one drawn by hand before).

The fake model finds one car on every image, always right, so every reviewed image is accepted
unchanged: the anytime-valid sequence cannot pass 4 of 4 against a 50 % target, 9 of 9 it can;
the verdict therefore goes "not settled" → extend by 5 → pass, whatever the seed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from menu_driving import choose, pick, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from fakes.batch_fakes import car_answering, image_size_of, make_images, open_project
from glancelabel.core.app import settings as settings_mod
from glancelabel.core.model import Box, ReviewState

LEFT = Qt.MouseButton.LeftButton
K = Qt.Key
ONE_CAR = {"objects": [{"label": "car", "box": [20, 10, 40, 30], "text": None,
                        "confidence": 0.9, "rationale": "a car"}], "tags": []}
N_IMAGES = 22  # img0000 (done, a car drawn by hand), img0001 (done, background), 20 new


@pytest.fixture
def fake(monkeypatch):
    with car_answering(monkeypatch) as f:
        f.default_input = ONE_CAR
        yield f


@pytest.fixture
def cars(tmp_path, fake):
    """22 images and the class "car"; two of them finished by a person before."""
    folder = tmp_path / "street"
    make_images(folder, N_IMAGES)
    store = open_project(folder, classes=("car",))
    car = store.label_by_name("car").id
    drawn = store.image_by_relpath("img0000.jpg").id
    background = store.image_by_relpath("img0001.jpg").id
    store.add_box(drawn, car, Box(3, 4, 20, 10))
    store.set_review_state([drawn, background], ReviewState.DONE)
    store.close()
    settings = settings_mod.load()
    settings.provider.base_url = fake.base_url
    settings.provider.concurrency = 2
    settings_mod.save(settings)
    return folder


# -- a person's hands ---------------------------------------------------------------------------
def answer(qtbot, act, answered: list) -> None:
    """Run `act(dialog)` on the next modal dialog once it is up and has the keyboard (the key or
    click that opens it is blocked in the dialog's event loop meanwhile)."""

    def inspect(dialog) -> None:
        answered.append(dialog)
        window_manager_activates(qtbot, dialog)
        act(dialog)

    when_modal(inspect)


def window_manager_activates(qtbot, window) -> None:
    """What the desktop does when a dialog opens or closes: that window is the active one, with
    the keyboard (the offscreen platform has no window manager to do it)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def list_texts(window) -> list[str]:
    model = window.image_panel.model
    return [model.data(model.index(row)) for row in range(model.rowCount())]


def name_in(row_text: str) -> str:
    return next(word for word in row_text.split() if word.endswith(".jpg"))


def status_message(window) -> str:
    return window.statusBar().currentMessage()


def export_through_the_dialog(qtbot, window, fmt: str) -> dict:
    """File → Export…, pick the format with the arrow keys, Export, wait, Close."""
    seen: dict = {}

    def act(dialog) -> None:
        pick(qtbot, dialog.format, fmt)
        assert dialog.format.currentData() == fmt
        qtbot.waitUntil(lambda: dialog.export_button.isEnabled())
        seen["out"] = Path(dialog.out.text())
        qtbot.mouseClick(dialog.export_button, LEFT)
        qtbot.waitUntil(lambda: dialog.stage.text() == "Done.", timeout=30_000)
        seen["summary"] = dialog.summary_text.toPlainText()
        qtbot.mouseClick(dialog.close_button, LEFT)

    answer(qtbot, act, [])
    choose(window, qtbot, "File", "Export…")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=30_000)
    assert "summary" in seen, f"the {fmt} export did not finish"
    window_manager_activates(qtbot, window)
    return seen


def test_batch_spot_check_extend_accept_rest_and_export(driver, cars, fake, qtbot):
    qtbot_wait = qtbot.waitUntil
    w = driver.open(cars)
    store = w.store
    ids = {r.relpath: r.id for r in store.all_images()}
    assert len(ids) == N_IMAGES

    # -- Ctrl+B with the default scope: the two done images are not asked (nor charged) again
    answered: list = []
    estimate: list[str] = []

    def start_the_batch(dialog) -> None:
        qtbot_wait(lambda: dialog.start_button.isEnabled())
        estimate.append(dialog.estimate_label.text())
        qtbot.mouseClick(dialog.start_button, LEFT)

    answer(qtbot, start_the_batch, answered)
    driver.key(K.Key_B, Qt.KeyboardModifier.ControlModifier)
    window_manager_activates(qtbot, w)
    assert type(answered[0]).__name__ == "BatchDialog"
    assert "20 images" in estimate[0] and "22 images" not in estimate[0]
    qtbot_wait(lambda: store.scalar("SELECT count(*) FROM jobs WHERE state = 'done'") == 20
               and not w.batch.panel().running, timeout=60_000)
    asked = sorted(image_size_of(r)[0] - 100 for r in fake.main_requests())
    assert asked == list(range(2, N_IMAGES))  # img0002 … img0021, each once
    with_suggestions = {r[0] for r in store.q("SELECT DISTINCT image_id FROM suggestions")}
    assert with_suggestions == set(ids.values()) - {ids["img0000.jpg"], ids["img0001.jpg"]}

    # -- Review → Start spot-check…: 20 % of the 20 images with suggestions, target typed as 50 %
    def create_the_spot_check(dialog) -> None:
        assert dialog.windowTitle() == "New spot-check"
        assert dialog.estimate.text().startswith("4 of 20 images with suggestions")
        field = dialog.target.lineEdit()
        qtbot.mouseClick(field, LEFT)
        qtbot.keyClick(field, K.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, "50")
        assert dialog.target.value() == 50.0
        box = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), LEFT)

    answer(qtbot, create_the_spot_check, answered)
    choose(w, qtbot, "Review", "Start spot-check…")
    qtbot_wait(lambda: w.spot_check.active)
    window_manager_activates(qtbot, w)
    assert QApplication.focusWidget() is w.canvas  # the mode put the keyboard on the image
    panel = w.spot_check.panel
    audit_id = store.latest_audit_id()
    assert store.audit_row(audit_id)["target"] == pytest.approx(0.5)
    first = panel.sample_ids()  # walked in a seeded random order
    assert len(first) == 4 and sorted(first) == store.audit_sample_ids(audit_id)
    relpath_of = {v: k for k, v in ids.items()}
    # the list shows only the sample, each with its one pending suggestion
    assert [t.split() for t in list_texts(w)] == [[relpath_of[i], "◌1"] for i in first]
    assert w.current_id == first[0]
    assert panel.verdict.text() == "No verdict yet"
    assert not panel.extend_button.isEnabled() and not panel.accept_button.isEnabled()

    # -- the sample, by keys: Space accepts the car and goes to the next sampled image
    for n in range(1, 5):
        current = w.current_id
        driver.key(K.Key_Space)
        assert store.image(current).review_state == ReviewState.DONE
        assert panel.progress.text() == f"{n} of 4 reviewed"
        if n < 4:
            assert panel.verdict.text() == "Not settled so far"
            assert "italic" in panel.verdict.styleSheet()
            assert w.current_id in first and w.current_id != current
            assert not panel.extend_button.isEnabled()  # K waits for the whole sample
    assert {i for i in first if store.image(i).review_state == ReviewState.DONE} == set(first)

    # -- the whole sample leaves it open: the panel and the status bar say so and offer K
    assert panel.verdict.text() == "Not settled: the whole sample leaves it open"
    assert "about 5 more images would likely settle it" in panel.detail.text()
    assert panel.extend_button.isEnabled()
    assert panel.extend_button.text() == "Extend the sample by 5 images (K)"
    assert not panel.accept_button.isEnabled()
    assert w.status_work.text() == ("Spot-check: 4 of 4 reviewed, not settled by the whole "
                                    "sample: K extends it")
    assert status_message(w).endswith("Every sampled image is reviewed; not settled by the "
                                      "whole sample: K extends it.")
    assert "No image needs review" not in status_message(w)

    driver.key(K.Key_K)
    sample = store.audit_sample_ids(audit_id)
    added = [i for i in sample if i not in first]
    assert len(sample) == 9 and len(added) == 5
    assert status_message(w).startswith("Added 5 images to the sample (9 in all)")
    shown = {name_in(t): t for t in list_texts(w)}
    assert sorted(shown) == sorted(relpath_of[i] for i in sample)
    assert {n for n, t in shown.items() if "◌1" in t} == {relpath_of[i] for i in added}
    assert w.current_id in added  # straight to the first new image
    assert panel.progress.text() == "4 of 9 reviewed"
    assert panel.verdict.text() == "Not settled so far"
    assert not panel.extend_button.isEnabled()
    assert w.status_work.text() == "Spot-check: 4 of 9 reviewed, not settled so far"

    # -- the new images are reviewed like the others; Space finds each of them
    for n in range(1, 6):
        current = w.current_id
        assert current in added and store.image(current).review_state == ReviewState.NEW
        driver.key(K.Key_Space)
        assert store.image(current).review_state == ReviewState.DONE
        if n < 5:
            assert "No image needs review" not in status_message(w)
    assert all(store.image(i).review_state == ReviewState.DONE for i in sample)
    assert status_message(w).endswith("Every sampled image is reviewed; pass: accept the rest "
                                      "in the Spot-check panel.")
    assert panel.verdict.text() == "Pass: the AI is good enough for the rest"
    assert "#1a7f37" in panel.verdict.styleSheet()
    assert not panel.extend_button.isEnabled()
    assert panel.accept_button.isEnabled()
    assert panel.accept_button.text() == "Accept the rest: 11 suggestions on 11 images"

    # -- Accept the rest: asked first, then one step
    def say_yes(dialog) -> None:
        assert isinstance(dialog, QMessageBox) and "Accept 11 pending suggestions" in dialog.text()
        qtbot.mouseClick(dialog.button(QMessageBox.StandardButton.Yes), LEFT)

    answer(qtbot, say_yes, answered)
    qtbot.mouseClick(panel.accept_button, LEFT)
    window_manager_activates(qtbot, w)
    qtbot_wait(lambda: panel.status is not None and panel.status.rest_accepted == 11,
               timeout=30_000)
    assert panel.message.text() == "Accepted 11 suggestions on 11 images."
    assert store.scalar("SELECT count(*) FROM suggestions WHERE state = 'pending'") == 0
    assert store.scalar("SELECT count(*) FROM suggestions WHERE decided_by = 'spot-check'") == 11
    assert all(r.review_state == ReviewState.DONE for r in store.all_images())

    # -- what the project holds is what the exports must hold
    truth: dict[str, list[tuple[str, tuple[float, ...]]]] = {}
    for relpath, name, x, y, bw, bh in store.q(
            "SELECT i.relpath, l.name, a.x, a.y, a.w, a.h FROM annotations a"
            " JOIN images i ON i.id = a.image_id JOIN labels l ON l.id = a.label_id"):
        truth.setdefault(relpath, []).append((name, (x, y, bw, bh)))
    assert sum(len(v) for v in truth.values()) == 21  # 20 accepted + 1 drawn by hand
    assert "img0001.jpg" not in truth  # the background image
    sizes = {r.relpath: (r.width, r.height) for r in store.all_images()}

    coco = export_through_the_dialog(qtbot, w, "coco")
    data = json.loads(coco["out"].read_text(encoding="utf-8"))
    names = {c["id"]: c["name"] for c in data["categories"]}
    files = {im["id"]: im["file_name"] for im in data["images"]}
    assert sorted(Path(f).name for f in files.values()) == sorted(ids)
    got: dict[str, list] = {}
    for ann in data["annotations"]:
        got.setdefault(Path(files[ann["image_id"]]).name, []).append(
            (names[ann["category_id"]], tuple(ann["bbox"])))
    assert {k: sorted(v) for k, v in got.items()} == {
        k: sorted((n, pytest.approx(b, abs=1e-3)) for n, b in v) for k, v in truth.items()}

    yolo = export_through_the_dialog(qtbot, w, "yolo")
    label_files = {p.stem: p for p in (yolo["out"] / "labels").rglob("*.txt")}
    assert sorted(label_files) == sorted(Path(r).stem for r in ids)  # background: an empty file
    for relpath in ids:
        lines = label_files[Path(relpath).stem].read_text(encoding="utf-8").split("\n")
        rows = sorted(tuple(float(v) for v in line.split()) for line in lines if line.strip())
        W, H = sizes[relpath]
        want = sorted((0.0, (x + bw / 2) / W, (y + bh / 2) / H, bw / W, bh / H)
                      for _n, (x, y, bw, bh) in truth.get(relpath, []))
        assert rows == [pytest.approx(r, abs=1e-5) for r in want], relpath
    assert [type(d).__name__ for d in answered] == ["BatchDialog", "SpotCheckCreateDialog",
                                                    "QMessageBox"]
