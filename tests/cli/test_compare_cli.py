"""`glancelabel compare` and `suggest --provider local --model NAME_OR_PATH` on a project with
held-out images, a stored large-model run and a registered local detector."""

from __future__ import annotations

import json

import pytest

from fakes.heldout import build_heldout_project, register_detector
from glancelabel.cli import main


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "project.sqlite"
    store, folder = build_heldout_project(tmp_path, project=path)
    model = register_detector(store, folder)
    store.close()
    return folder, path, model


def run_cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    return code, (json.loads(lines[-1]) if lines else None), err


def test_compare_json_and_text(project, capsys):
    folder, path, _ = project
    code, out, err = run_cli(capsys, "compare", folder, "--project", path, "--json")
    assert code == 0, err
    (c,) = out["comparisons"]
    assert (c["task"], c["images"], c["annotations"], c["metric"]) == ("detect", 4, 5, "mAP50")
    local, run = c["models"]
    assert local["name"] == "local model shapes-1" and local["map50"] == 0.625
    assert local["cost_per_1000"] == 0.0 and local["images_per_second"] > 0
    assert run["run_id"] == 1 and run["value"] == 1.0 and run["from_own_suggestions"] == 4
    assert run["cost_per_1000"] == pytest.approx(100.0)
    square = next(k for k in local["classes"] if k["class"] == "square")
    assert (square["tp"], square["fp"], square["fn"], square["ap"]) == (1, 3, 0, 0.25)
    assert c["choice"] == "local model shapes-1" and c["answer"].startswith("Use local model")
    assert "detect: 4 held-out images with 5 boxes" in err
    assert "local model shapes-1: mAP50 0.62 (" in err and "$0.00 per 1,000 images" in err
    assert ("anthropic/claude-sonnet-5-5 (run 1): mAP50 1.00 (1.00–1.00), precision 1.00, recall 1.00"
            in err)
    assert "4 held-out annotations came from accepting its suggestions" in err
    assert "Run 2 (openai/gpt-y) answered 2 of the 4 held-out images" in err
    assert c["rule"] in err and c["answer"] in err


def test_compare_named_run_and_unknown_model(project, capsys):
    folder, path, _ = project
    code, out, err = run_cli(capsys, "compare", folder, "--project", path, "--run", "1",
                             "--model", "shapes-1", "--json")
    assert code == 0 and [m["name"] for m in out["comparisons"][0]["models"]] == [
        "local model shapes-1", "anthropic/claude-sonnet-5-5 (run 1)"]
    code, out, err = run_cli(capsys, "compare", folder, "--project", path, "--model", "x")
    assert code == 1 and out is None
    assert "error: This project has no local model named x (its local models: shapes-1)." in err


def test_compare_without_held_out_images(tmp_path, capsys):
    code, out, err = run_cli(capsys, "compare", tmp_path, "--json")
    assert code == 1 and out is None and "No held-out images yet: train a local model" in err


@pytest.mark.parametrize("by", ["name", "path"])
def test_suggest_with_a_local_model_by_name_or_path(project, capsys, by):
    folder, path, model = project
    value = "shapes-1" if by == "name" else model
    code, out, err = run_cli(capsys, "suggest", folder, "--project", path, "--provider", "local",
                             "--model", value, "--image", "5.png", "--yes", "--json")
    assert code == 0, err
    assert out["succeeded"] == 1 and out["cost_usd"] == 0
    from glancelabel.core.store import Store

    store = Store(path, folder)
    try:
        run = next(r for r in store.runs() if r.id == out["run"])
        assert (run.provider, run.model) == ("local", "onnx:shapes-1.onnx")
        rows = store.suggestions(5)
    finally:
        store.close()
    # the detector's circle and square, in the displayed frame, mapped to the project's classes
    assert sorted((r.raw_label, r.box.as_list()) for r in rows) == [
        ("circle", [100.0, 100.0, 100.0, 100.0]), ("square", [300.0, 300.0, 100.0, 100.0])]
    assert all(r.label_id is not None for r in rows)


