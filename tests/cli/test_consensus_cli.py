"""`glancelabel consensus` end to end: two providers asked about an EXIF-rotated image, each
answering in its own box convention, agree in the displayed frame."""

from __future__ import annotations

import json

import pytest

from fakes import FakeOpenAI
from fakes.batch_fakes import FastAnthropic, image_size_of
from glancelabel.cli import main
from glancelabel.core.app.paths import project_path
from glancelabel.core.model import Box
from glancelabel.core.store import Store
from glancelabel.core.store import consensus as sql
from imagegen import marker_jpeg


def run_cli(capsys, *argv) -> tuple[int, dict | None, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    return code, (json.loads(lines[-1]) if lines else None), err


def answer(box, confidence, label="car"):
    return {"objects": [{"label": label, "box": box, "text": None, "confidence": confidence,
                         "rationale": "a car"}],
            "tags": [{"label": "outdoor", "confidence": 0.8, "rationale": "a street"}]}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    folder = tmp_path / "imgs"
    # stored 60 x 40, EXIF orientation 6 (rotate 90° clockwise): displayed 40 x 60
    marker_jpeg(folder / "rotated.jpg", 6, size=(60, 40))
    assert main(["classes", str(folder), "--add", "car", "--add", "outdoor"]) == 0
    return folder


def two_runs(folder, capsys):
    """Claude and a Gemini-style model asked about the folder, each about its one image; returns
    both runs' JSON and the image sizes each model was sent."""
    with FastAnthropic() as claude, FakeOpenAI() as gemini:
        claude.success_headers = {}
        # Claude: pixel corners of the image it was sent (the displayed frame, 40 x 60)
        claude.default_input = answer([4, 10, 24, 50], 0.9)
        # a Gemini-style model: [y_min, x_min, y_max, x_max] in 0-1000 of the same frame, for
        # the box x 5..25, y 11..49 (one pixel off Claude's)
        gemini.default_answer = answer([11 / 60 * 1000, 5 / 40 * 1000, 49 / 60 * 1000,
                                        25 / 40 * 1000], 0.6)
        code, a, err = run_cli(capsys, "suggest", folder, "--provider", "anthropic",
                               "--base-url", claude.base_url, "--yes", "--json")
        assert code == 0 and a["succeeded"] == 1, err
        code, b, err = run_cli(capsys, "suggest", folder, "--provider", "openai-compatible",
                               "--model", "gemini-2.5-flash", "--base-url", gemini.base_url,
                               "--all", "--yes", "--json")
        assert code == 0 and b["succeeded"] == 1, err
        sizes = [image_size_of(fake.main_requests()[0]) for fake in (claude, gemini)]
    return a, b, sizes


def test_two_conventions_on_a_rotated_image_agree_in_the_displayed_frame(folder, capsys):
    a, b, sizes = two_runs(folder, capsys)
    assert sizes == [(40, 60), (40, 60)]
    code, out, err = run_cli(capsys, "consensus", folder, "--run", a["run"], "--run", b["run"],
                             "--json")
    assert code == 0, err
    assert {k: out[k] for k in ("agreed", "disputed", "images", "iou")} == {
        "agreed": 2, "disputed": 0, "images": 1, "iou": 0.5}  # the box and the tag
    assert err.strip() == (f"Runs {a['run']} and {b['run']} agree on 2 suggestions over 1 image; "
                           f"0 are disputed and reviewed first (consensus run {out['run']}).")
    with Store(project_path(folder)) as store:
        image = store.all_images()[0]
        assert (image.width, image.height, image.orientation) == (40, 60, 6)
        agreed = [store.suggestion(i) for i, m in sql.marks_on(store, image.id).items()]
        box = next(s for s in agreed if s.box is not None)
        # weights 0.9 : 0.6 -> 0.6 and 0.4 of each corner, in the displayed frame
        expected = Box(0.6 * 4 + 0.4 * 5, 0.6 * 10 + 0.4 * 11, 0, 0)
        x2, y2 = 0.6 * 24 + 0.4 * 25, 0.6 * 50 + 0.4 * 49
        assert box.box.x == pytest.approx(expected.x) and box.box.y == pytest.approx(expected.y)
        assert box.box.x2 == pytest.approx(x2) and box.box.y2 == pytest.approx(y2)
        assert box.box.y2 <= 60 and box.box.x2 <= 40
        claude_model = store.run(a["run"]).model  # the provider's default model
        assert box.rationale == f"Both models agree: {claude_model} 90%, gemini-2.5-flash 60%."


def test_a_tighter_iou_disputes_and_refusals_say_why(folder, capsys):
    a, b, _sizes = two_runs(folder, capsys)
    code, out, err = run_cli(capsys, "consensus", folder, "--run", a["run"])
    assert code == 1 and "Give exactly two runs (--run A --run B); 1 given." in err
    code, out, err = run_cli(capsys, "consensus", folder, "--run", a["run"], "--run", 77)
    assert code == 1 and "There is no run 77 in this project." in err
    # IoU of the two boxes: 19 x 38 / (20 x 40 + 20 x 38 - 19 x 38) = 722 / 838 = 0.86
    code, out, err = run_cli(capsys, "consensus", folder, "--run", a["run"], "--run", b["run"],
                             "--iou", "0.9", "--json")
    assert code == 0, err
    assert (out["agreed"], out["disputed"]) == (1, 2)  # the tag agrees, the boxes do not


def test_review_and_audit_take_only_agreed_or_disputed(tmp_path, capsys):
    from fakes.batch_fakes import make_images
    from glancelabel.core.model import Kind
    from glancelabel.core.store.suggestions import NewSuggestion

    make_images(tmp_path, 6)
    assert main(["scan", str(tmp_path)]) == 0
    assert main(["classes", str(tmp_path), "--add", "car", "--add", "dog"]) == 0
    with Store(project_path(tmp_path)) as store:
        car, dog = store.label_by_name("car").id, store.label_by_name("dog").id
        a, b = store.create_run("anthropic", "m1"), store.create_run("openai", "m2")
        for k, image in enumerate(store.all_images()):  # a car on each; a dog on 3 (a only)
            dogs = [NewSuggestion(Kind.BOX, "dog", dog, Box(60, 40, 9, 9))] if k < 3 else []
            store.add_suggestions(a, image.id, [NewSuggestion(Kind.BOX, "car", car,
                                                              Box(0, 0, 30, 30)), *dogs])
            store.add_suggestions(b, image.id, [NewSuggestion(Kind.BOX, "car", car,
                                                              Box(1, 0, 30, 30))])
    code, out, err = run_cli(capsys, "consensus", tmp_path, "--run", a, "--run", b, "--json")
    assert (out["agreed"], out["disputed"]) == (6, 3), err
    code, out, err = run_cli(capsys, "review", tmp_path, "--reject-all", "--only", "disputed",
                             "--json")
    assert code == 0, err
    assert (out["rejected"], out["accepted"], out["images"]) == (3, 0, [])  # the cars stay
    code, out, err = run_cli(capsys, "audit", "create", tmp_path, "--only", "agreed",
                             "--fraction", "0.5", "--seed", "3", "--json")
    assert code == 0, err
    assert out["params"]["only"] == "agreed" and out["population"] == 6
    assert out["rest"]["pending"] == 6  # every agreed car is pending, sampled ones included
    code, out, err = run_cli(capsys, "review", tmp_path, "--accept-all", "--only", "agreed",
                             "--image", "img0000.jpg", "--json")
    assert (out["accepted"], out["images"]) == (1, ["img0000.jpg"]), err  # nothing else left
    code, out, err = run_cli(capsys, "audit", "accept-rest", tmp_path, "--force", "--json")
    assert code == 0, err
    assert out["accepted"] == 5
    code, out, err = run_cli(capsys, "stats", tmp_path, "--json")
    assert out["suggestions"]["pending"] == 0 and out["images"]["done"] == 6
