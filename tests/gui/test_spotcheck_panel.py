"""The spot-check panel and the dialog that creates a spot-check, offscreen."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from glancelabel.core.model import Box, Kind, ReviewState
from glancelabel.core.review.undo import UndoStack
from glancelabel.core.spotcheck.sample import (
    SpotCheckPlan,
    Verdict,
    create_spot_check,
    spot_check_status,
)
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion
from glancelabel.gui.dialogs.spotcheck import SpotCheckCreateDialog, SpotCheckPanel

BOX = Box(10, 10, 50, 50)


@pytest.fixture
def store(tmp_path):
    """60 images with one suggestion each (cat or dog), and one unknown label on the last."""
    s = Store(tmp_path / "p.sqlite")
    s.add_labels(["cat", "dog"])
    s.add_images([(f"im{i:02d}.jpg", 1, 1) for i in range(60)])
    ids = [r.id for r in s.all_images()]
    s.set_headers([(i, 100, 100, 1, "JPEG", "ok", None) for i in ids])
    s.set_sort_keys(ids)
    run = s.create_run("fake", "m")
    rng = random.Random(0)
    for i in ids:
        label = rng.choice([1, 2])
        s.add_suggestions(run, i, [NewSuggestion(Kind.BOX, "x", label, BOX, confidence=0.8)])
    s.add_suggestions(run, ids[-1], [NewSuggestion(Kind.BOX, "wombat", None, BOX, 0.1)])
    s.run_id = run
    yield s
    s.close()


def review(store, image_id: int, ok: bool):
    sid = store.suggestions(image_id, states=["pending"])[0].id
    if ok:
        return store.accept_suggestions([sid], mark_done=True)
    return store.reject_suggestions([sid], mark_done=True)


def undo_last(store):
    """The inverse of the latest logged change set."""
    from glancelabel.core.review.changes import ChangeSet, RowChange

    ev = store.events(1)[0]
    changes = tuple(RowChange(t, i, b, a) for t, i, b, a in ev["changes"]["changes"])
    return ChangeSet(ev["verb"], changes, ev["image_id"]).inverted()


def test_panel_follows_reviews_and_accepts_the_rest(qtbot, store):
    audit_id = create_spot_check(store, SpotCheckPlan(run_id=store.run_id, fraction=0.5, seed=1,
                                             target=0.6))
    asked = []
    panel = SpotCheckPanel(store, audit_id, confirm=lambda _w, text: asked.append(text) or True)
    qtbot.addWidget(panel)
    sample = panel.sample_ids()
    assert sample == spot_check_status(store, audit_id).sample_ids and len(sample) == 30
    assert sorted(sample) == store.audit_sample_ids(audit_id)  # walked in a seeded random order
    assert (panel.progress.value(), panel.progress.maximum()) == (0, 30)
    assert panel.progress.text() == "0 of 30 reviewed"
    assert not panel.accept_button.isEnabled()
    assert panel.verdict.text() == "No verdict yet"
    assert not panel.extend_button.isEnabled()
    assert panel.next_unreviewed() == sample[0]
    panel.show()
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)  # off without a pass
    assert not asked  # nothing asked, nothing done
    assert panel.accept_rest() is None and not asked  # (nor when asked for by code)

    # a change to an image outside the sample re-reads no sampled image, only the counts
    outside = next(i for i in range(1, 61) if i not in sample)
    reads = []
    original = store.audit_sample
    store.audit_sample = lambda *a: reads.append(a) or original(*a)
    rest_before = panel.status.rest_pending
    panel.on_change(review(store, outside, ok=True))
    assert reads == [] and panel.status.rest_pending == rest_before - 1
    # a decision in the sample re-reads that image only
    with qtbot.waitSignal(panel.status_changed):
        panel.on_change(review(store, sample[0], ok=True))
    assert reads == [(panel.audit_id, [sample[0]])]
    del store.audit_sample
    store.apply(undo_last(store))  # undo that decision again
    panel.on_change(None)
    assert panel.status.summary.reviewed == 0

    passed_early = False
    for n, image_id in enumerate(sample, start=1):
        with qtbot.waitSignal(panel.status_changed) as sig:
            panel.on_change(review(store, image_id, ok=n != 2))
        st = sig.args[0]
        assert st.summary.reviewed == n
        assert panel.progress.value() == n
        assert panel.next_unreviewed(image_id) == (sample[n] if n < len(sample) else None)
        # an anytime-valid pass, at whatever look, lets the rest be accepted
        assert panel.accept_button.isEnabled() == (st.verdict == Verdict.PASS)
        if st.verdict == Verdict.CONTINUE:
            assert panel.verdict.text() == "Not settled so far"
            style = panel.verdict.styleSheet()
            assert "italic" in style and "bold" not in style
            assert panel.acceptance.text().startswith("So far: accepted unchanged")
            assert "95 % Wilson interval" in panel.acceptance.text()
            left = 30 - n
            assert f"{left} image{'s' if left > 1 else ''} left to review" in panel.detail.text()
        elif n < 30:
            passed_early = True
            assert panel.verdict.text() == "Pass: the AI is good enough for the rest"
            assert "#1a7f37" in panel.verdict.styleSheet()
            left = 30 - n
            assert f"with {left} sampled image{'s' if left > 1 else ''} unreviewed" in (
                panel.detail.text())
            assert panel.acceptance.text().startswith("Accepted unchanged")
    assert passed_early  # 17 of 18 against 60 %: the sequence passed it before the end
    assert st.verdict == Verdict.PASS
    assert panel.verdict.text() == "Pass: the AI is good enough for the rest"
    assert "#1a7f37" in panel.verdict.styleSheet()
    assert not panel.extend_button.isEnabled()
    assert f"{st.summary.accepted} of {st.summary.reviewed} images" in panel.acceptance.text()
    assert panel.table.rowCount() == len(st.summary.per_class) >= 1
    assert panel.table.item(0, 0).text() in ("cat", "dog")
    assert "1 suggestion outside the sample has a label" in panel.detail.text()  # the wombat
    pending_rest = st.rest_pending
    assert str(pending_rest) in panel.accept_button.text()

    pending_before = store.suggestion_counts()["pending"]
    undo = UndoStack(store.apply)
    panel.rest_accepted.connect(undo.push)
    with qtbot.waitSignal(panel.rest_accepted) as sig:
        qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert asked and "Undo restores them all" in asked[0]
    cs = sig.args[0]
    assert cs.verb == "audit.accept_rest" and len(cs.ids("suggestions")) == pending_rest
    assert not panel.accept_button.isEnabled()
    assert store.suggestion_counts()["pending"] == pending_before - pending_rest
    assert "The rest was accepted" in panel.accept_button.text()
    assert f"Accepted {pending_rest} suggestions" in panel.message.text()

    undone = undo.undo()
    panel.on_change(undone.inverted())
    assert panel.accept_button.isEnabled()
    assert store.suggestion_counts()["pending"] == pending_before


def test_panel_confirm_no_does_nothing_and_fail_names_classes(qtbot, store):
    audit_id = create_spot_check(store, SpotCheckPlan(run_id=store.run_id, fraction=0.2, seed=2,
                                             target=0.95))
    panel = SpotCheckPanel(store, audit_id, confirm=lambda *_: False)
    qtbot.addWidget(panel)
    for image_id in panel.sample_ids()[:3]:
        panel.on_change(review(store, image_id, ok=False))
    st = panel.status
    # 0 of 3 against 95 %: the anytime-valid sequence fails it at this look, 9 images early
    assert st.verdict == Verdict.FAIL and st.decision.remaining == 9
    assert panel.verdict.text() == "Fail: below the target"
    assert "#c62828" in panel.verdict.styleSheet()
    assert "Classes below the target" in panel.detail.text()
    assert not panel.accept_button.isEnabled() and not panel.extend_button.isEnabled()
    assert "final verdict (fail)" in panel.extend_button.toolTip()
    for image_id in panel.sample_ids()[3:]:
        panel.on_change(review(store, image_id, ok=False))
    assert panel.verdict.text() == "Fail: below the target"
    assert "#c62828" in panel.verdict.styleSheet()
    assert panel.table.item(0, 1).text() == "fail"
    assert not panel.extend_button.isEnabled()  # a final fail is not reopened
    assert "final verdict (fail)" in panel.extend_button.toolTip()
    assert panel.extend() is None and "final verdict" in panel.message.text()
    assert not panel.accept_button.isEnabled()
    assert panel.accept_rest() is None
    assert store.scalar("SELECT count(*) FROM suggestions WHERE decided_by = 'spot-check'") == 0


def test_extend_button_draws_more_images_when_the_whole_sample_leaves_it_open(qtbot, store):
    audit_id = create_spot_check(store, SpotCheckPlan(run_id=store.run_id, fraction=0.05, seed=3,
                                             target=0.5))
    panel = SpotCheckPanel(store, audit_id)
    qtbot.addWidget(panel)
    first = panel.sample_ids()
    assert len(first) == 3 and store.images([60]) and 60 not in first  # no wombat in it
    for image_id in first:
        panel.on_change(review(store, image_id, ok=True))
    # 3 of 3 accepted: the sequence does not settle 50 % yet, with nothing left to review
    assert panel.verdict.text() == "Not settled: the whole sample leaves it open"
    assert "about 6 more images would likely settle it" in panel.detail.text()
    assert not panel.accept_button.isEnabled()
    assert panel.extend_button.isEnabled()
    assert panel.extend_button.text() == "Extend the sample by 6 images (K)"

    with qtbot.waitSignal(panel.sample_extended) as sig:
        qtbot.mouseClick(panel.extend_button, Qt.MouseButton.LeftButton)
    ext = sig.args[0]
    assert len(ext.added) == 6 and not set(ext.added) & set(first)
    assert sorted(panel.sample_ids()) == sorted(first + ext.added)
    assert panel.message.text() == "Added 6 images to the sample: review them like the others."
    assert panel.progress.text() == "3 of 9 reviewed"
    assert ": 9 of 60 images, target 50.0 %" in panel.title.text()
    assert panel.verdict.text() == "Not settled so far"
    assert not panel.extend_button.isEnabled() and not panel.accept_button.isEnabled()
    assert panel.next_unreviewed(None) == min(ext.added, key=panel.sample_ids().index)
    assert store.scalar("SELECT count(*) FROM audit_images WHERE audit_id = ?", (audit_id,)) == 9
    for image_id in ext.added:
        panel.on_change(review(store, image_id, ok=True))
    assert panel.verdict.text() == "Pass: the AI is good enough for the rest"
    assert panel.accept_button.isEnabled() and not panel.extend_button.isEnabled()


def test_panel_on_an_unknown_audit_says_so(qtbot, store):
    panel = SpotCheckPanel(store, 42)
    qtbot.addWidget(panel)
    assert "no spot-check 42" in panel.title.text()
    assert panel.sample_ids() == [] and panel.next_unreviewed() is None
    assert not panel.accept_button.isEnabled() and not panel.extend_button.isEnabled()


def test_create_dialog_builds_the_plan_and_creates(qtbot, store):
    from test_spotcheck_plan_binding import type_into

    dlg = SpotCheckCreateDialog(store)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.scope.currentData() == store.run_id  # the latest run is preselected
    assert "30 of 60" not in dlg.estimate.text() and "12 of 60" in dlg.estimate.text()
    type_into(qtbot, dlg.fraction, "50")
    assert "30 of 60" in dlg.estimate.text()
    qtbot.mouseClick(dlg.by_margin, Qt.MouseButton.LeftButton, pos=dlg.by_margin.rect().center())
    type_into(qtbot, dlg.margin, "10")
    assert not dlg.fraction.isEnabled() and dlg.margin.isEnabled()
    qtbot.mouseClick(dlg.stratify, Qt.MouseButton.LeftButton, pos=dlg.stratify.rect().center())
    type_into(qtbot, dlg.seed, "77")
    type_into(qtbot, dlg.target, "90")
    assert dlg.plan == SpotCheckPlan(run_id=store.run_id, fraction=None,
                                     margin=pytest.approx(0.1), stratify=True, seed=77,
                                     target=pytest.approx(0.9))
    qtbot.keyClick(dlg.target, Qt.Key.Key_Return)  # Create is the default button
    assert dlg.result() == dlg.DialogCode.Accepted
    row = store.audit_row(dlg.audit_id)
    assert (row["method"], row["seed"], row["params"]["stratify"]) == ("margin", 77, True)


def test_create_dialog_shows_a_refusal(qtbot, store):
    store.create_run("fake", "nothing")
    dlg = SpotCheckCreateDialog(store)
    qtbot.addWidget(dlg)
    assert "No image here has suggestions" in dlg.estimate.text()
    dlg.create_check()
    assert "No image of run" in dlg.error.text()
    assert dlg.audit_id is None and dlg.result() != dlg.DialogCode.Accepted
    assert all(r.review_state == ReviewState.NEW for r in store.all_images())


def test_accept_the_rest_off_the_gui_thread(qtbot, store):
    from glancelabel.gui.tasks import TaskRunner

    audit_id = create_spot_check(store, SpotCheckPlan(run_id=store.run_id, fraction=0.2, seed=4,
                                             target=0.5))
    runner = TaskRunner()
    panel = SpotCheckPanel(store, audit_id, confirm=lambda *_: True, tasks=runner)
    qtbot.addWidget(panel)
    for image_id in panel.sample_ids():
        panel.on_change(review(store, image_id, ok=True))
    assert panel.status.verdict == Verdict.PASS
    expected = panel.status.rest_pending
    panel.show()
    with qtbot.waitSignal(panel.rest_accepted, timeout=20_000) as sig:
        qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)  # result by signal
        assert not panel.accept_button.isEnabled()  # no second click meanwhile
        assert panel.message.text().startswith("Accepting")
    assert len(sig.args[0].ids("suggestions")) == expected
    assert panel.status.rest_accepted == expected
    assert panel.message.text().startswith(f"Accepted {expected}")
    runner.wait()


def test_k_in_the_window_says_why_it_cannot_extend_yet_and_is_off_outside_the_mode(
        driver, tmp_path):
    from PIL import Image

    folder = tmp_path / "few"
    folder.mkdir()
    for i in range(10):
        Image.new("RGB", (60 + i, 40), (i * 20, 90, 160)).save(folder / f"f{i}.jpg")
    w = driver.open(folder)
    store = w.store
    w.commit(store.add_label("cat"))
    run = store.create_run("fake", "m")
    for image_id in w.image_panel.model.ids():
        store.add_suggestions(run, image_id, [NewSuggestion(Kind.BOX, "cat", 1, BOX, 0.9)])
    audit_id = create_spot_check(store, SpotCheckPlan(run_id=run, fraction=0.3, seed=1, target=0.5))
    extend = w.actions_by_id["extend_sample"]
    assert not extend.isEnabled()  # no spot-check mode: K does nothing
    driver.key(Qt.Key.Key_K)
    assert store.scalar("SELECT count(*) FROM audit_images") == 3
    assert w.spot_check.start(audit_id)  # (entering the mode by the menu: the journey test)
    assert extend.isEnabled() and extend.shortcut().toString() == "K"
    driver.key(Qt.Key.Key_Space)
    driver.key(Qt.Key.Key_K)
    assert w.statusBar().currentMessage() == (
        "Review the 2 images left in the sample first; extend it only when the whole sample "
        "leaves the verdict open.")
    assert w.status_work.text() == "Spot-check: 1 of 3 reviewed, not settled so far"
    assert store.scalar("SELECT count(*) FROM audit_images") == 3
    driver.keys(Qt.Key.Key_Space, Qt.Key.Key_Space)
    assert w.status_work.text() == ("Spot-check: 3 of 3 reviewed, not settled by the whole "
                                    "sample: K extends it")
    driver.key(Qt.Key.Key_K)
    assert store.scalar("SELECT count(*) FROM audit_images") == 3 + 6
    assert w.image_panel.model.rowCount() == 9
    assert w.statusBar().currentMessage().startswith("Added 6 images to the sample (9 in all)")
