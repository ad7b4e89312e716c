"""The AI quality report: matching, precision/recall per class and model, edits, cost, writers."""

from __future__ import annotations

import csv
import math
import re
import xml.etree.ElementTree as ET

import pytest

from glancelabel.core.geometry import iou
from glancelabel.core.model import Box, Kind
from glancelabel.core.quality.report import (
    PLOT_HEIGHT,
    PLOT_TOP,
    Pred,
    Series,
    Truth,
    build_report,
    match_boxes,
    render_html,
    svg_bar_chart,
    write_csv,
    write_html,
)
from glancelabel.core.spotcheck.sample import (
    Rate,
    SpotCheckPlan,
    accept_rest,
    create_spot_check,
    wilson,
)
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion


# -- matching on hand-made cases ----------------------------------------------------------------
def test_higher_confidence_wins_the_truth():
    truths = [Truth("cat", Box(0, 0, 100, 100))]
    preds = [Pred("cat", Box(5, 5, 100, 100), 0.4), Pred("cat", Box(10, 10, 100, 100), 0.9)]
    r = match_boxes(preds, truths)
    assert [(m.pred, m.truth) for m in r.matches] == [(1, 0)]
    assert r.false_positives == [0] and r.false_negatives == []
    assert r.matches[0].iou == pytest.approx(iou(preds[1].box, truths[0].box))


def test_iou_threshold_is_inclusive_and_class_must_agree():
    t = [Truth("cat", Box(0, 0, 10, 10))]
    half = Box(0, 0, 10, 5)  # IoU exactly 0.5
    assert iou(half, t[0].box) == 0.5
    assert len(match_boxes([Pred("cat", half, 1.0)], t).matches) == 1
    just_below = Box(0, 0, 10, 4.99)
    r = match_boxes([Pred("cat", just_below, 1.0)], t)
    assert (r.matches, r.false_positives, r.false_negatives) == ([], [0], [0])
    r = match_boxes([Pred("dog", Box(0, 0, 10, 10), 1.0)], t)
    assert (r.matches, r.false_positives, r.false_negatives) == ([], [0], [0])


def test_greedy_takes_the_best_overlap_and_unconfident_last():
    truths = [Truth("cat", Box(0, 0, 10, 10)), Truth("cat", Box(4, 0, 10, 10))]
    # the confident prediction overlaps truth 1 best (IoU 1); the other gets truth 0
    preds = [Pred("cat", Box(1, 0, 10, 10), None), Pred("cat", Box(4, 0, 10, 10), 0.8)]
    r = match_boxes(preds, truths)
    assert sorted((m.pred, m.truth) for m in r.matches) == [(0, 0), (1, 1)]
    # three predictions, two truths, one truth unmatched class: counts add up
    preds = [Pred("cat", Box(0, 0, 10, 10), 0.9), Pred("cat", Box(0, 0, 10, 10), 0.8),
             Pred("cat", Box(50, 50, 5, 5), 0.7)]
    truths = [Truth("cat", Box(0, 0, 10, 10)), Truth("dog", Box(50, 50, 5, 5))]
    r = match_boxes(preds, truths)
    assert [(m.pred, m.truth) for m in r.matches] == [(0, 0)]
    assert r.false_positives == [1, 2] and r.false_negatives == [1]


