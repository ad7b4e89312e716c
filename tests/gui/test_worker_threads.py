"""The threads the Batch runs panel keeps itself (a run, a Batch API status refresh, a collection)
talk to the project on connections of their own: while one of them holds a write transaction, the
GUI thread's reads go on."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from glancelabel.core.store import Store
from glancelabel.core.suggest import batch_api
from glancelabel.gui.dialogs.batch import BatchProgressPanel


def _read_in_time(fn) -> list:
    """fn on a thread outside any worker block (on the store's own connection, as the GUI thread
    reads); its result, or [] if it still waits after 5 s."""
    out: list = []
    t = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    t.start()
    t.join(5)
    return out


def test_a_collection_holding_a_write_never_blocks_the_gui_threads_reads(qtbot, tmp_path,
                                                                        monkeypatch):
    store = Store(tmp_path / "p.sqlite", tmp_path)
    panel = BatchProgressPanel(store)
    qtbot.addWidget(panel)
    inside, release = threading.Event(), threading.Event()

    def collect(st, provider=None):
        with st.tx() as c:  # what storing a collected batch does, held open here
            c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('collected', 'yes')")
            inside.set()
            release.wait(10)
        return []

    monkeypatch.setattr(batch_api, "collect", collect)
    panel.show()
    qtbot.mouseClick(panel.collect_button, Qt.MouseButton.LeftButton)
    assert inside.wait(10)
    try:
        assert _read_in_time(lambda: store.get_meta("folder")) == [str(tmp_path.resolve())]
        assert _read_in_time(lambda: store.get_meta("collected")) == [None]  # not committed
    finally:
        release.set()
        assert panel.wait(10)
    qtbot.waitUntil(lambda: panel.collect_label.text() == "No batch is ready to collect yet.")
    assert store.get_meta("collected") == "yes"
    store.close()



def test_only_the_gui_thread_uses_the_windows_own_connection(driver, folder, tmp_path,
                                                               monkeypatch):
    """Through a batch run (its panel thread and request threads) and a File > Import, every
    other thread talks to the window's project on a connection of its own."""
    import json

    from provider_kit import answering

    from glancelabel.core.formats import ImportPlan
    from glancelabel.core.suggest.runner import BatchPlan
    from glancelabel.gui.dialogs.import_dialog import ImportDialog

    w = driver.open(folder)
    main_conn = w.store._main  # the connection under test
    users: set[str] = set()
    real = Store._state

    def state(self):
        st = real.fget(self)
        if self is w.store and st is main_conn:
            users.add(threading.current_thread().name)
        return st

    monkeypatch.setattr(Store, "_state", property(state))
    with answering(monkeypatch) as fake:
        panel = w.batch.panel()
        with driver.qtbot.waitSignal(panel.runFinished, timeout=30_000) as finished:
            w.batch.start(BatchPlan(provider="anthropic", base_url=fake.base_url, concurrency=2))
    assert finished.args[0].succeeded == 4
    coco = tmp_path / "labels.json"
    coco.write_text(json.dumps({
        "images": [{"id": 1, "file_name": "img1.jpg", "width": 640, "height": 480}],
        "categories": [{"id": 1, "name": "car"}],
        "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 30, 40]}]}))
    dialog = ImportDialog(w.store, w.folder, w, tasks=w.runner, plan=ImportPlan("coco", coco))
    driver.qtbot.addWidget(dialog)
    dialog.imported.connect(w.project.imported)
    with driver.qtbot.waitSignal(dialog.imported, timeout=30_000):
        dialog.start()
    assert users == {threading.main_thread().name}


def test_a_long_task_keeps_collections_short_and_a_short_one_leaves_them_alone(qtbot):
    """During a long task (a scan, an import) collections skip the objects that existed before
    it (frozen); a short one (an image decode) changes nothing; after either nothing is frozen."""
    import gc

    from glancelabel.gui.tasks import TaskRunner

    runner = TaskRunner(1)
    frozen: list[int] = []  # objects frozen while each task ran
    for long in (True, False):
        expected = len(frozen) + 1
        runner.run(gc.get_freeze_count, long=long, on_result=frozen.append)
        qtbot.waitUntil(lambda expected=expected: len(frozen) == expected)
        assert runner.wait(5000)
    assert frozen[0] > 0 and frozen[1] == 0
    assert gc.get_freeze_count() == 0


def test_a_decision_during_an_import_is_written_at_once_and_the_import_lands(driver, folder,
                                                                            tmp_path, monkeypatch):
    """File > Import's worker is half way through writing its boxes when Space is pressed: the
    window's write (the image marked done) goes through without waiting for any lock (the
    window's connection waits 0 ms here), then the import lands whole."""
    from import_kit import hundred_car_boxes

    from glancelabel.core.formats import ImportPlan
    from glancelabel.gui.dialogs.import_dialog import ImportDialog

    w = driver.open(folder)
    current = w.store.scalar("SELECT id FROM images WHERE relpath = 'img1.jpg'")
    w.show_image(current)
    driver.wait_image(current)
    halfway, go = threading.Event(), threading.Event()
    real = Store.import_annotations

    def paused(rows):
        half = len(rows) // 2
        yield from rows[:half]
        halfway.set()
        assert go.wait(10)
        yield from rows[half:]

    monkeypatch.setattr(Store, "import_annotations",
                        lambda self, rows, *a, **k: real(self, paused(list(rows)), *a, **k))
    coco = hundred_car_boxes(tmp_path)
    dialog = ImportDialog(w.store, w.folder, w, tasks=w.runner, plan=ImportPlan("coco", coco))
    driver.qtbot.addWidget(dialog)
    dialog.imported.connect(w.project.imported)
    w.store._main.conn.execute("PRAGMA busy_timeout = 0")  # a wait would be an error
    dialog.start()
    assert halfway.wait(20)
    try:
        driver.qtbot.keyClick(w.canvas, Qt.Key.Key_Space)
        assert w.store.image(current).review_state == "done"
    finally:
        with driver.qtbot.waitSignal(dialog.imported, timeout=30_000):
            go.set()
    assert w.store.scalar("SELECT count(*) FROM annotations WHERE source = 'import'") == 100
    assert w.store.image(current).review_state == "done"
    verbs = [v for (v,) in w.store.q("SELECT verb FROM events ORDER BY id")]
    assert verbs[-2:] == ["image.done", "import.annotations"]
