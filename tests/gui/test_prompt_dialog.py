"""Review → Prompt…: instructions saved in the project, the classes as sent, and a preview of the
exact text and the prepared image (its sent pixel size and token estimate), with no network."""

from __future__ import annotations

import pytest

from glancelabel.core.suggest.ask import INSTRUCTIONS_META_KEY


@pytest.fixture
def opened(driver, folder):
    w = driver.open(folder)
    store = driver.store
    store.add_labels(["cat", "dog"])
    w.commit(store.update_label(store.label_by_name("cat").id, description="a domestic cat, any pose"))
    p = w.settings.provider
    p.provider, p.model, p.max_side = "anthropic", "claude-haiku-4-5", 320
    p.base_url = "http://127.0.0.1:9"  # nothing listens there: a preview sends nothing
    return driver


def open_dialog(driver, qtbot, relpath: str):
    from glancelabel.gui.dialogs.prompt import PromptDialog

    w = driver.window
    rec = driver.store.image_by_relpath(relpath)
    dialog = PromptDialog(driver.store, w.settings, rec, w)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview is not None or "could not" in dialog.caption.text(),
                    timeout=20_000)
    return dialog


def test_preview_shows_the_sent_size_the_classes_and_the_instructions(opened, qtbot):
    dialog = open_dialog(opened, qtbot, "img1.jpg")  # 640 x 480, capped at 320
    assert dialog.preview is not None, dialog.caption.text()
    caption = dialog.caption.text()
    assert "Sent image: 320 × 240 px, JPEG" in caption
    assert "about 108 image tokens" in caption  # ceil(320/28) * ceil(240/28)
    assert "Image as displayed: 640 × 480 px" in caption
    pixmap = dialog.image_label.pixmap()
    assert (pixmap.width(), pixmap.height()) == (320, 240)  # shown at its sent size
    text = dialog.text_view.toPlainText()
    assert "exactly 320 x 240 pixels" in text
    assert "- cat: a domestic cat, any pose" in text and "- dog" in text
    assert "━━ system ━━" in text and "━━ user ━━" in text
    assert "Label every clearly visible instance" in text  # the default instructions
    classes = dialog.classes.toPlainText()
    assert classes.startswith("## Classes") and "- cat: a domestic cat, any pose" in classes

    # edited instructions are previewed at once and saved in the project
    with qtbot.waitSignal(dialog.preview_ready, timeout=20_000):
        dialog.instructions.setPlainText("Only label cats that sit on a sofa.")
    assert "Only label cats that sit on a sofa." in dialog.text_view.toPlainText()
    assert "Label every clearly visible instance" not in dialog.text_view.toPlainText()
    assert opened.store.get_meta(INSTRUCTIONS_META_KEY, "") == ""  # not before Save
    dialog.save_and_close()
    assert opened.store.get_meta(INSTRUCTIONS_META_KEY) == "Only label cats that sit on a sofa."

    again = open_dialog(opened, qtbot, "img1.jpg")
    assert again.instructions.toPlainText() == "Only label cats that sit on a sofa."
    again.reject()


def test_preview_of_a_rotated_image_is_in_the_displayed_frame(opened, qtbot):
    opened.window.settings.provider.max_side = 0  # the provider's own limit
    dialog = open_dialog(opened, qtbot, "img3.jpg")  # stored 400 x 200, EXIF 6: shown 200 x 400
    assert "Sent image: 200 × 400 px" in dialog.caption.text()
    pixmap = dialog.image_label.pixmap()
    assert (pixmap.width(), pixmap.height()) == (200, 400)
    assert "exactly 200 x 400 pixels" in dialog.text_view.toPlainText()
    dialog.reject()


def test_preview_problem_is_one_sentence(opened, qtbot):
    dialog = open_dialog(opened, qtbot, "broken.jpg")
    assert dialog.preview is None
    assert dialog.caption.text().startswith("The preview could not be built:")
    dialog.reject()


def test_prompt_action_opens_the_dialog_on_the_current_image(opened, monkeypatch):
    from glancelabel.gui.dialogs.prompt import PromptDialog

    w = opened.window
    opened_on = []
    monkeypatch.setattr(PromptDialog, "exec", lambda self: opened_on.append(self.image.id) or 0)
    review_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Review")
    assert w.actions_by_id["prompt"] in review_menu.actions()
    assert w.actions_by_id["prompt"].text() == "Prompt…"
    w.actions_by_id["prompt"].trigger()
    assert opened_on == [w.current_id]
