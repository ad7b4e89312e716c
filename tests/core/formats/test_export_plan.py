from pathlib import Path

import pytest

from glancelabel.core.formats.plan import ExportPlan, ImportPlan, PlanError, parse_split


def test_parse_split_normalises_and_refuses_nonsense():
    assert parse_split("0.8,0.2") == pytest.approx((0.8, 0.2))
    assert parse_split("70/20/10") == pytest.approx((0.7, 0.2, 0.1))
    for bad in ("a,b", "0.5,0.2,0.2,0.1", "0,1", "-1,2", ""):
        with pytest.raises(PlanError):
            parse_split(bad)


def test_with_parses_split_text_and_paths():
    plan = ExportPlan().with_(split="3,1", out="x.json")
    assert plan.split == pytest.approx((0.75, 0.25))
    assert plan.out == Path("x.json")


def test_options_apply_per_format():
    coco = ExportPlan(format="coco")
    assert not coco.uses("split") and not coco.uses("link") and coco.uses("include_suggestions")
    yolo = ExportPlan(format="yolo")
    assert yolo.uses("split") and yolo.uses("link") and yolo.uses("upright")
    assert not yolo.with_(link="none").uses("upright")
    assert ExportPlan(format="labelstudio").uses("url_prefix")
    assert not ExportPlan(format="voc").uses("include_suggestions")


def test_states_done_by_default_all_with_option_and_for_suggestions():
    assert ExportPlan().states == ("done",)
    assert set(ExportPlan(all_images=True).states) == {"done", "new"}
    assert set(ExportPlan(format="suggestions-json").states) == {"done", "new"}


def test_errors_name_each_problem(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    assert ExportPlan(format="nope", out=tmp_path / "x").errors(folder)[0].startswith(
        "Unknown export format")
    assert ExportPlan(format="coco").errors(folder) == ["Choose where to write the export."]
    assert "class folders" in ExportPlan(
        format="yolo-cls", link="none", out=tmp_path / "o").errors(folder)[0]
    assert any("Upright" in e for e in ExportPlan(
        format="coco", upright=True, out=tmp_path / "o.json").errors(folder))
    assert any("pending suggestions" in e for e in ExportPlan(
        format="voc", include_suggestions=True, out=tmp_path / "o").errors(folder))
    # images exported inside the image folder would be scanned again
    inside = ExportPlan(format="yolo", out=folder / "export").errors(folder)
    assert inside and "scanned as new images" in inside[0]
    assert ExportPlan(format="yolo", link="none", out=folder / "export").errors(folder) == []
    assert "image folder itself" in ExportPlan(format="yolo", out=folder).errors(folder)[0]
    assert ".glancelabel" in ExportPlan(
        format="coco", out=folder / ".glancelabel" / "x.json").errors(folder)[0]
    (tmp_path / "dir.json").mkdir()
    assert "is a folder" in ExportPlan(format="coco", out=tmp_path / "dir.json").errors(folder)[0]
    (tmp_path / "file").write_text("x")
    assert "is a file" in ExportPlan(format="yolo", out=tmp_path / "file").errors(folder)[0]
    assert ExportPlan(format="yolo", out=tmp_path / "new").errors(folder) == []
    with pytest.raises(PlanError):
        ExportPlan(format="yolo", out=folder).check(folder)


def test_default_out_is_beside_the_folder(tmp_path):
    assert ExportPlan(format="coco").default_out(tmp_path / "photos") == tmp_path / "photos-coco.json"
    assert ExportPlan(format="yolo").default_out(tmp_path / "photos") == tmp_path / "photos-yolo"


def test_import_plan_errors(tmp_path):
    assert ImportPlan("coco", tmp_path).errors() == []
    errs = ImportPlan("xml", tmp_path / "missing", as_="truth").errors()
    assert len(errs) == 3
    with pytest.raises(PlanError):
        ImportPlan("coco", tmp_path / "missing").check()
