"""The spot-check in Chinese, by keys and clicks: Review → Start spot-check… (the New spot-check
dialog, a seed and a 50 % target typed), the sample reviewed with X and Space until the whole
sample leaves the verdict open, K extends it, the new images reviewed until it passes, a class
row selected, Accept the rest asked and done. Everything the panel, the dialog, the dock and the
status bar show on the way, and every message box's title and text (the message boxes are
answered by a stand-in, so nothing modal waits), must be Chinese beyond names.

A second test reads the panel on its own for the sentences the walk cannot reach: a label that
is not a class yet outside the sample, a box added with no class, the figures before any review.
"""

from __future__ import annotations

import pytest
from control_walk import visible_texts
from dialogs_by_hand import click_button, to_canvas, when_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_zh_visible_text import choose_item, english

from fakes.batch_fakes import make_images
from glancelabel.core.app import paths
from glancelabel.core.folder.scan import scan_folder
from glancelabel.core.model import Box, Kind, ReviewState
from glancelabel.core.spotcheck.sample import SpotCheckPlan, create_spot_check
from glancelabel.core.spotcheck.verdict import Verdict
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.gui import i18n
from glancelabel.gui.dialogs.spotcheck import SpotCheckPanel

pytestmark = pytest.mark.timeout(300)

LEFT = Qt.MouseButton.LeftButton
N_IMAGES = 30


@pytest.fixture
def street(tmp_path):
    """30 images, one suggestion each (car or 行人 in turn, always right) from one run."""
    folder = tmp_path / "street"
    make_images(folder, N_IMAGES, width=120, height=90)
    with Store(paths.project_path(folder, None), folder) as store:
        scan_folder(store, folder)
        store.add_labels(["car", "行人"])
        labels = {lab.name: lab.id for lab in store.labels()}
        run = store.create_run("anthropic", "claude-x")
        for k, image in enumerate(store.all_images()):
            name = ("car", "行人")[k % 2]
            store.add_suggestions(run, image.id, [
                NewSuggestion(Kind.BOX, name, labels[name], Box(10, 10, 40, 30), None, 0.9, "")])
    return folder


