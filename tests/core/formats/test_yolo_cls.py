import os

from glancelabel.core.formats import ExportPlan, export


def test_yolo_cls_folders_from_tags(sample, tmp_path):
    p = sample
    p.label("a/../../b")
    p.label("CON")
    p.tag("a.jpg", "cat").tag("sub/a.jpg", "a/../../b").tag("bg.png", "CON")
    p.tag("rot6.jpg", "cat").tag("rot6.jpg", "dog")
    out = tmp_path / "cls"
    summary = export(p.store, ExportPlan(format="yolo-cls", out=out, split=(1.0,), link="copy"),
                     p.folder)
    files = sorted(f.relative_to(out).as_posix() for f in out.rglob("*") if f.is_file()
                   and f.name != ".glancelabel-export")
    assert files == ["train/_CON/bg.png", "train/a_.._.._b/sub/a.jpg", "train/cat/a.jpg"]
    assert (out / "train/empty class").is_dir()  # every class has its folder
    for root, _dirs, _files in os.walk(out):
        assert os.path.realpath(root).startswith(os.path.realpath(out))
    assert "rot6.jpg" in summary.left_out["images with several tags (classification needs one)"]
    assert "same.jpg" in summary.left_out["images without a tag"]
    assert summary.images == 3
    assert any("safe names" in n for n in summary.notes)