# -- a hand-made project ------------------------------------------------------------------------
@pytest.fixture
def project(tmp_path):
    s = Store(tmp_path / "q.sqlite", tmp_path)
    for name in ("cat", "dog", "outdoor"):
        s.add_label(name)
    L = {lab.name: lab.id for lab in s.labels()}
    s.add_images([(f"{i}.jpg", 1, 1) for i in range(1, 9)])
    s.set_headers([(i, 640, 480, 1, "JPEG", "ok", None) for i in range(1, 9)])
    s.set_sort_keys(list(range(1, 9)))
    a = s.create_run("p1", "m1")
    s.add_run_usage(a, 1000, 200, 0.30)
    b = s.create_run("p2", "m2")
    s.add_run_usage(b, 500, 100, 0.10)
    cat1, dog1 = Box(10, 10, 100, 100), Box(300, 10, 100, 100)

    def add(run, image, label, box, conf=0.9, kind=Kind.BOX):
        return s.add_suggestions(run, image, [NewSuggestion(kind, label, L.get(label), box, None,
                                                            conf)])[0]

    # image 1: both right (accepted); a right tag; run B finds the cat only (a duplicate of the
    # accepted one, so the person rejects it: it still counts as a match for run B)
    s.accept_suggestions([add(a, 1, "cat", cat1), add(a, 1, "dog", dog1),
                          add(a, 1, "outdoor", None, kind=Kind.TAG)], mark_done=True)
    s.reject_suggestions([add(b, 1, "cat", cat1)])
    # image 2: a loose cat box fixed on accept (edited, still a match); a dog drawn by hand; the
    # tag was missed (added by hand)
    loose = Box(30, 10, 100, 100)
    s.accept_suggestions([add(a, 2, "cat", loose)], box=cat1, mark_done=True)
    s.add_box(2, L["dog"], dog1)
    s.add_tag(2, L["outdoor"])
    # image 3: a spurious cat (rejected), a wrong tag (rejected)
    s.reject_suggestions([add(a, 3, "cat", cat1), add(a, 3, "outdoor", None, kind=Kind.TAG)],
                         mark_done=True)
    # image 4: a cat called dog, relabelled on accept (edited)
    s.accept_suggestions([add(a, 4, "dog", cat1)], label_id=L["cat"], mark_done=True)
    # images 5 and 6: accepted by the spot-check below, nobody looked: left out
    add(a, 5, "cat", cat1)
    add(a, 6, "cat", cat1)
    # image 7: run A looked and found nothing (finished job); a person drew a dog
    s.ensure_jobs(a, [7])
    s.set_jobs_state([s.job_for(a, 7).id], "done")
    s.add_box(7, L["dog"], dog1)
    # image 8: an unknown label, rejected
    s.reject_suggestions([add(a, 8, "wombat", dog1)], mark_done=True)
    audit = create_spot_check(s, SpotCheckPlan(run_id=a, fraction=0.01, seed=1))
    s._test_rest = accept_rest(s, audit, force=True)
    yield s, a, b, L
    s.close()


def test_report_counts_match_the_hand_made_project(project):
    store, run_a, run_b, _L = project
    assert store._test_rest.images == [5, 6]  # what the spot-check accepted
    rep = build_report(store)
    assert rep.images_reviewed == 6  # 1, 2, 3, 4, 7, 8 (not 5 and 6: spot-check)
    assert rep.added_boxes == 2  # the dogs drawn on images 2 and 7
    by_id = {m.run_id: m for m in rep.models}
    A, B = by_id[run_a], by_id[run_b]
    assert (A.images, B.images) == (6, 1)
    assert (A.boxes["cat"].tp, A.boxes["cat"].fp, A.boxes["cat"].fn) == (2, 1, 1)
    assert (A.boxes["dog"].tp, A.boxes["dog"].fp, A.boxes["dog"].fn) == (1, 1, 2)
    assert (A.boxes["(unknown) wombat"].fp, A.boxes["(unknown) wombat"].tp) == (1, 0)
    tot = A.box_total
    assert (tot.tp, tot.fp, tot.fn) == (3, 3, 3)
    assert tot.precision.value == pytest.approx(0.5)
    assert (tot.precision.low, tot.precision.high) == pytest.approx(wilson(3, 6))
    assert tot.f1 == pytest.approx(0.5)
    # edits: the loose cat (moved; IoU with the final box) and the relabelled dog
    assert A.boxes["cat"].edited == 1 and A.boxes["dog"].edited == 1
    assert A.boxes["dog"].relabelled == 1 and A.boxes["cat"].relabelled == 0
    assert A.boxes["cat"].mean_edit_iou == pytest.approx(iou(Box(30, 10, 100, 100),
                                                             Box(10, 10, 100, 100)))
    assert A.boxes["dog"].mean_edit_iou is None  # relabelled, not moved
    assert A.boxes["dog"].added == 2
    # tags: 1 right, 1 missed, 1 wrong; exact on images 1, 4, 7, 8 of 6
    t = A.tag_total
    assert (t.tp, t.fp, t.fn) == (1, 1, 1)
    assert (A.tag_images, A.tag_exact) == (6, 4)
    # cost per accepted label: run A's labels accepted anywhere (5 by people, 2 by spot-check)
    assert A.accepted_labels == 7  # images 1 (2 boxes + tag), 2, 4, 5, 6
    assert A.cost_per_accepted == pytest.approx(0.30 / 7)
    assert (B.boxes["cat"].tp, B.boxes["dog"].fn) == (1, 1)
    assert B.box_total.recall.value == pytest.approx(0.5)
    assert B.tag_images == 0  # run B suggested no tags
    assert B.accepted_labels == 0 and B.cost_per_accepted is None
    # all runs: sums
    assert rep.overall.images == 6
    assert (rep.overall.box_total.tp, rep.overall.box_total.fn) == (4, 4)
    assert rep.overall.cost_usd == pytest.approx(0.40)
    d = rep.to_dict()
    assert d["models"][0]["per_class"]["cat"]["tp"] == 2
    assert d["audits"][0]["verdict"] in ("pass", "fail", "continue")