def test_suggest_with_an_unknown_local_model(project, capsys):
    folder, path, _ = project
    code, _, err = run_cli(capsys, "suggest", folder, "--project", path, "--provider", "local",
                           "--model", "nope", "--image", "5.png", "--yes")
    assert code == 1
    assert ("error: nope is neither a local model of this project (its local models: shapes-1) "
            "nor an ONNX file.") in err


def test_compare_a_fake_server_run_with_a_local_model(tmp_path, monkeypatch, capsys):
    """A real `suggest` run against the fake Anthropic server answers six images; a person accepts
    its car on each (reviewed, done); three images are held out. The large model found every
    held-out car (its own accepted boxes: a bias the comparison names); the local model boxes
    nothing right, so the paid model is the answer, and its cost per 1,000 images is what it paid."""
    from fakes.batch_fakes import car_answering, make_images
    from fakes.onnx_models import build_detector
    from glancelabel.core.app.paths import project_path
    from glancelabel.core.folder.scan import scan_folder
    from glancelabel.core.store import Store
    from glancelabel.core.store.training import hold_split, register_local_model

    folder = tmp_path / "cars"
    make_images(folder, 6)
    store = Store(project_path(folder), folder)
    scan_folder(store, folder)
    store.add_label("car")
    store.close()
    with car_answering(monkeypatch) as fake:
        code, run, err = run_cli(capsys, "suggest", folder, "--provider", "anthropic",
                                 "--base-url", fake.base_url, "--yes", "--json")
    assert code == 0 and run["succeeded"] == 6 and run["cost_usd"] > 0, err
    store = Store(project_path(folder), folder)
    ids = sorted(store.image_ids())
    for image_id in ids:
        cars = [s.id for s in store.suggestions(image_id) if s.raw_label == "car"]
        others = [s.id for s in store.suggestions(image_id) if s.raw_label != "car"]
        store.reject_suggestions(others)
        store.accept_suggestions(cars, mark_done=True)
    hold_split(store, {i: ("val" if n < 3 else "train") for n, i in enumerate(ids)}, seed=0)
    path = build_detector(tmp_path / "far.onnx", ["car"], [(620, 620, 10, 10, [0.9])])
    register_local_model(store, "far", "detect", str(path), ["car"], None)
    store.close()

    code, out, err = run_cli(capsys, "compare", folder, "--json")
    assert code == 0, err
    (c,) = out["comparisons"]
    local, large = c["models"]
    assert (c["images"], c["annotations"]) == (3, 3)
    assert local["name"] == "local model far" and local["value"] == 0.0
    assert large["run_id"] == run["run"] and large["value"] == 1.0
    assert large["from_own_suggestions"] == 3 and large["images_per_second"] > 0
    assert large["cost_per_1000"] == pytest.approx(run["cost_usd"] / 6 * 1000)
    assert c["choice"] == large["name"]
    assert c["answer"] == (f"Use {large['name']} for the rest: it has the best mAP50, 1.00 "
                           f"(1.00–1.00), at ${large['cost_per_1000']:,.2f} per 1,000 images; the "
                           "cheaper models are worse beyond the intervals.")


def test_suggest_with_a_registered_classifier_stores_image_tags(project, capsys):
    from fakes.onnx_models import build_classifier
    from glancelabel.core.model import Kind
    from glancelabel.core.store import Store
    from glancelabel.core.store.training import register_local_model

    folder, path, _ = project
    store = Store(path, folder)
    model = build_classifier(folder.parent / "kinds.onnx", ["square", "circle"], probs=[0.8, 0.2])
    register_local_model(store, "kinds", "classify", str(model), ["square", "circle"], None)
    store.close()
    code, out, err = run_cli(capsys, "suggest", folder, "--project", path, "--provider", "local",
                             "--model", "kinds", "--image", "6.png", "--yes", "--json")
    assert code == 0 and out["succeeded"] == 1, err
    store = Store(path, folder)
    try:
        (tag,) = store.suggestions(6)
        square = next(lab.id for lab in store.labels() if lab.name == "square")
        assert (tag.kind, tag.raw_label, tag.label_id, tag.box) == (Kind.TAG, "square", square,
                                                                    None)
        assert tag.confidence == pytest.approx(0.8)
    finally:
        store.close()
