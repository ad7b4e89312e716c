"""A spot-check by class with Chinese class names (one with a space in it), through the command
line as a script would run it: `audit create --stratify`, a person's review of the sample,
`audit status` (the names in its lines and its JSON, UTF-8), `audit accept-rest
--passed-classes` (only the class that passed, by its Chinese name) and `audit extend --class`
with a Chinese name, then the project compared by value."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from fakes.batch_fakes import make_images, open_project
from glancelabel.core.model import Box, Kind, ReviewState
from glancelabel.core.store.suggestions import NewSuggestion

RIGHT, WRONG, RARE = "行人", "红绿灯", "限速 标志"  # always right, wrong on every other image, on 4
BOXES = {RIGHT: Box(4, 4, 30, 20), WRONG: Box(40, 30, 10, 10), RARE: Box(2, 30, 12, 12)}


def cli(*args) -> tuple[list[str], dict]:
    """Run a command; the lines it says (standard error) and its JSON (standard output)."""
    proc = subprocess.run([sys.executable, "-m", "glancelabel", *map(str, args), "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "\\u" not in proc.stdout  # UTF-8, not escapes
    return proc.stderr.splitlines(), json.loads(proc.stdout)


@pytest.fixture
def project(tmp_path):
    """60 images: the right 行人 on each, a wrong 红绿灯 on every other one, a right 限速 标志 on
    four. Returns the folder and what was said on each image."""
    folder = tmp_path / "路口"
    make_images(folder, 60, width=64, height=48)
    store = open_project(folder, list(BOXES))
    ids = {lab.name: lab.id for lab in store.labels()}
    run = store.create_run("fake", "fake-1")
    told = {}
    for i, image in enumerate(sorted(store.all_images(), key=lambda im: im.relpath)):
        said = [RIGHT] + [WRONG] * (i % 2 == 0) + [RARE] * (i % 15 == 7)
        store.add_suggestions(run, image.id, [
            NewSuggestion(Kind.BOX, name, ids[name], BOXES[name], 0.8) for name in said])
        told[image.relpath] = said
    store.close()
    return folder, told


def review(folder, relpaths) -> None:
    """A person's review: 红绿灯 rejected, the rest accepted, the image done."""
    store = open_project(folder, ())
    try:
        wrong = store.label_by_name(WRONG).id
        for rel in relpaths:
            image = store.image_by_relpath(rel).id
            pending = store.suggestions(image, states=["pending"])
            store.reject_suggestions([s.id for s in pending if s.label_id == wrong])
            store.accept_suggestions([s.id for s in pending if s.label_id != wrong])
            store.set_review_state([image], ReviewState.DONE)
    finally:
        store.close()


def test_a_spot_check_by_chinese_class_names_through_the_command_line(project):
    folder, told = project
    _, created = cli("audit", "create", folder, "--fraction", "0.5", "--seed", "4", "--target",
                     "0.8", "--stratify", "--min-per-class", "2")
    sample = created["sample"]
    review(folder, sample)
    lines, status = cli("audit", "status", folder)
    verdicts = {c["name"]: c["verdict"] for c in status["per_class"]}
    assert verdicts == {RIGHT: "pass", WRONG: "fail", RARE: "continue"}
    said = "\n".join(lines)
    for name in BOXES:
        assert f"  {name}: " in said  # one line per class, the name as written
    assert f"undecided classes: {RARE};" in said

    lines, rest = cli("audit", "accept-rest", folder, "--passed-classes")
    assert rest["classes"] == [RIGHT] and rest["accepted"] == 60 - len(sample)
    assert f"of the classes that passed ({RIGHT}); the others stay pending" in lines[0]
    _, extended = cli("audit", "extend", folder, "--class", RARE)
    added = extended["extended"]["added"]
    assert added and not set(added) & set(sample)
    review(folder, added)
    _, final = cli("audit", "status", folder)
    rare = next(c for c in final["per_class"] if c["name"] == RARE)
    assert (rare["images"], rare["accepted"]) == (4, 4)

    store = open_project(folder, ())
    try:
        names = {lab.id: lab.name for lab in store.labels()}
        assert sorted(names.values()) == sorted(BOXES)
        checked = set(sample) | set(added)
        for image in store.all_images():
            by_state: dict[str, list[str]] = {}
            for s in store.suggestions(image.id):
                by_state.setdefault(s.state, []).append(names[s.label_id])
            asked = told[image.relpath]
            if image.relpath in checked:  # a person's decisions
                expected = {"accepted": [n for n in asked if n != WRONG],
                            "rejected": [n for n in asked if n == WRONG]}
            else:  # the rest: the class that passed accepted, unseen; the others still pending
                expected = {"accepted": [RIGHT], "pending": asked[1:]}
            assert {k: sorted(v) for k, v in by_state.items()} == {
                k: sorted(v) for k, v in expected.items() if v}, image.relpath
    finally:
        store.close()
