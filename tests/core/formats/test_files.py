import os
from pathlib import Path

import pytest

from glancelabel.core.formats.files import (
    EXPORT_MARKER,
    AtomicFolder,
    atomic_file,
    atomic_write_bytes,
    check_xml,
    inside,
    reference_to_relpath,
    safe_name,
    unique_safe_names,
)
from glancelabel.core.formats.summary import FormatError

HOSTILE = ["a/b", "../../etc", "..", ".", "a\x00b", "CON", "con.txt", "Lpt1", "aux ", "a\\b",
           "c:evil", "trailing. ", "", "   ", "x" * 500, "名前/..", "<>|?*"]


@pytest.mark.parametrize("name", HOSTILE)
def test_safe_name_is_one_harmless_component(name, tmp_path):
    safe = safe_name(name)
    assert safe and "/" not in safe and "\\" not in safe and "\x00" not in safe
    assert safe not in (".", "..") and not safe.endswith((".", " "))
    assert safe.split(".")[0].upper().strip() not in {"CON", "PRN", "AUX", "NUL", "LPT1"}
    assert len(safe.encode()) <= 120
    target = tmp_path / safe
    assert target.parent == tmp_path
    target.mkdir()  # it is a valid folder name here


def test_unique_safe_names_do_not_collide():
    names = unique_safe_names(["a/b", "a_b", "A_B", "..", "."])
    assert len({n.casefold() for n in names}) == 5


def test_inside_refuses_escapes(tmp_path):
    assert inside(tmp_path, "a/b.jpg") == tmp_path / "a" / "b.jpg"
    for bad in ("../x", "/etc/passwd", "a/../../x", "C:/x", "a\x00"):
        with pytest.raises(FormatError):
            inside(tmp_path, bad)


def test_reference_to_relpath_never_leaves_the_folder(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    ann = folder / "annotations"
    assert reference_to_relpath("a/b.jpg", folder, folder) == "a/b.jpg"
    assert reference_to_relpath("../img/x.jpg", folder, ann) == "img/x.jpg"
    assert reference_to_relpath(str(folder / "c.jpg"), folder, folder) == "c.jpg"
    assert reference_to_relpath("file://" + str(folder / "c.jpg"), folder, folder) == "c.jpg"
    assert reference_to_relpath("a\\b.jpg", folder, folder) == "a/b.jpg"
    for bad in ("../../etc/passwd", "/etc/passwd", "../photos2/x.jpg", "", "..", "a\x00"):
        assert reference_to_relpath(bad, folder, folder) is None
    assert reference_to_relpath("../../../etc/passwd", folder, ann) is None


def test_atomic_write_leaves_old_file_on_error(tmp_path):
    target = tmp_path / "out.json"
    atomic_write_bytes(target, b"old")
    with pytest.raises(RuntimeError), atomic_file(target) as fh:
        fh.write(b"half")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.json"]


def test_atomic_folder_replaces_previous_export_only(tmp_path):
    target = tmp_path / "export"
    with AtomicFolder(target) as tmp:
        (tmp / "one.txt").write_text("1")
    assert (target / EXPORT_MARKER).exists() and (target / "one.txt").exists()
    with AtomicFolder(target) as tmp:
        (tmp / "two.txt").write_text("2")
    assert not (target / "one.txt").exists() and (target / "two.txt").exists()
    # a failure keeps the previous export and leaves no temporary folder
    with pytest.raises(RuntimeError), AtomicFolder(target) as tmp:
        (tmp / "three.txt").write_text("3")
        raise RuntimeError("boom")
    assert (target / "two.txt").exists()
    assert sorted(os.listdir(tmp_path)) == ["export"]
    # a folder with other things in it is never replaced
    other = tmp_path / "mine"
    other.mkdir()
    (other / "precious.txt").write_text("x")
    with pytest.raises(FormatError, match="not empty"), AtomicFolder(other):
        pass
    assert (other / "precious.txt").read_text() == "x"


def test_check_xml_refuses_doctype():
    check_xml(b"<annotation/>", "a.xml")
    with pytest.raises(FormatError, match="DOCTYPE"):
        check_xml(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "a.xml")


def test_paths_are_pathlib(tmp_path):
    assert isinstance(inside(tmp_path, "a"), Path)
