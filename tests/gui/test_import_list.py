"""After File > Import the image list shows what a list loaded anew from the project shows (marks,
box counts, tooltips); when the import leaves the list's rows as they were (boxes on listed
images) the list is not reset, only its rows read again, so a large list is not laid out again
and the row under the cursor stays; when the filter's rows change (images that became done leave
'Not done') it holds the new rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_import_undo import import_coco

from glancelabel.gui.image_list import ImageListModel

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def shown(model) -> list[tuple]:
    return [tuple(model.data(model.index(r), role) for role in ROLES)
            for r in range(model.rowCount())]


def fresh(w) -> list[tuple]:
    model = ImageListModel(w.store)
    model.reload(w.image_panel.model.filter, w.image_panel.model.search)
    return shown(model)


def test_an_import_into_listed_images_reads_the_rows_again_without_a_reset(
        driver, folder, tmp_path, monkeypatch):
    w = driver.open(folder)
    model, view = w.image_panel.model, w.image_panel.view
    img2 = driver.image_id("img2.png")
    w.show_image(img2)
    driver.wait_image(img2)
    before = shown(model)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    import_coco(driver, w, tmp_path, monkeypatch)
    after = shown(model)
    assert after == fresh(w) and after != before
    assert [text for text, _tip in after if text.startswith("✓ ")] != []  # img1, img2 done
    assert resets == []
    assert model.image_id(view.currentIndex().row()) == img2


def test_an_import_that_changes_the_filtered_rows_lists_the_new_ones(
        driver, folder, tmp_path, monkeypatch):
    w = driver.open(folder)
    w.image_panel.set_filter("new")
    model = w.image_panel.model
    listed = len(model.ids())
    import_coco(driver, w, tmp_path, monkeypatch)
    assert len(model.ids()) == listed - 2  # img1 and img2 are done now
    assert shown(model) == fresh(w)
