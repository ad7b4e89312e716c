"""Undo and redo texts: every verb the code uses reads as a human sentence, never its internal
name, before and after it is undone."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from glancelabel.core.model import Box, Kind, ReviewState
from glancelabel.core.review.changes import ChangeSet
from glancelabel.core.review.describe import describe
from glancelabel.core.review.queue import ReviewQueue
from glancelabel.core.review.undo import UndoStack
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion

PACKAGE = Path(__file__).resolve().parents[3] / "desktop" / "glancelabel"
INTERNAL = re.compile(r"\b[a-z_]+\.[a-z_]+\b")  # annotation.update, suggestion.accept_all


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "p.sqlite")
    s.add_images([("img_01.jpg", 10, 1), ("img_02.jpg", 10, 1), ("img_03.jpg", 10, 1)])
    s.set_headers([(i, 200, 100, 1, "JPEG", "ok", None) for i in (1, 2, 3)])
    s.add_labels(["car", "bus"])
    yield s
    s.close()


def ids(store):
    return store.label_by_name("car").id, store.label_by_name("bus").id


def suggest(store, image_id, *labels):
    known = {lab.name: lab.id for lab in store.labels()}
    return store.add_suggestions(None, image_id, [
        NewSuggestion(Kind.BOX, raw, known.get(raw), Box(10 + 30 * k, 10, 20, 20), None, 0.9, "")
        for k, raw in enumerate(labels)])


def texts(store, make) -> tuple[str, str, str]:
    """(Undo text, Redo text after undoing it, the status word after undoing) for one verb."""
    stack = UndoStack(store.apply, describe=lambda cs: describe(cs, store))
    stack.push(make())
    undo = stack.undo_text()
    cs = stack.undo()
    return undo, stack.redo_text(), stack.describe(cs)


def case(store, name):
    car, bus = ids(store)
    q = ReviewQueue(store)
    return {
        "image.done": lambda: store.set_review_state([3], ReviewState.DONE),
        "image.new": lambda: (store.set_review_state([3], ReviewState.DONE),
                              store.set_review_state([3], ReviewState.NEW))[1],
        "image.exclude": lambda: store.set_excluded([3], True),
        "image.include": lambda: (store.set_excluded([3], True), store.set_excluded([3], False))[1],
        "annotation.add": lambda: store.add_box(3, car, Box(1, 1, 10, 10), mark_done=False),
        "annotation.add without class": lambda: store.add_box(3, None, Box(1, 1, 10, 10)),
        "annotation.paste": lambda: store.add_boxes(3, [(car, Box(1, 1, 5, 5)), (bus, Box(9, 9, 5, 5))]),
        "annotation.tag": lambda: store.add_tag(3, bus),
        "annotation.update class": lambda: store.update_annotation(
            store.add_box(3, car, Box(1, 1, 10, 10)).ids("annotations")[0], label_id=bus),
        "annotation.update box": lambda: store.update_annotation(
            store.add_box(3, car, Box(1, 1, 10, 10)).ids("annotations")[0], box=Box(5, 5, 10, 10)),
        "annotation.delete": lambda: store.delete_annotations(
            store.add_box(3, bus, Box(1, 1, 10, 10)).ids("annotations")),
        "annotation.delete tag": lambda: store.delete_annotations(
            store.add_tag(3, car).ids("annotations")),
        "annotation.delete many": lambda: store.delete_annotations(
            store.add_boxes(3, [(car, Box(1, 1, 5, 5)), (bus, Box(9, 9, 5, 5))]).ids("annotations")),
        "suggestion.accept": lambda: q.accept(suggest(store, 3, "car")[0]),
        "suggestion.accept_all": lambda: q.accept_shown(suggest(store, 3, "car", "bus") and 3).cs,
        "suggestion.reject": lambda: q.reject(suggest(store, 3, "bus")[0]),
        "suggestion.reject all": lambda: q.reject_shown(suggest(store, 3, "bus", "car") and 3).cs,
        "suggestion.edit class": lambda: store.edit_suggestion(suggest(store, 3, "car")[0], label_id=bus),
        "suggestion.edit box": lambda: store.edit_suggestion(suggest(store, 3, "car")[0],
                                                             box=Box(50, 50, 20, 20)),
        "suggestion.map": lambda: suggest(store, 3, "lorry") and store.map_label("lorry", bus),
        "mapping.remove": lambda: store.remove_label_mapping(
            (store.map_label("lorry", bus), store.label_mappings()[0].id)[1]),
        "label.add": lambda: store.add_label("tram"),
        "label.add_and_map": lambda: suggest(store, 3, "lorry") and store.add_label_and_map("lorry"),
        "label.update name": lambda: store.update_label(bus, name="coach"),
        "label.update colour": lambda: store.update_label(bus, color="#123456"),
        "label.move": lambda: store.move_label(bus, 0),
        "label.delete": lambda: store.delete_label(bus),
        "audit.accept_rest": lambda: store.accept_suggestions(
            suggest(store, 2, "car", "bus"), decided_by="spot-check", mark_done=True,
            verb="audit.accept_rest"),
        "import.annotations": lambda: ChangeSet(
            "import.annotations", store.add_box(2, car, Box(1, 1, 10, 10)).changes),
        "consensus.build": lambda: consensus(store, car),
        "team.pull": lambda: ChangeSet("team.pull", store.add_box(2, car, Box(1, 1, 10, 10)).changes,
                                       2, {"reviewer": "ana"}),
        "team.pull of a project": lambda: ChangeSet(
            "team.pull", store.add_box(2, car, Box(1, 1, 10, 10)).changes
            + store.add_box(3, car, Box(2, 2, 9, 9)).changes, None,
            {"reviewers": ["Ann Lee", "Bo Wu", "Cy Ng"], "images": 2, "project": "P"}),
        "suggestion.glance page": lambda: glance_page(store, car, bus),
        "suggestion.glance rejected page": lambda: glance_page(store, car, bus, flip_all=True),
        "suggestion.glance tile": lambda: glance_tile(store, None),
        "suggestion.glance tile as another class": lambda: glance_tile(store, bus),
    }[name]


def glance_page(store, car, bus, flip_all=False):
    """A glance page of 'car' on three images: img_01's accepted, img_02's two given 'bus' and
    flipped, img_03's accepted (its pending 'bus' keeps it open); or every tile flipped."""
    from glancelabel.core.review.glance import GlancePage, decide_page

    tiles = suggest(store, 1, "car") + suggest(store, 2, "car", "car") + suggest(store, 3, "car")
    suggest(store, 3, "bus")
    page = GlancePage(car, [store.suggestion(sid) for sid in tiles])
    if flip_all:
        page.flipped = set(tiles)
    else:
        page.reclassify(tiles[1], bus)
        page.flip(tiles[2])
    return decide_page(ReviewQueue(store), page).cs


