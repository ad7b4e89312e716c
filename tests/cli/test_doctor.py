"""`glancelabel doctor`: finds and repairs orphan rows, reports missing images, keeps a backup."""

from __future__ import annotations

from PIL import Image
from test_audit_cli import run_cli

from glancelabel.core.app.paths import project_path
from glancelabel.core.model import Box, Kind
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion


def test_doctor_reports_and_repairs(tmp_path):
    folder = tmp_path / "imgs"
    folder.mkdir()
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        Image.new("RGB", (40, 30), "red").save(folder / name)
    code, out, err = run_cli("doctor", str(folder), "--json")
    assert code == 0, err
    assert out["integrity"] == "ok" and out["problems"] == {} and out["images"] == 3

    store = Store(project_path(folder))
    cat = store.add_label("cat").changes[0].id
    a = store.image_by_relpath("a.jpg").id
    store.add_box(a, cat, Box(1, 1, 5, 5))
    store.add_suggestions(None, a, [NewSuggestion(Kind.BOX, "cat", cat, Box(2, 2, 5, 5))])
    # damage: an annotation and a suggestion of an image that is gone, a dangling class
    store._conn.execute("PRAGMA foreign_keys = OFF")
    store._conn.execute("INSERT INTO annotations (image_id, label_id, x, y, w, h) VALUES (999, ?, 0,0,1,1)", (cat,))
    store._conn.execute("INSERT INTO suggestions (image_id, raw_label, label_id) VALUES (998, 'x', 77)")
    store._conn.execute("INSERT INTO suggestions (image_id, raw_label, label_id) VALUES (?, 'y', 77)", (a,))
    store.close()
    (folder / "c.jpg").unlink()

    code, out, err = run_cli("doctor", str(folder), "--json")
    assert code == 0, err
    assert out["problems"] == {"annotations_without_image": 1, "suggestions_without_image": 1,
                               "suggestions_with_deleted_class": 2}
    assert out["missing"] == 1 and out["missing_without_work"] == 1
    assert "missing from the folder" in err

    code, out, err = run_cli("doctor", str(folder), "--repair", "--forget-missing", "--json")
    assert code == 0, err
    assert out["problems"] == {}
    assert out["repaired"]["forgotten_missing_images"] == 1
    assert out["backup"] and (tmp_path / out["backup"]).exists()

    store = Store(project_path(folder))
    assert store.image_count() == 2
    assert [x.box for x in store.annotations(a)] == [Box(1, 1, 5, 5)]  # real work untouched
    assert store.suggestions(a)[0].label_id == cat
    assert store.suggestions(a)[1].label_id is None
    store.close()
