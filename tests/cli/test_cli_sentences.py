"""The CLI says core's sentences in English, word for word (scripts parse them), now that they
are marked templates plus values for the window's translation: spot-check refusals and
verdicts, consensus errors, the training environment's problem."""

from __future__ import annotations

from PIL import Image
from test_audit_cli import run_cli

from glancelabel.core.app.paths import project_path
from glancelabel.core.model import Box, Kind
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion


def test_spot_check_and_consensus_sentences_in_english(tmp_path, monkeypatch):
    folder = tmp_path / "f"
    folder.mkdir()
    for i in range(30):
        Image.new("RGB", (64, 48), (i * 7, 80, 120)).save(folder / f"c{i:02d}.png")
    assert run_cli("scan", folder)[0] == 0
    store = Store(project_path(folder))
    cat = store.add_label("cat").ids("labels")[0]
    run = store.create_run("fake", "fa")
    for img in store.all_images():
        store.add_suggestions(run, img.id, [NewSuggestion(Kind.BOX, "x", cat, Box(4, 4, 30, 20),
                                                          confidence=0.9)])
    store.close()

    def said(*args: object) -> str:
        code, _out, err = run_cli(*args)
        assert code == 1, err
        return err.strip().splitlines()[-1]

    assert said("audit", "status", folder) == (
        "error: This project has no spot-check yet; create one first.")
    assert said("audit", "create", folder, "--run", 99) == (
        "error: There is no run 99 in this project.")
    assert said("audit", "create", folder, "--only", "agreed") == (
        "error: No image of this project has agreed suggestions to spot-check.")
    code, _out, err = run_cli("audit", "create", folder, "--fraction", "0.3", "--seed", "3",
                              "--target", "0.6")
    assert code == 0, err
    assert "0 of 9 sampled images reviewed; review some to see the acceptance." in err
    assert said("audit", "extend", folder) == (
        "error: Review the 9 images left in the sample first; extend it only when the whole "
        "sample leaves the verdict open.")
    assert said("audit", "accept-rest", folder) == (
        "error: The spot-check has not passed (no verdict yet: 0 of 0 reviewed of 9 sampled "
        "accepted, 95 % Wilson interval 0.0 %–100.0 % against a target of 60.0 %); Review a "
        "sampled image to begin. Or force it.")
    assert said("consensus", folder, "--run", run, "--run", run) == (
        "error: Choose two different runs (both were run 1).")
    assert said("consensus", folder, "--run", run, "--run", 77) == (
        "error: There is no run 77 in this project.")
    monkeypatch.setenv("GLANCELABEL_TRAIN_ENV", str(tmp_path / "noenv"))
    assert said("train-env", "status") == (
        f"error: The training environment is not set up ({tmp_path / 'noenv'} has no Python); "
        "run `glancelabel train-env create` (or “Create the training environment” in the Train "
        "dialog).")