def test_csv_has_a_row_per_model_and_class(project, tmp_path):
    store, run_a, _b, _L = project
    path = write_csv(build_report(store), tmp_path / "q.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    cat_a = next(r for r in rows if r["run_id"] == str(run_a) and r["class"] == "cat"
                 and r["kind"] == "box")
    assert (cat_a["tp"], cat_a["fp"], cat_a["fn"]) == ("2", "1", "1")
    assert float(cat_a["precision"]) == pytest.approx(2 / 3)
    lo, hi = wilson(2, 3)
    assert float(cat_a["precision_ci_low"]) == pytest.approx(lo, rel=1e-5)
    assert float(cat_a["recall_ci_high"]) == pytest.approx(wilson(2, 3)[1], rel=1e-5)
    total_a = next(r for r in rows if r["run_id"] == str(run_a) and r["class"] == "(all)"
                   and r["kind"] == "box")
    assert float(total_a["cost_per_accepted_label"]) == pytest.approx(0.30 / 7, rel=1e-5)
    assert any(r["kind"] == "tag" for r in rows)
    assert any(r["provider"] == "(all)" for r in rows)
    assert not (tmp_path / "q.csv.tmp").exists()


def test_html_is_self_contained_with_svg_plots(project, tmp_path):
    store, *_ = project
    path = write_html(build_report(store), tmp_path / "r.html")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert not re.search(r"<(script|link|img)\b", text)  # nothing loaded from elsewhere
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "")
    svgs = re.findall(r"<svg.*?</svg>", text, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        ET.fromstring(svg)  # well-formed
    assert "p1/m1 (run 1)" in text and "(unknown) wombat" in text
    assert "Spot-checks" in text


def test_html_says_an_unknown_label_in_the_page_language(project, tmp_path):
    """A label the AI gave that is no class is marked "(unknown) wombat" in the figures; the
    page says the mark in its own language (the table, the class chart), as the dialog does."""
    marks = {"(unknown) {label}": "（未知）{label}", "(no class)": "（无类别）"}
    path = write_html(build_report(project[0]), tmp_path / "r.html",
                      translate=lambda _context, template: marks.get(str(template), template),
                      lang="zh-CN")
    text = path.read_text(encoding="utf-8")
    assert "（未知）wombat" in text
    assert text.count("（未知）wombat") >= 2  # the class table and the chart
    assert "(unknown) wombat" not in text


def test_html_asks_for_simplified_chinese_faces_for_han_text(project, tmp_path):
    """A browser draws Han class names with the first CJK face it finds, often the Japanese one:
    the page and its charts name the SC faces before the generic family."""
    store, *_ = project
    text = write_html(build_report(store), tmp_path / "r.html").read_text(encoding="utf-8")
    stacks = re.findall(r"font-family:([^;]+);", text) + re.findall(r'font-family="([^"]+)"', text)
    assert len(stacks) == 3  # the page and its two charts
    for stack in stacks:
        faces = [f.strip().strip("'") for f in stack.split(",")]
        assert faces[-1] == "sans-serif" and "Noto Sans CJK SC" in faces
        assert faces.index("Noto Sans CJK SC") < faces.index("sans-serif")


def test_svg_bars_and_error_bars_sit_where_the_values_say():
    rates = [Rate.of(3, 4), Rate.of(0, 0), Rate.of(10, 10)]
    svg = svg_bar_chart("t <&>", ["a", "b", "c"], [Series("precision", "#123456", rates)])
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    bars = root.findall(".//s:rect[@class='bar']", ns)
    assert len(bars) == 2  # no bar where nothing was counted
    top, plot_h = PLOT_TOP, PLOT_HEIGHT
    heights = [float(b.get("height")) for b in bars]
    assert heights == pytest.approx([plot_h * 0.75, plot_h * 1.0], abs=0.06)
    errs = root.findall(".//s:path[@class='err']", ns)
    d = errs[0].get("d")
    y_low, y_high = map(float, re.match(r"M[\d.]+,([\d.]+)V([\d.]+)", d).groups())
    lo, hi = wilson(3, 4)
    assert y_low == pytest.approx(top + plot_h * (1 - lo), abs=0.06)
    assert y_high == pytest.approx(top + plot_h * (1 - hi), abs=0.06)
    assert "t &lt;&amp;&gt;" in svg


def test_empty_project_report(tmp_path):
    s = Store(tmp_path / "e.sqlite")
    rep = build_report(s)
    assert rep.models == [] and rep.images_reviewed == 0
    assert rep.overall.box_total.precision.value is None
    assert "review some images first" in render_html(rep)
    write_csv(rep, tmp_path / "e.csv")
    assert (tmp_path / "e.csv").read_text().startswith("run_id,")
    s.close()


def test_recall_counts_boxes_people_drew(tmp_path):
    """A model that finds half the objects has recall 1/2, whatever people accepted."""
    s = Store(tmp_path / "r.sqlite")
    s.add_label("cat")
    s.add_images([(f"{i}.jpg", 1, 1) for i in range(10)])
    s.set_headers([(i, 100, 100, 1, "JPEG", "ok", None) for i in range(1, 11)])
    run = s.create_run("p", "m")
    for i in range(1, 11):
        sid = s.add_suggestions(run, i, [NewSuggestion(Kind.BOX, "cat", 1, Box(0, 0, 40, 40))])
        s.accept_suggestions(sid, mark_done=True)
        s.add_box(i, 1, Box(50, 50, 40, 40))
    m = build_report(s).models[0]
    c = m.boxes["cat"]
    assert (c.tp, c.fp, c.fn, c.added) == (10, 0, 10, 10)
    assert c.recall.value == 0.5 and c.precision.value == 1.0
    assert c.f1 == pytest.approx(2 / 3)
    assert not math.isnan(c.recall.low)
    s.close()


def test_html_counts_right_and_a_provisional_verdict_has_no_pass_fail_colour(tmp_path):
    from glancelabel.core.quality.counts import ModelQuality, QualityReport

    audit = {"audit_id": 1, "run_id": None, "reviewed": 3, "sample_size": 12, "accepted": 0,
             "target": 0.95, "verdict": "fail", "failing_classes": [], "final": False,
             "verdict_text": "Fail so far"}
    rep = QualityReport(1, 1, 1, [], ModelQuality(run_id=None, provider="all", model="all"),
                        audits=[audit])
    page = render_html(rep)
    assert "1 image reviewed by a person, 1 final annotation, 1 box drawn by hand." in page
    assert "<td class='provisional'>Fail so far</td>" in page and "class='fail'" not in page
    page = render_html(QualityReport(2, 3, 2, [], rep.overall, audits=[
        audit | {"final": True, "verdict_text": "Fail"}]))
    assert "2 images reviewed by a person, 3 final annotations, 2 boxes drawn" in page
    assert "<td class='fail'>Fail</td>" in page


def test_the_finished_job_states_are_states_a_job_takes():
    from glancelabel.core.quality.report import FINISHED_JOB_STATES
    from glancelabel.core.store.jobs import FINAL_STATES

    assert set(FINISHED_JOB_STATES) == set(FINAL_STATES) - {"failed"}
