"""Examples in the prompt in the window: Review → Use this image as an example on a reviewed image
(refused on an unreviewed or spot-check image), Review → Examples in the prompt… (the number per
class by keys, Pick for me by a click, saved in the settings), and the prompt preview showing the
example images as sent."""

from __future__ import annotations

from dialogs_by_hand import click_button, when_modal
from menu_driving import choose
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from review_kit import store_suggestions

from glancelabel.core.app import settings as settings_mod
from glancelabel.core.geometry import Box
from glancelabel.core.store.examples import picked_examples


def reviewed(driver):
    """cat suggestions on img1 and img4; img1 and img4 accepted with Space (a person)."""
    w = driver.open(driver.folder)
    store = driver.store
    store.add_labels(["cat", "dog"])
    cat = store.label_by_name("cat").id
    store_suggestions(driver, {"img1.jpg": [("cat", cat, 0.9, Box(100, 100, 200, 150))],
                               "img4.jpg": [("cat", cat, 0.8, Box(50, 50, 100, 100))]})
    for name in ("img4.jpg", "img1.jpg"):
        w.show_image(driver.image_id(name))
        driver.wait_image(driver.image_id(name))
        driver.key(Qt.Key.Key_Space)  # accept the shown suggestion, image done
        driver.qtbot.waitUntil(lambda n=name: store.image(driver.image_id(n)).review_state
                               == "done")
    return w, cat


def status(w) -> str:
    return w.statusBar().currentMessage()


def test_use_this_image_as_an_example_and_its_refusals(driver, folder, qtbot):
    driver.folder = folder
    w, cat = reviewed(driver)
    store = driver.store
    w.show_image(driver.image_id("img2.png"))
    driver.wait_image(driver.image_id("img2.png"))
    choose(w, qtbot, "Review", "Use this image as an example")
    assert status(w) == ("img2.png is not reviewed yet; finish it (Space, X or 0) before using "
                         "it as an example.")

    img1 = driver.image_id("img1.jpg")
    w.show_image(img1)
    driver.wait_image(img1)
    choose(w, qtbot, "Review", "Use this image as an example")
    assert status(w) == ("img1.jpg is now an example of cat; no examples are sent yet: choose "
                         "how many in Review → Examples in the prompt.")
    assert picked_examples(store) == [(cat, img1)]
    choose(w, qtbot, "Review", "Use this image as an example")
    assert status(w) == "img1.jpg is already an example of cat."

    store.insert_audit(run_id=None, seed=1, method="test", params={}, target=0.9,
                       sample={driver.image_id("img4.jpg"): None})
    w.show_image(driver.image_id("img4.jpg"))
    driver.wait_image(driver.image_id("img4.jpg"))
    choose(w, qtbot, "Review", "Use this image as an example")
    assert status(w) == ("img4.jpg is in a spot-check sample, so it cannot be an example (the "
                         "figures would see it).")
    assert picked_examples(store) == [(cat, img1)]


def test_examples_dialog_by_keys_and_pick_for_me(driver, folder, qtbot):
    driver.folder = folder
    w, cat = reviewed(driver)
    seen = {}

    def use(dialog):
        seen["dialog"] = dialog
        spin = dialog.per_class
        qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)  # the keys go to it
        assert dialog.summary.text().startswith("No examples are sent")
        qtbot.keyClick(spin, Qt.Key.Key_Up)
        qtbot.keyClick(spin, Qt.Key.Key_Up)
        assert spin.value() == 2
        seen["before"] = [dialog.listing.item(i).text() for i in range(dialog.listing.count())]
        qtbot.mouseClick(dialog.pick_button, Qt.MouseButton.LeftButton)
        seen["after"] = [dialog.listing.item(i).text() for i in range(dialog.listing.count())]
        seen["summary"] = dialog.summary.text()
        click_button(qtbot, dialog, QDialogButtonBox.StandardButton.Close)

    when_modal(qtbot, use)
    choose(w, qtbot, "Review", "Examples in the prompt")
    assert "dialog" in seen
    assert seen["before"] == ["cat: img1.jpg (picked for you)", "cat: img4.jpg (picked for you)"]
    assert seen["after"] == ["cat: img1.jpg (picked)", "cat: img4.jpg (picked)"]
    assert seen["summary"] == ("Kept 2 examples picked for you. Sends 2 example images: cat 2 "
                               "(2 picked), dog 0 (up to 2 a class).")
    assert len(picked_examples(driver.store)) == 2
    assert w.settings.provider.examples_per_class == 2
    assert settings_mod.load().provider.examples_per_class == 2  # saved


