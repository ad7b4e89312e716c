"""Per-class spot-check decisions in the real window: cats pass, dogs fail, owls stay open; a
click selects the owl row and extends the sample for owls; "Accept the passed classes" accepts
only the cats on the images nobody reviewed (asked first, one step), and Ctrl+Z takes it back."""

from __future__ import annotations

from menu_driving import when_modal
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from glancelabel.core.model import Box, Kind, ReviewState
from glancelabel.core.spotcheck.sample import SpotCheckPlan, create_spot_check
from glancelabel.core.store.suggestions import NewSuggestion

LEFT = Qt.MouseButton.LeftButton


def test_accept_only_the_passed_classes_then_undo_and_extend_for_an_open_class(driver, qtbot,
                                                                                 tmp_path):
    folder = tmp_path / "pets"
    folder.mkdir()
    for i in range(60):
        Image.new("RGB", (64 + i % 5, 48), (i * 4, 90, 160)).save(folder / f"p{i:02d}.jpg")
    w = driver.open(folder)
    store = w.store
    w.commit(store.add_label("cat"))
    w.commit(store.add_label("dog"))
    w.commit(store.add_label("owl"))
    ids = {lab.name: lab.id for lab in store.labels()}
    run = store.create_run("fake", "m")
    images = w.image_panel.model.ids()
    for n, image_id in enumerate(images):
        items = [NewSuggestion(Kind.BOX, "cat", ids["cat"], Box(4, 4, 30, 20), 0.9)]
        if n % 2 == 0:
            items.append(NewSuggestion(Kind.BOX, "dog", ids["dog"], Box(40, 30, 10, 10), 0.4))
        if n % 15 == 7:
            items.append(NewSuggestion(Kind.BOX, "owl", ids["owl"], Box(2, 30, 12, 12), 0.8))
        store.add_suggestions(run, image_id, items)
    audit_id = create_spot_check(store, SpotCheckPlan(run_id=run, fraction=0.5, seed=4,
                                                      target=0.8, stratify=True,
                                                      min_per_class=2))
    sample = store.audit_sample_ids(audit_id)
    for image_id in sample:  # a person accepted the cats and owls and rejected the dogs
        for s in store.suggestions(image_id, states=["pending"]):
            if s.label_id == ids["dog"]:
                store.reject_suggestions([s.id])
            else:
                store.accept_suggestions([s.id])
        store.set_review_state([image_id], ReviewState.DONE)
    assert w.spot_check.start(audit_id)
    panel = w.spot_check.panel
    st = panel.status
    verdicts = {c.name: str(c.verdict) for c in st.summary.per_class}
    assert verdicts == {"cat": "pass", "dog": "fail", "owl": "continue"}
    assert panel.verdict.text() == "Fail: below the target"
    assert not panel.accept_button.isEnabled()
    rows = {panel.table.item(r, 0).text(): r for r in range(panel.table.rowCount())}
    assert [panel.table.item(rows[c], 1).text() for c in ("cat", "dog", "owl")] == [
        "pass", "fail", "not settled so far"]
    cats_left, _images = st.rest_of_classes(["cat"])
    assert cats_left == 60 - len(sample)
    assert panel.classes_button.isEnabled()
    assert panel.classes_button.text() == f"Accept the passed classes (cat): {cats_left} suggestions"

    # -- a click on the owl row, then on "Extend the sample for owl": more owl images
    assert not panel.class_extend_button.isEnabled()
    rect = panel.table.visualItemRect(panel.table.item(rows["owl"], 0))
    qtbot.mouseClick(panel.table.viewport(), LEFT, pos=rect.center())
    assert panel.selected_class() == "owl"
    assert panel.class_extend_button.isEnabled()
    assert panel.class_extend_button.text() == "Extend the sample for owl"
    owls_out = [i for n, i in enumerate(images) if n % 15 == 7 and i not in sample]
    assert owls_out
    with qtbot.waitSignal(panel.sample_extended) as sig:
        qtbot.mouseClick(panel.class_extend_button, LEFT)
    assert sorted(sig.args[0].added) == sorted(owls_out)
    assert set(store.audit_sample_ids(audit_id)) == set(sample) | set(owls_out)
    assert w.image_panel.model.rowCount() == len(sample) + len(owls_out)  # the walk grew
    assert panel.message.text() == (f"Added {len(owls_out)} image"
                                    f"{'s' if len(owls_out) > 1 else ''} holding owl to the "
                                    "sample: review them like the others.")

    # -- Accept the passed classes: asked first, then one step; dogs and owls stay pending
    before = {r[0]: (r[1], r[2]) for r in store.q(
        "SELECT s.id, s.state, i.review_state FROM suggestions s"
        " JOIN images i ON i.id = s.image_id")}
    asked = []

    def say_yes(dialog) -> None:
        asked.append(dialog.text())
        qtbot.mouseClick(dialog.button(QMessageBox.StandardButton.Yes), LEFT)

    when_modal(say_yes)
    with qtbot.waitSignal(panel.rest_accepted, timeout=30_000):
        qtbot.mouseClick(panel.classes_button, LEFT)
    assert asked and "of the classes that passed (cat)" in asked[0]
    assert "The other classes stay pending" in asked[0]
    qtbot.waitUntil(lambda: panel.status.rest_accepted > 0, timeout=10_000)
    rest = store.q("SELECT l.name, s.state, s.decided_by, i.review_state, i.id FROM suggestions s"
                   " JOIN images i ON i.id = s.image_id JOIN labels l ON l.id = s.label_id"
                   f" WHERE i.id NOT IN ({','.join('?' * len(sample))})", tuple(sample))
    assert {(r[1], r[2]) for r in rest if r[0] == "cat"} == {("accepted", "spot-check")}
    assert {r[1] for r in rest if r[0] != "cat"} == {"pending"}
    waiting = {r[4] for r in rest if r[0] != "cat"}
    assert {r[3] for r in rest if r[4] in waiting} == {"new"}
    assert {r[3] for r in rest if r[4] not in waiting} == {"done"}
    assert panel.status.rest_accepted == cats_left
    assert not panel.classes_button.isEnabled()

    # -- Ctrl+Z takes the whole step back
    w.activateWindow()  # what the desktop does when the question closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    w.canvas.setFocus()
    assert w.actions_by_id["undo"].isEnabled()
    driver.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    after = {r[0]: (r[1], r[2]) for r in store.q(
        "SELECT s.id, s.state, i.review_state FROM suggestions s"
        " JOIN images i ON i.id = s.image_id")}
    assert after == before
    assert panel.status.rest_accepted == 0 and panel.classes_button.isEnabled()