def glance_tile(store, new_class):
    """Enter on a 'car' tile of img_03 (given `new_class` first), its only suggestion."""
    from glancelabel.core.review.glance import GlancePage, accept_tile

    sid = suggest(store, 3, "car")[0]
    page = GlancePage(ids(store)[0], [store.suggestion(sid)])
    if new_class is not None:
        page.reclassify(sid, new_class)
    return accept_tile(ReviewQueue(store), page, sid).cs


def consensus(store, car):
    from glancelabel.core.consensus.build import build_consensus

    runs = [store.create_run("anthropic", "m1"), store.create_run("openai", "m2")]
    for run in runs:
        store.add_suggestions(run, 3, [NewSuggestion(Kind.BOX, "car", car, Box(10, 10, 20, 20))])
    return build_consensus(store, *runs).changes


EXPECTED = {
    "image.done": "mark img_03.jpg done",
    "image.new": "mark img_03.jpg not done",
    "image.exclude": "exclude img_03.jpg",
    "image.include": "include img_03.jpg again",
    "annotation.add": "draw a car box on img_03.jpg",
    "annotation.add without class": "draw a box without a class on img_03.jpg and mark it done",
    "annotation.paste": "paste 2 boxes on img_03.jpg and mark it done",
    "annotation.tag": "tag img_03.jpg bus and mark it done",
    "annotation.update class": "change a box to bus on img_03.jpg",
    "annotation.update box": "move or resize a car box on img_03.jpg",
    "annotation.delete": "delete a bus box on img_03.jpg",
    "annotation.delete tag": "remove the car tag from img_03.jpg",
    "annotation.delete many": "delete 2 annotations on img_03.jpg",
    "suggestion.accept": "accept 'car' on img_03.jpg",
    "suggestion.accept_all": "accept 2 suggestions on img_03.jpg and mark it done",
    "suggestion.reject": "reject 'bus' on img_03.jpg",
    "suggestion.reject all": "reject 2 suggestions on img_03.jpg and mark it done",
    "suggestion.edit class": "change a suggestion to 'bus' on img_03.jpg",
    "suggestion.edit box": "move or resize the suggestion 'car' on img_03.jpg",
    "suggestion.map": "map 'lorry' to bus",
    "mapping.remove": "forget the mapping of 'lorry'",
    "label.add": "add class tram",
    "label.add_and_map": "add class lorry from the suggested label",
    "label.update name": "rename class bus to coach",
    "label.update colour": "change the colour of class bus",
    "label.move": "reorder the classes",
    "label.delete": "delete class bus",
    "audit.accept_rest": "accept the rest of the spot-check (2 suggestions)",
    "import.annotations": "import 1 annotation",
    "consensus.build": "build the consensus of runs 1 and 2 (1 agreed suggestion)",
    "team.pull": "take img_02.jpg's review by ana from Label Studio",
    "team.pull of a project": "take the reviews of 2 images by Ann Lee, Bo Wu and Cy Ng from Label Studio",
    "suggestion.glance page": ("accept 2, accept 1 as 'bus' and reject 1 of 4 'car' suggestions "
                               "on 3 images and mark 2 images done"),
    "suggestion.glance rejected page": "reject 4 'car' suggestions on 3 images and mark 2 images done",
    "suggestion.glance tile": "accept 'car' on img_03.jpg and mark it done",
    "suggestion.glance tile as another class": "accept 'car' as 'bus' on img_03.jpg and mark it done",
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_verb_reads_as_a_sentence_before_and_after_undo(store, name):
    undo, redo, undid = texts(store, case(store, name))
    assert undo == f"Undo: {EXPECTED[name]}"
    assert redo == f"Redo: {undo.removeprefix('Undo: ')}"
    assert undid == undo.removeprefix("Undo: ")
    for text in (undo, redo, undid):
        assert not [m for m in INTERNAL.findall(text) if not m.endswith(".jpg")], text


def test_an_unknown_verb_and_an_empty_stack_still_read_plainly(store):
    stack = UndoStack(store.apply, describe=lambda cs: describe(cs, store))
    assert (stack.undo_text(), stack.redo_text()) == ("Undo", "Redo")
    assert str(describe(ChangeSet("something.new", ()), store)) == "the last change"


def test_every_verb_in_the_code_is_described():
    """grep the package for the verbs it gives change sets; each must have a case above."""
    out = subprocess.run(
        ["grep", "-rhoE", r'(ChangeSet\(f?"|verb=")[a-z_.{}]+"', str(PACKAGE)],
        capture_output=True, text=True, check=True).stdout
    verbs = {re.sub(r'^(ChangeSet\(f?"|verb=")', "", v).rstrip('"') for v in out.split()}
    verbs |= {"suggestion.accept", "annotation.paste", "image.exclude", "image.include",  # defaults
              "suggestion.glance"}  # GLANCE_VERB
    verbs = {v.replace("{state}", "done") for v in verbs if v != "undo:"}
    described = {name.split()[0] for name in EXPECTED}
    assert verbs <= described, sorted(verbs - described)


def marked_templates(text) -> list:
    """The templates of a Text and of every Text among its values (a tree of phrases)."""
    from glancelabel.core.i18n import Text

    out = [text.template]
    for value in text.values.values():
        if isinstance(value, Text):
            out += marked_templates(value)
    return out


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_description_is_made_of_templates_marked_for_translation(store, name):
    """The window translates the phrase: every part of it is a template marked in context
    "undo" (the file and class names are values), and it still reads the same in English."""
    cs = case(store, name)()
    text = describe(cs, store)
    templates = marked_templates(text)
    assert {t.context for t in templates} == {"undo"}
    assert str(text) == EXPECTED[name]
    names = {"img_01.jpg", "img_02.jpg", "img_03.jpg", "car", "bus", "lorry", "tram", "coach",
             "ana", "Ann Lee", "Bo Wu", "Cy Ng"}
    assert not any(n in t for t in templates for n in names), templates
