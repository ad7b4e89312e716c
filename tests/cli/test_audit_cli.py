"""`glancelabel audit`, `report` and `review` end to end: each call through the entry point that
`python -m glancelabel` runs, in this process (the state between calls is only the project
file); the same seed drawing the same sample is checked in a process of its own."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import subprocess
import sys

import pytest
from PIL import Image

from glancelabel.__main__ import main
from glancelabel.core.app.paths import project_path
from glancelabel.core.model import Box, Kind
from glancelabel.core.spotcheck.sequential import anytime_verdict
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion

Z = 1.959963984540054


def run_cli(*args: str) -> tuple[int, dict | None, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse refusing the arguments
            code = exc.code
    lines = out.getvalue().strip().splitlines()
    return code, (json.loads(lines[-1]) if lines else None), err.getvalue()


def run_cli_process(*args: str) -> tuple[int, dict | None, str]:
    proc = subprocess.run([sys.executable, "-m", "glancelabel", *map(str, args)],
                          capture_output=True, text=True, timeout=120)
    lines = proc.stdout.strip().splitlines()
    return proc.returncode, (json.loads(lines[-1]) if lines else None), proc.stderr


def wilson_low(k: int, n: int) -> float:
    a, b, c = n + Z * Z, -(2 * k + Z * Z), k * k / n
    return (-b - math.sqrt(b * b - 4 * a * c)) / (2 * a)


CAT = Box(4, 4, 30, 20)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """40 images; a fake model found the cat on each, but on every tenth image it said "dog"."""
    folder = tmp_path_factory.mktemp("imgs")
    for i in range(40):
        Image.new("RGB", (64, 48), (i * 5, 80, 120)).save(folder / f"im{i:02d}.png")
    user = tmp_path_factory.mktemp("user")  # made before the tests' own isolated user folders
    with pytest.MonkeyPatch.context() as mp:
        for var in ("CONFIG", "DATA", "LOG"):
            mp.setenv(f"GLANCELABEL_{var}_DIR", str(user / var.lower()))
        code, out, err = run_cli("stats", folder, "--json")
    assert code == 0, err
    assert out["images"]["images"] == 40
    store = Store(project_path(folder))
    store.add_labels(["cat", "dog"])
    cat, dog = store.label_by_name("cat").id, store.label_by_name("dog").id
    run = store.create_run("fake", "fake-1")
    store.add_run_usage(run, 100, 10, 0.02)
    wrong = set()
    for i, img in enumerate(sorted(store.all_images(), key=lambda r: r.relpath)):
        if i % 10 == 0:
            wrong.add(img.relpath)
            item = NewSuggestion(Kind.BOX, "dog", dog, CAT, confidence=0.55)
        else:
            item = NewSuggestion(Kind.BOX, "cat", cat, CAT, confidence=0.9)
        extra = [NewSuggestion(Kind.BOX, "wombat", None, Box(40, 30, 10, 10), 0.2)] if i == 33 else []
        store.add_suggestions(run, img.id, [item, *extra])
    store.close()
    return folder, run, wrong


def reviewer(folder, relpaths: list[str], wrong: set[str]) -> None:
    """Accept what is right; on a wrong image reject and draw the cat by hand."""
    right = [p for p in relpaths if p not in wrong]
    bad = [p for p in relpaths if p in wrong]
    for verb, group in (("--accept-all", right), ("--reject-all", bad)):
        if group:
            args = [a for p in group for a in ("--image", p)]
            code, out, err = run_cli("review", folder, verb, *args, "--json")
            assert code == 0, err
            assert sorted(out["images"]) == sorted(group)
    if bad:
        store = Store(project_path(folder))
        cat = store.label_by_name("cat").id
        for p in bad:
            store.add_box(store.image_by_relpath(p).id, cat, CAT)
        store.close()


def test_spot_check_end_to_end(project, tmp_path):
    folder, run, wrong = project
    code, out, err = run_cli("audit", "status", folder, "--json")
    assert code != 0 and "no spot-check" in err

    code, out, err = run_cli("audit", "create", folder, "--fraction", "2", "--json")
    assert code != 0 and "fraction" in err and "Traceback" not in err
    code, out, err = run_cli("audit", "create", folder, "--run", "99")
    assert code != 0 and "no run 99" in err

    code, created, err = run_cli("audit", "create", folder, "--run", run, "--fraction", "0.5",
                                 "--seed", "3", "--target", "0.5", "--json")
    assert code == 0, err
    sample = created["sample"]
    assert len(sample) == 20 and created["reviewed"] == 0 and created["verdict"] == "continue"
    assert created["target"] == 0.5 and created["acceptance"] is None
    # the same seed in another process draws the same sample
    code, again, err = run_cli_process("audit", "create", folder, "--run", run, "--fraction", "0.5",
                               "--seed", "3", "--target", "0.5", "--json")
    assert code == 0 and again["sample"] == sample
    audit_id = created["audit_id"]

    code, out, err = run_cli("audit", "accept-rest", folder, "--audit", audit_id, "--json")
    assert code != 0 and "not passed" in err

    reviewer(folder, sample[:10], wrong)
    code, st, err = run_cli("audit", "status", folder, "--audit", audit_id, "--json")
    assert code == 0, err
    ok = sum(1 for p in sample[:10] if p not in wrong and p != "im33.png")
    assert (st["reviewed"], st["accepted"]) == (10, ok)
    assert st["acceptance"] == pytest.approx(ok / 10)
    assert st["ci_low"] == pytest.approx(wilson_low(ok, 10))
    assert st["verdict_method"] == "anytime-valid beta-binomial mixture"
    assert st["ci_method"].startswith("95 % Wilson interval")
    assert st["cs_low"] < st["ci_low"]  # the anytime-valid bounds are the wider ones
    # half the sample is reviewed and the confidence sequence has not settled it: "so far"
    assert ok == 9 and anytime_verdict(ok, 10, 0.5) == "continue"  # the walk's first ten
    assert (st["verdict"], st["final"], st["remaining"], st["can_accept_rest"]) == (
        "continue", False, 10, False)
    assert st["verdict_text"] == "Not settled so far"
    assert "so far" in err
    cat = next(c for c in st["per_class"] if c["name"] == "cat")
    assert cat["method"] == "anytime-valid beta-binomial mixture" and cat["verdict"] == "continue"
    assert "reviewed" in err and "Verdict" in err
    code, out, err = run_cli("audit", "accept-rest", folder, "--audit", audit_id)
    assert code != 0 and "10 images left to review" in err

    reviewer(folder, sample[10:], wrong)
    code, st, err = run_cli("audit", "status", folder, "--audit", audit_id, "--json")
    ok = sum(1 for p in sample if p not in wrong and p != "im33.png")
    assert (st["reviewed"], st["accepted"]) == (20, ok)
    assert st["verdict"] == anytime_verdict(ok, 20, 0.5) == "pass"
    assert st["final"] and st["can_accept_rest"]
    rest = [f"im{i:02d}.png" for i in range(40) if f"im{i:02d}.png" not in sample]
    assert st["rest"]["images"] == len(rest)

    code, acc, err = run_cli("audit", "accept-rest", folder, "--audit", audit_id, "--json")
    assert code == 0, err
    assert acc["verdict"] == "pass" and not acc["forced"]
    assert sorted(acc["images"]) == sorted(rest)
    assert acc["accepted"] == len(rest)  # one suggestion with a class on each
    if "im33.png" in rest:
        assert acc["skipped_unknown"][0]["label"] == "wombat"
    store = Store(project_path(folder))
    states = {r[0]: (r[1], r[2], r[3]) for r in store.q(
        "SELECT i.relpath, s.state, s.decided_by, s.audit_id FROM suggestions s"
        " JOIN images i ON i.id = s.image_id WHERE s.label_id IS NOT NULL")}
    store.close()
    assert all(states[p] == ("accepted", "spot-check", audit_id) for p in rest)
    assert all(states[p][1] == "person" for p in sample)

    code, undo, err = run_cli("audit", "accept-rest", folder, "--audit", audit_id, "--undo",
                              "--json")
    assert code == 0, err
    assert undo["undone"] == len(rest) and undo["rest"]["accepted"] == 0
    store = Store(project_path(folder))
    pending = {r[0] for r in store.q(
        "SELECT i.relpath FROM suggestions s JOIN images i ON i.id = s.image_id"
        " WHERE s.state = 'pending' AND s.label_id IS NOT NULL")}
    new = {r.relpath for r in store.all_images() if r.review_state == "new"}
    store.close()
    assert pending == set(rest) and new == set(rest)

    # the quality report over what people reviewed
    html, csv_path = tmp_path / "r.html", tmp_path / "r.csv"
    code, rep, err = run_cli("report", folder, "--out", html, "--csv", csv_path, "--json")
    assert code == 0, err
    page = html.read_text(encoding="utf-8")
    assert page.count("<svg") == 2
    # the spot-check row says which method gave its verdict; Wilson is labelled a figure
    assert "Pass and fail: anytime-valid beta-binomial mixture" in page
    assert "<th>acceptance (95 % Wilson)</th>" in page and "The acceptance interval is the 95 % Wilson" in page
    assert "<td>anytime-valid beta-binomial mixture</td>" in page
    n_wrong = sum(1 for p in sample if p in wrong)
    cat = rep["overall"]["per_class"]["cat"]
    assert cat["tp"] == 20 - n_wrong and cat["fn"] == n_wrong
    dog = rep["overall"]["per_class"]["dog"]
    assert (dog["tp"], dog["fp"]) == (0, n_wrong)
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert any(r["class"] == "cat" and r["tp"] == str(20 - n_wrong) for r in rows)
    assert rep["images_reviewed"] == 20
    code, out, err = run_cli("report", folder, "--out", tmp_path / "nope" / "r.html")
    assert code != 0 and "does not exist" in err


def test_extend_a_sample_that_leaves_the_verdict_open(tmp_path):
    folder = tmp_path / "twelve"
    folder.mkdir()
    for i in range(12):
        Image.new("RGB", (64, 48), (i * 9, 80, 120)).save(folder / f"c{i:02d}.png")
    code, out, err = run_cli("audit", "extend", folder, "--json")
    assert code != 0 and "no spot-check yet" in err and "Traceback" not in err
    store = Store(project_path(folder))
    cat = store.add_label("cat").ids("labels")[0]
    run = store.create_run("fake", "fake-1")
    for img in store.all_images():
        store.add_suggestions(run, img.id, [NewSuggestion(Kind.BOX, "cat", cat, CAT, 0.9)])
    store.close()
    code, created, err = run_cli("audit", "create", folder, "--fraction", "0.25", "--seed", "8",
                                 "--target", "0.5", "--json")
    assert code == 0, err
    first = created["sample"]
    assert len(first) == 3
    code, out, err = run_cli("audit", "extend", folder, "--json")
    assert code != 0 and "Review the 3 images left in the sample first" in err

    reviewer(folder, first, set())
    code, st, err = run_cli("audit", "status", folder, "--json")
    assert (st["verdict"], st["final"], st["can_extend"]) == ("continue", True, True)
    assert st["more_needed"] == 6  # 9 of 9 is the first count the sequence passes at 50 %
    assert anytime_verdict(9, 9, 0.5) == "pass" and anytime_verdict(8, 8, 0.5) == "continue"
    assert "about 6 more images would likely settle it" in err
    assert "extend the sample with: glancelabel audit extend FOLDER" in err

    code, ext, err = run_cli("audit", "extend", folder, "--json")
    assert code == 0, err
    added = ext["extended"]["added"]
    assert (ext["extended"]["requested"], ext["extended"]["estimate"], len(added)) == (6, 6, 6)
    assert not set(added) & set(first) and sorted(ext["sample"]) == sorted(first + added)
    assert (ext["sample_size"], ext["reviewed"], ext["final"]) == (9, 3, False)
    assert "added 6 images to the sample of spot-check 1" in err
    code, out, err = run_cli("audit", "extend", folder, "--count", "2")
    assert code != 0 and "Review the 6 images left" in err

    reviewer(folder, added, set())
    code, st, err = run_cli("audit", "status", folder, "--json")
    assert (st["verdict"], st["final"], st["can_accept_rest"]) == ("pass", True, True)
    code, out, err = run_cli("audit", "extend", folder)
    assert code != 0 and "final verdict (pass)" in err

    # a sample of every image that still leaves it open: nothing is left to draw
    reviewer(folder, [p for p in (f"c{i:02d}.png" for i in range(12)) if p not in ext["sample"]],
             set())
    code, whole, err = run_cli("audit", "create", folder, "--fraction", "1", "--target", "0.9",
                               "--json")
    assert code == 0, err
    code, out, err = run_cli("audit", "extend", folder, "--count", "5", "--json")
    assert code != 0 and "nothing is left to draw" in err and "Traceback" not in err


def test_review_filters_and_refusals(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    for name in ("a.png", "b.png", "c.png"):
        Image.new("RGB", (32, 32), "white").save(folder / name)
    code, _out, err = run_cli("stats", folder)
    assert code == 0, err
    store = Store(project_path(folder))
    store.add_labels(["cat"])
    run = store.create_run("fake", "m")
    for name, conf in (("a.png", 0.9), ("b.png", 0.3), ("c.png", None)):
        img = store.image_by_relpath(name)
        store.add_suggestions(run, img.id, [NewSuggestion(Kind.BOX, "cat", 1, Box(1, 1, 9, 9),
                                                          confidence=conf)])
    store.close()

    code, out, err = run_cli("review", folder, "--accept-all", "--image", "zzz.png")
    assert code != 0 and "no image zzz.png" in err
    code, out, err = run_cli("review", folder, "--accept-all", "--min-confidence", "7")
    assert code != 0 and "between 0 and 1" in err
    code, out, err = run_cli("review", folder, "--accept-all", "--reject-all")
    assert code == 2  # argparse: one or the other

    code, out, err = run_cli("review", folder, "--accept-all", "--min-confidence", "0.5", "--json")
    assert code == 0, err
    # b (0.3) is below; c has no confidence, so it is always shown and acted on
    assert sorted(out["images"]) == ["a.png", "c.png"] and out["accepted"] == 2
    code, out, err = run_cli("review", folder, "--reject-all", "--json")
    assert code == 0, err
    assert out["images"] == ["b.png"] and out["rejected"] == 1
    store = Store(project_path(folder))
    got = {r[0]: (r[1], r[2]) for r in store.q(
        "SELECT i.relpath, s.state, s.decided_by FROM suggestions s"
        " JOIN images i ON i.id = s.image_id")}
    done = {r.relpath for r in store.all_images() if r.review_state == "done"}
    store.close()
    assert got == {"a.png": ("accepted", "person"), "b.png": ("rejected", "person"),
                   "c.png": ("accepted", "person")}
    assert done == {"a.png", "b.png", "c.png"}


def test_per_class_verdicts_accept_only_the_passed_classes_and_extend_an_open_one(tmp_path):
    """Cats always right, dogs (on every other image) always wrong, owls (four images) right:
    cats pass, dogs fail, owls stay open; the whole spot-check fails."""
    folder = tmp_path / "classes"
    folder.mkdir()
    for i in range(60):
        Image.new("RGB", (64, 48), (i * 4, 80, 120)).save(folder / f"p{i:02d}.png")
    code, _out, err = run_cli("stats", folder)
    assert code == 0, err
    store = Store(project_path(folder))
    store.add_labels(["cat", "dog", "owl"])
    ids = {n: store.label_by_name(n).id for n in ("cat", "dog", "owl")}
    run = store.create_run("fake", "fake-1")
    for i, img in enumerate(sorted(store.all_images(), key=lambda r: r.relpath)):
        items = [NewSuggestion(Kind.BOX, "cat", ids["cat"], CAT, 0.9)]
        if i % 2 == 0:
            items.append(NewSuggestion(Kind.BOX, "dog", ids["dog"], Box(40, 30, 10, 10), 0.4))
        if i % 15 == 7:
            items.append(NewSuggestion(Kind.BOX, "owl", ids["owl"], Box(2, 30, 12, 12), 0.8))
        store.add_suggestions(run, img.id, items)
    store.close()
    code, created, err = run_cli("audit", "create", folder, "--fraction", "0.5", "--seed", "4",
                                 "--target", "0.8", "--stratify", "--min-per-class", "2",
                                 "--json")
    assert code == 0, err
    sample = created["sample"]
    store = Store(project_path(folder))
    for p in sample:  # accept the cat and the owl, reject the dog: done
        image_id = store.image_by_relpath(p).id
        for s in store.suggestions(image_id, states=["pending"]):
            if s.label_id == ids["dog"]:
                store.reject_suggestions([s.id], mark_done=False)
            else:
                store.accept_suggestions([s.id])
        store.set_review_state([image_id], "done")
    store.close()

    code, st, err = run_cli("audit", "status", folder, "--json")
    assert code == 0, err
    per = {c["name"]: c for c in st["per_class"]}
    assert (per["cat"]["verdict"], per["dog"]["verdict"], per["owl"]["verdict"]) == (
        "pass", "fail", "continue")
    assert all(c["method"] == "anytime-valid beta-binomial mixture" for c in per.values())
    assert per["cat"]["cs_low"] >= 0.8 and per["dog"]["cs_high"] < 0.8
    assert st["verdict"] == "fail" and st["passed_classes"] == ["cat"]
    assert "--passed-classes" in err
    assert "undecided classes: owl; extend the sample for one with" in err
    code, out, err = run_cli("audit", "accept-rest", folder)
    assert code != 0 and "not passed" in err

    # more images for the open class; a settled class is refused
    code, out, err = run_cli("audit", "extend", folder, "--class", "cat")
    assert code != 0 and "'cat' has a verdict already (pass)" in err
    owls_out = [f"p{i:02d}.png" for i in range(60) if i % 15 == 7
                and f"p{i:02d}.png" not in sample]
    code, ext, err = run_cli("audit", "extend", folder, "--class", "owl", "--json")
    assert code == 0, err
    assert sorted(ext["extended"]["added"]) == sorted(owls_out) and owls_out
    assert "for the class owl" in err

    code, acc, err = run_cli("audit", "accept-rest", folder, "--passed-classes", "--json")
    assert code == 0, err
    assert acc["classes"] == ["cat"] and not acc["forced"]
    assert "the others stay pending" in err
    store = Store(project_path(folder))
    rows = store.q("SELECT i.relpath, l.name, s.state, s.decided_by, i.review_state"
                   " FROM suggestions s JOIN images i ON i.id = s.image_id"
                   " JOIN labels l ON l.id = s.label_id")
    sampled = set(sample)  # reviewed; the owls drawn just now are not yet, so they are rest too
    rest = [r for r in rows if r[0] not in sampled]
    assert {(r[2], r[3]) for r in rest if r[1] == "cat"} == {("accepted", "spot-check")}
    assert {r[2] for r in rest if r[1] != "cat"} == {"pending"}
    waiting = {r[0] for r in rest if r[1] != "cat"}  # a dog or an owl is still pending there
    assert {r[0] for r in rest if r[1] == "dog"} < waiting
    assert {r[0]: r[4] for r in rest if r[0] in waiting} == dict.fromkeys(waiting, "new")
    assert {r[4] for r in rest if r[0] not in waiting} == {"done"}  # nothing left on them
    assert acc["accepted"] == len({r[0] for r in rest})  # one cat on each
    store.close()

    code, undo, err = run_cli("audit", "accept-rest", folder, "--undo", "--json")
    assert code == 0, err
    assert undo["undone"] == acc["accepted"]
    store = Store(project_path(folder))
    states = {(r[0], r[1]) for r in store.q(
        "SELECT s.state, i.review_state FROM suggestions s JOIN images i ON i.id = s.image_id"
        f" WHERE i.relpath NOT IN ({','.join('?' * len(sampled))})", tuple(sampled))}
    store.close()
    assert states == {("pending", "new")}