def test_prompt_preview_shows_the_examples_as_sent(driver, folder, qtbot):
    from glancelabel.gui.dialogs.prompt import PromptDialog

    driver.folder = folder
    w, _cat = reviewed(driver)
    p = w.settings.provider
    p.provider, p.model, p.base_url = "anthropic", "claude-haiku-4-5", "http://127.0.0.1:9"
    p.examples_per_class = 1
    dialog = PromptDialog(driver.store, w.settings, driver.store.image_by_relpath("img2.png"), w)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None or "could not" in dialog.caption.text(),
                    timeout=20_000)
    assert dialog.preview is not None, dialog.caption.text()
    assert "With 1 example image (about " in dialog.caption.text()
    text = dialog.text_view.toPlainText()
    # img1 (640 x 480, picked for you) sent at 512 x 384, its box scaled by 0.8
    assert "[example image 1: 512 x 384 pixels, boxes drawn]" in text
    assert '{"objects": [{"label": "cat", "box": [80, 80, 240, 200]}], "tags": []}' in text
    assert text.index("### Example 1 of 1") < text.index("## Image")
    strip = dialog.examples_scroll.widget()
    assert len(strip.labels) == 1 and strip.labels[0].pixmap().width() == 512


def test_batch_dialog_shows_the_cost_with_and_without_examples(driver, folder, qtbot):
    driver.folder = folder
    w, _cat = reviewed(driver)
    seen = {}

    def use(dialog):
        label = dialog.estimate_label
        qtbot.waitUntil(lambda: "estimated cost" in label.text(), timeout=20_000)
        seen["none"] = label.text()
        qtbot.mouseClick(dialog.examples.lineEdit(), Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog.examples, Qt.Key.Key_Up)
        qtbot.waitUntil(lambda: "Examples: 1 example image," in label.text(), timeout=20_000)
        seen["one"] = label.text()
        qtbot.keyClick(dialog.examples, Qt.Key.Key_Up)
        qtbot.waitUntil(lambda: "Examples: 2 example images," in label.text(), timeout=20_000)
        seen["plan"] = dialog.plan.settings.examples_per_class
        click_button(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    when_modal(qtbot, use)
    driver.key(Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "plan" in seen, timeout=30_000)
    assert "Examples" not in seen["none"]
    line = seen["one"].splitlines()[-1]
    assert line.startswith("Examples: 1 example image, about ")
    assert "tokens a request (too short a prefix to be cached: paid in full every request): $" in line
    assert " with them, $" in line and " without, +" in line
    assert seen["plan"] == 2 and w.settings.provider.examples_per_class == 0  # this run only


def test_the_report_names_a_run_asked_with_examples():
    import time

    from glancelabel.core.model import Run
    from glancelabel.core.quality.counts import ModelQuality
    from glancelabel.gui.dialogs.report import run_label

    now = time.time()
    with_them = Run(3, "anthropic", "claude-sonnet-5-5", "batch", "h", {"examples_per_class": 2},
                    now)
    without = Run(2, "anthropic", "claude-sonnet-5-5", "batch", "h", {}, now)
    label = run_label(ModelQuality(3, "anthropic", "claude-sonnet-5-5"), with_them)
    assert label.startswith("claude-sonnet-5-5 · run 3") and ", with 2 examples a class," in label
    assert "example" not in run_label(ModelQuality(2, "anthropic", "claude-sonnet-5-5"), without)