class Seen:
    """Every text read on the way, with where it was read; message boxes answered Yes."""

    def __init__(self, window, monkeypatch):
        self.texts: list[tuple[str, str]] = []
        self.boxes: list[tuple[str, str]] = []  # (title, text) of each message box asked
        window.statusBar().messageChanged.connect(lambda t: self.texts.append(("status bar", t)))

        def question(parent, title, text, *args, **kwargs):
            self.boxes.append((title, text))
            return QMessageBox.StandardButton.Yes

        def exec_(box):
            self.boxes.append((box.windowTitle(), box.text()))
            self.boxes.append(("informative text", box.informativeText()))
            return int(QMessageBox.StandardButton.Ok)

        def static(parent, title, text, *args, **kwargs):
            self.boxes.append((title, text))
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, "question", question)
        monkeypatch.setattr(QMessageBox, "exec", exec_)
        for name in ("information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, name, static)

    def read(self, widget, step: str) -> None:
        self.texts += [(f"{where} ({step})", text) for where, text in visible_texts(widget)]

    def english(self) -> list[str]:
        return sorted({f"{t!r}  ({where})" for where, t in self.texts + self.boxes
                       if str(t).strip() and english(str(t).strip())})


def create_through_the_menu(driver, seen: Seen) -> None:
    """Review → Start spot-check… by the menu keys; in the dialog a seed and a 50 % target are
    typed and Create clicked."""
    w, qtbot = driver.window, driver.qtbot

    def create(dialog) -> None:
        seen.read(dialog, "New spot-check")
        for spin, text in ((dialog.seed, "7"), (dialog.target, "50")):
            field = spin.lineEdit()
            qtbot.mouseClick(field, LEFT)
            qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(field, text)
        assert (dialog.seed.value(), dialog.target.value()) == (7, 50.0)
        seen.read(dialog, "New spot-check, filled")
        click_button(qtbot, dialog)

    when_modal(qtbot, create)
    choose_item(w, qtbot, "spot_check")
    qtbot.waitUntil(lambda: w.spot_check.active)
    to_canvas(driver)


def review_until_a_verdict(driver, seen: Seen, panel) -> list[str]:
    """X on the first sampled image, Space on the others; K when the whole sample leaves the
    verdict open. Returns the keys pressed, in order (X, Space, K)."""
    pressed: list[str] = []
    for _ in range(60):
        st = panel.status
        if st.decision.settled and st.verdict != Verdict.CONTINUE:
            return pressed
        if st.next_unreviewed() is None:
            assert panel.extend_button.isEnabled()
            seen.read(panel, "the whole sample leaves it open")
            driver.key(Qt.Key.Key_K)
            pressed.append("K")
            seen.read(panel, "after K")
            continue
        current = driver.window.current_id
        key = "X" if not pressed else "Space"
        driver.key(Qt.Key.Key_X if key == "X" else Qt.Key.Key_Space)
        driver.qtbot.waitUntil(lambda i=current: driver.store.image(i).review_state
                               == ReviewState.DONE)
        pressed.append(key)
        seen.read(panel, f"after {key}")
    raise AssertionError(f"no verdict after {pressed}")


def test_spot_check_in_chinese_shows_no_english(driver, qtbot, qapp, street, monkeypatch):
    i18n.install(qapp, "zh_CN")
    try:
        w = driver.open(street)
        seen = Seen(w, monkeypatch)
        create_through_the_menu(driver, seen)
        panel = w.spot_check.panel
        seen.read(w.spot_check.dock, "spot-check started")
        pressed = review_until_a_verdict(driver, seen, panel)
        assert pressed[0] == "X" and "K" in pressed and pressed[-1] == "Space"
        assert panel.status.verdict == Verdict.PASS
        seen.read(w.spot_check.dock, "pass")
        # a class row chosen by a click: the class buttons say their class
        rect = panel.table.visualRect(panel.table.model().index(0, 0))
        qtbot.mouseClick(panel.table.viewport(), LEFT, pos=rect.center())
        assert panel.selected_class() in ("car", "行人")
        seen.read(panel, "a class selected")
        pending = panel.status.rest_pending
        assert pending > 0 and panel.accept_button.isEnabled()
        qtbot.mouseClick(panel.accept_button, LEFT)
        qtbot.waitUntil(lambda: panel.status is not None and panel.status.rest_accepted == pending,
                        timeout=30_000)
        seen.read(w.spot_check.dock, "the rest accepted")
    finally:
        i18n.install(qapp, "en")
    assert seen.english() == [], "English in the spot-check:\n" + "\n".join(seen.english())
    assert len(seen.boxes) == 1  # the question before accepting the rest, and nothing else
    (title, question), = seen.boxes
    assert title == "接受其余建议"
    assert panel.title.text().startswith("抽检 ")
    assert panel.accept_button.text().startswith("其余建议已接受（")
    assert question.startswith("接受无人审核的 ") and "撤销可全部恢复" in question
    assert panel.message.text().startswith("已接受 ")
    assert driver.store.scalar("SELECT count(*) FROM suggestions WHERE state = 'pending'") == 0


def test_panel_sentences_out_of_the_walk_in_chinese(qtbot, qapp, tmp_path):
    """Before any review; an unknown label outside the sample; a box a person added with no
    class on a sampled image (its row in the table is "(no class)" translated)."""
    with Store(tmp_path / "p.sqlite") as store:
        store.add_labels(["car"])
        store.add_images([(f"im{i:02d}.jpg", 1, 1) for i in range(12)])
        ids = [r.id for r in store.all_images()]
        store.set_headers([(i, 100, 100, 1, "JPEG", "ok", None) for i in ids])
        store.set_sort_keys(ids)
        run = store.create_run("fake", "m")
        for i in ids:
            store.add_suggestions(run, i, [NewSuggestion(Kind.BOX, "car", 1, Box(1, 1, 9, 9), None, 0.8)])
        store.add_suggestions(run, ids[-1], [NewSuggestion(Kind.BOX, "wombat", None, Box(1, 1, 9, 9), None, 0.1)])
        audit_id = create_spot_check(store, SpotCheckPlan(run_id=run, fraction=0.25, seed=3))
        sampled = store.audit_sample_ids(audit_id)
        i18n.install(qapp, "zh_CN")
        try:
            panel = SpotCheckPanel(store, audit_id, confirm=lambda _w, _t: False)
            qtbot.addWidget(panel)
            panel.show()
            texts = visible_texts(panel)
            first = sampled[0]
            sid = store.suggestions(first, states=["pending"])[0].id
            store.accept_suggestions([sid], mark_done=True)
            store.add_box(first, None, Box(20, 20, 10, 10))
            panel.refresh()
            texts += visible_texts(panel)
        finally:
            i18n.install(qapp, "en")
        shown = {str(t).strip() for _w, t in texts if str(t).strip()}
        assert "（无类别）" in shown
        assert any("样本之外有 1 条建议的标签还不是类别" in t for t in shown)
        assert sorted(t for t in shown if english(t)) == []


def test_per_class_buttons_and_question_in_chinese(qtbot, qapp, tmp_path):
    """Cats and rabbits pass on their own, dogs fail, birds stay open: the class buttons, the
    failing classes, the question before accepting the passed classes and what it did, in
    Chinese (names listed with 、), by clicks on the panel."""
    with Store(tmp_path / "p.sqlite") as store:
        store.add_labels(["cat", "dog", "bird", "兔"])
        ids = {lab.name: lab.id for lab in store.labels()}
        store.add_images([(f"p{i:02d}.jpg", 1, 1) for i in range(60)])
        images = [r.id for r in store.all_images()]
        store.set_headers([(i, 100, 100, 1, "JPEG", "ok", None) for i in images])
        store.set_sort_keys(images)
        run = store.create_run("fake", "m")
        for n, image_id in enumerate(images):
            items = [NewSuggestion(Kind.BOX, "cat", ids["cat"], Box(4, 4, 30, 20), None, 0.9),
                     NewSuggestion(Kind.BOX, "兔", ids["兔"], Box(50, 50, 30, 20), None, 0.9)]
            if n % 2 == 0:
                items.append(NewSuggestion(Kind.BOX, "dog", ids["dog"], Box(40, 30, 10, 10), None, 0.4))
            if n % 15 == 7:
                items.append(NewSuggestion(Kind.BOX, "bird", ids["bird"], Box(2, 30, 12, 12), None, 0.8))
            store.add_suggestions(run, image_id, items)
        audit_id = create_spot_check(store, SpotCheckPlan(run_id=run, fraction=0.5, seed=4,
                                                          target=0.8, stratify=True,
                                                          min_per_class=2))
        for image_id in store.audit_sample_ids(audit_id):  # the dogs rejected, the rest accepted
            for s in store.suggestions(image_id, states=["pending"]):
                (store.reject_suggestions if s.label_id == ids["dog"]
                 else store.accept_suggestions)([s.id])
            store.set_review_state([image_id], ReviewState.DONE)
        asked: list[str] = []
        i18n.install(qapp, "zh_CN")
        try:
            panel = SpotCheckPanel(store, audit_id,
                                   confirm=lambda _w, text: asked.append(text) or True)
            qtbot.addWidget(panel)
            panel.show()
            verdicts = {c.name: c.verdict for c in panel.status.summary.per_class}
            assert verdicts == {"cat": Verdict.PASS, "兔": Verdict.PASS, "dog": Verdict.FAIL,
                                "bird": Verdict.CONTINUE}
            texts = visible_texts(panel)
            row = next(r for r in range(panel.table.rowCount())
                       if panel.table.item(r, 0).text() == "bird")
            rect = panel.table.visualRect(panel.table.model().index(row, 0))
            qtbot.mouseClick(panel.table.viewport(), LEFT, pos=rect.center())
            assert panel.class_extend_button.text() == "扩大 bird 的样本"
            texts += visible_texts(panel)
            assert panel.classes_button.text().startswith("接受已通过的类别（cat、兔）：")
            qtbot.mouseClick(panel.classes_button, LEFT)
            texts += visible_texts(panel)
        finally:
            i18n.install(qapp, "en")
    (question,) = asked
    assert question.startswith("接受无人审核的图片上已通过类别（cat、兔）的 ")
    assert any(t.endswith("模型。低于目标的类别：dog。") for _w, t in texts)  # no space after 。
    assert panel.message.text().startswith("已接受 ")
    found = sorted({t for _w, t in texts if t.strip() and english(t.strip())} | (
        {question} if english(question) else set()))
    assert found == []
