"""Chinese class names end to end: sent in the prompt (with the default English instructions or
the Chinese template), matched in a model's answer (full-width spaces, letters and punctuation
normalised), accepted in review, exported to COCO, YOLO, VOC and Label Studio as UTF-8 that their
own readers take, and imported back, compared by value. One image has a Chinese file name with a
space, in a folder with a Chinese name."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from fakes.batch_fakes import FastAnthropic, make_images, open_project
from glancelabel.core.app.paths import project_path
from glancelabel.core.app.settings import ProviderSettings
from glancelabel.core.formats import ExportPlan, ImportPlan, export, import_dataset
from glancelabel.core.model import ReviewState
from glancelabel.core.providers.parsing import normalize_label
from glancelabel.core.providers.prompt import default_instructions
from glancelabel.core.providers.templates import instruction_template
from glancelabel.core.store import Store
from glancelabel.core.suggest.ask import INSTRUCTIONS_META_KEY, suggest_image

CLASSES = ("行人", "红绿灯", "bus", "限速 标志")
# what the model says -> the class it means
SAID = {"行人": "行人", "\u3000红绿灯。": "红绿灯", "ＢＵＳ": "bus", "限速\u3000标志": "限速 标志"}


@pytest.mark.parametrize(("said", "name"), [*SAID.items(), ("红绿灯（黄）", "红绿灯(黄)"),
                                            ("行人！", "行人"), ("traffic_light", "traffic light")])
def test_labels_compare_after_nfkc_case_and_punctuation(said, name):
    assert normalize_label(said) == normalize_label(name)


@pytest.fixture(params=["en", "zh_CN"])
def suggested(tmp_path, monkeypatch, request):
    """Two images asked of the fake Anthropic server, which names the classes in three ways; the
    project's instructions are the default (English) or the Chinese template."""
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    folder = tmp_path / "照片"
    first, _ = make_images(folder, 2)
    first.rename(folder / "路口 一.jpg")  # a Chinese file name with a space
    store = open_project(folder, CLASSES)
    if request.param == "zh_CN":
        store.set_meta(INSTRUCTIONS_META_KEY, instruction_template("zh_CN"))
    answer = {"objects": [
        {"label": said, "box": [5 + 25 * i, 10, 25 + 25 * i, 50], "text": None, "confidence": 0.8,
         "rationale": "看得见"} for i, said in enumerate(SAID)], "tags": []}
    with FastAnthropic() as fake:
        fake.success_headers = {}
        fake.default_input = answer
        settings = ProviderSettings(provider="anthropic", base_url=fake.base_url)
        outcomes = [suggest_image(store, im.id, settings) for im in store.all_images()]
        bodies = [req.json for req in fake.main_requests()]
    assert [o.failed for o in outcomes] == [False, False]
    yield folder, store, bodies
    store.close()


def boxes_by_value(store: Store) -> dict[str, list[tuple]]:
    names = {lab.id: lab.name for lab in store.labels()}
    rel = {r[0]: r[1] for r in store.export_image_rows()}
    out: dict[str, list[tuple]] = {}
    for image_id, _id, label_id, x, y, w, h in store.export_box_rows():
        out.setdefault(rel[image_id], []).append(
            (names[label_id], round(x, 3), round(y, 3), round(w, 3), round(h, 3)))
    return {k: sorted(v) for k, v in out.items()}


def test_round_trip_through_suggestions_review_export_and_import(suggested, tmp_path):
    folder, store, bodies = suggested
    prompt = json.dumps(bodies[0], ensure_ascii=False)
    assert all(name in prompt for name in CLASSES)
    chosen = store.get_meta(INSTRUCTIONS_META_KEY, "")
    instructions = chosen or default_instructions()  # English unless the Chinese template is chosen
    assert json.dumps(instructions, ensure_ascii=False)[1:-1] in prompt
    assert (instruction_template("zh_CN") == chosen) == ("类别名称必须与列表中写法完全一致" in prompt)
    # every label said is matched to its class; review accepts them all
    pending = [s for im in store.all_images() for s in store.suggestions(im.id)]
    names = {lab.id: lab.name for lab in store.labels()}
    assert sorted(names[s.label_id] for s in pending) == sorted(CLASSES * 2)
    # as said, trimmed, a run of spaces (full-width too) made one space
    assert {s.raw_label for s in pending} == {" ".join(said.split()) for said in SAID}
    store.accept_suggestions([s.id for s in pending], mark_done=True)
    assert {im.review_state for im in store.all_images()} == {ReviewState.DONE}
    truth = boxes_by_value(store)
    assert sum(len(v) for v in truth.values()) == 2 * len(CLASSES)

    out = tmp_path / "out"
    targets = {"coco": out / "coco.json", "yolo": out / "yolo", "voc": out / "voc",
               "labelstudio": out / "ls.json"}
    for fmt, target in targets.items():
        export(store, ExportPlan(format=fmt, out=target), folder)
    check_files_say_the_names_in_utf8(targets)
    for fmt, target in targets.items():
        again = Store(tmp_path / f"{fmt}.sqlite", folder)
        try:
            from glancelabel.core.folder.scan import scan_folder

            scan_folder(again, folder)
            summary = import_dataset(again, ImportPlan(fmt, target), folder)
            assert not summary.skipped, (fmt, summary.skipped)
            assert sorted(lab.name for lab in again.labels()) == sorted(CLASSES), fmt
            assert boxes_by_value(again) == truth, fmt
        finally:
            again.close()
    assert project_path(folder).is_file()


def check_files_say_the_names_in_utf8(targets: dict[str, Path]) -> None:
    from pycocotools.coco import COCO

    raw = targets["coco"].read_bytes()
    assert "红绿灯".encode() in raw and b"\\u" not in raw  # UTF-8, not escapes
    coco = COCO(str(targets["coco"]))
    assert sorted(c["name"] for c in coco.loadCats(coco.getCatIds())) == sorted(CLASSES)

    yolo = targets["yolo"]
    data = (yolo / "data.yaml").read_bytes()
    assert "红绿灯".encode() in data and b"\\u" not in data and b"\\x" not in data
    names = yaml.safe_load(data.decode("utf-8"))["names"]
    listed = names.values() if isinstance(names, dict) else names
    assert sorted(listed) == sorted(CLASSES)
    assert sorted((yolo / "classes.txt").read_text("utf-8").splitlines()) == sorted(CLASSES)

    import globox

    xml_files = sorted(targets["voc"].rglob("*.xml"))
    assert xml_files
    said = {ET.parse(f).find("object/name").text for f in xml_files}  # type: ignore[union-attr]
    assert said <= set(CLASSES)
    labels = {b.label for f in xml_files for b in globox.Annotation.from_pascal_voc(f).boxes}
    assert labels == set(CLASSES)

    from label_studio_sdk.label_interface import LabelInterface

    ls = targets["labelstudio"]
    assert "行人".encode() in ls.read_bytes()
    config = ls.with_name(ls.stem + ".label_config.xml").read_text("utf-8")
    interface = LabelInterface(config)
    control = next(iter(interface.controls))
    assert set(CLASSES) <= set(control.labels)
    tasks = json.loads(ls.read_text("utf-8"))
    results = [r["value"]["rectanglelabels"][0] for t in tasks for a in t["annotations"]
               for r in a["result"] if r["type"] == "rectanglelabels"]
    assert sorted(results) == sorted(CLASSES * 2)
