"""Folder scan: walk, natural order, incremental rescans, bad files and folders, headers, hashes."""

from __future__ import annotations

import os
import random
import sys
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

import imagegen as g
from glancelabel.core.app.paths import project_path
from glancelabel.core.folder import imaging, scan
from glancelabel.core.folder.scan import natural_key, read_headers, scan_folder
from glancelabel.core.model import Box, FileState
from glancelabel.core.store import Store


def ordered_relpaths(store) -> list[str]:
    recs = store.images(store.image_ids("all"))
    return [recs[i].relpath for i in store.image_ids("all")]


def state_of(store, relpath) -> FileState:
    return store.image_by_relpath(relpath).file_state


class CountingReads:
    """Wraps imaging.header_fields (the scan's header reader) to count calls, hook first."""

    def __init__(self, monkeypatch, before=None):
        self.calls: list[str] = []
        self.before = before
        real = imaging.header_fields

        def wrapper(path, **options):
            self.calls.append(os.fspath(path))
            if self.before is not None:
                self.before(path)
            return real(path, **options)

        monkeypatch.setattr(imaging, "header_fields", wrapper)


# -- natural order ------------------------------------------------------------------------------
def test_natural_key_orders_numbers_as_numbers():
    names = ["img10.jpg", "img2.jpg", "IMG1.jpg", "img1.jpg", "img01.jpg", "b/img3.jpg",
             "a/img10.jpg", "a/img9.jpg", "a b.jpg", "a.jpg", "img2b.jpg", "img2a.jpg", "x1y10.jpg",
             "x1y9.jpg"]
    assert sorted(names, key=natural_key) == [
        "a.jpg", "a/img9.jpg", "a/img10.jpg", "a b.jpg", "b/img3.jpg", "IMG1.jpg", "img01.jpg",
        "img1.jpg", "img2.jpg", "img2a.jpg", "img2b.jpg", "img10.jpg", "x1y9.jpg", "x1y10.jpg",
    ]
    assert sorted(["img.jpg", "img10.jpg", "img2.jpg", "img.png"], key=natural_key) == [
        "img.jpg", "img.png", "img2.jpg", "img10.jpg"]


@given(st.lists(st.text(alphabet="ab0123456789 ./_-Éé²", max_size=12), max_size=30))
def test_natural_key_is_a_total_order(names):
    once = sorted(names, key=natural_key)
    shuffled = list(names)
    random.Random(len(names)).shuffle(shuffled)
    assert sorted(shuffled, key=natural_key) == once


@given(st.lists(st.text(alphabet="aB0123456789 ./_-É", max_size=14), max_size=30))
def test_natural_sorted_matches_natural_key(names):
    assert scan.natural_sorted(names) == sorted(names, key=natural_key)
    rows = [(i, n) for i, n in enumerate(names)]
    assert scan.natural_sorted(rows, lambda r: r[1]) == sorted(rows, key=lambda r: natural_key(r[1]))


def test_natural_key_handles_huge_numbers_and_unicode_digits():
    names = ["n" + "9" * 40 + ".jpg", "n1.jpg", "n²3.jpg", "n١.jpg"]
    assert sorted(names, key=natural_key)[0] == "n1.jpg"


# -- the walk -----------------------------------------------------------------------------------
def test_nested_folders_in_natural_order(folder, store):
    for rel in ["img10.jpg", "img2.jpg", "img1.jpg", "sub/img10.jpg", "sub/img9.jpg",
                "sub/deeper/a.png", "Z.JPG", "mixed.JpEg"]:
        g.jpeg(folder / rel) if not rel.endswith(".png") else g.png(folder / rel)
    report = scan_folder(store, folder)
    assert (report.images, report.added, report.unreadable, report.missing) == (8, 8, 0, 0)
    assert ordered_relpaths(store) == [
        "img1.jpg", "img2.jpg", "img10.jpg", "mixed.JpEg", "sub/deeper/a.png", "sub/img9.jpg",
        "sub/img10.jpg", "Z.JPG",
    ]
    assert all(r.file_state == FileState.OK and r.width == 64 for r in store.all_images())


def test_hidden_entries_project_folder_and_other_files_are_skipped(folder, store):
    g.jpeg(folder / "keep.jpg")
    g.jpeg(folder / ".hidden.jpg")
    g.jpeg(folder / ".cache" / "thumb.jpg")
    g.jpeg(folder / ".glancelabel" / "stray.jpg")
    g.jpeg(folder / "sub" / ".thumbs" / "t.jpg")
    (folder / "notes.txt").write_text("x")
    (folder / "raw.cr2").write_bytes(b"x")
    (folder / "noext").write_bytes(b"x")
    (folder / "folder.jpg").mkdir()  # a folder with an image-like name is walked, not read
    g.jpeg(folder / "folder.jpg" / "inside.jpg")
    report = scan_folder(store, folder)
    assert ordered_relpaths(store) == ["folder.jpg/inside.jpg", "keep.jpg"]
    assert report.images == 2 and report.problems == {}
    assert (folder / ".glancelabel" / "project.sqlite").exists()


def test_odd_and_non_ascii_names(folder, store):
    names = g.odd_names()
    for i, name in enumerate(names):
        g.jpeg(folder / "ünï" / name, color=(i * 10 % 255, 0, 0))
    report = scan_folder(store, folder)
    assert report.images == len(names) and report.unreadable == 0
    assert set(ordered_relpaths(store)) == {f"ünï/{n}" for n in names}
    for rec in store.all_images():
        assert rec.file_state == FileState.OK, rec.relpath
        assert imaging.open_oriented(folder / rec.relpath).size == (64, 48)


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux file systems take non-UTF-8 names")
def test_file_name_that_is_not_utf8_is_reported_not_fatal(folder, store):
    try:
        fd = os.open(os.path.join(os.fsencode(folder), b"bad\xff.jpg"), os.O_CREAT | os.O_WRONLY)
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 names")
    os.write(fd, g.jpeg_bytes())
    os.close(fd)
    g.jpeg(folder / "good.jpg")
    report = scan_folder(store, folder)
    assert ordered_relpaths(store) == ["good.jpg"]
    assert report.images == 2 and report.unreadable == 1
    assert report.problems == {
        "bad\ufffd.jpg": "file name is not valid UTF-8; rename the file to include it"
    }


needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32",
                                    reason="symlinks need privileges on Windows")


@needs_symlinks
def test_symlink_loop_terminates_and_links_are_followed(tmp_path, folder, store):
    g.jpeg(folder / "a" / "one.jpg")
    os.symlink(folder, folder / "a" / "loop")  # a/loop -> the folder itself
    os.symlink(folder / "a", folder / "a" / "self")  # a/self -> a
    outside = tmp_path / "elsewhere"
    g.jpeg(outside / "two.jpg")
    os.symlink(outside, folder / "linked")  # a folder outside, reached once through a link
    os.symlink(outside / "two.jpg", folder / "file_link.jpg")  # a link to a file
    os.symlink(folder / "nothing.jpg", folder / "dangling.jpg")  # a link to nothing
    report = scan_folder(store, folder)
    assert ordered_relpaths(store) == ["a/one.jpg", "file_link.jpg", "linked/two.jpg"]
    assert report.problems == {}


@needs_symlinks
def test_real_folder_wins_over_a_link_to_it(folder, store):
    g.jpeg(folder / "zz_real" / "x.jpg")
    os.symlink(folder / "zz_real", folder / "aa_link")  # listed first, walked last
    scan_folder(store, folder)
    assert ordered_relpaths(store) == ["zz_real/x.jpg"]


def _deny(monkeypatch, denied):
    """os.scandir raising PermissionError for one folder (root ignores permission bits)."""
    real = os.scandir

    def fake(path="."):
        if os.fspath(path) == os.fspath(denied):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", fake)


def test_unreadable_folder_is_reported_and_its_images_not_marked_missing(folder, store, monkeypatch):
    g.jpeg(folder / "open" / "a.jpg")
    g.jpeg(folder / "locked" / "b.jpg")
    scan_folder(store, folder)
    assert state_of(store, "locked/b.jpg") == FileState.OK
    _deny(monkeypatch, folder / "locked")
    report = scan_folder(store, folder)
    assert report.problems == {"locked/": "folder cannot be read: permission denied"}
    assert report.removed == 0 and report.missing == 0
    assert state_of(store, "locked/b.jpg") == FileState.OK
    assert state_of(store, "open/a.jpg") == FileState.OK


def test_unreadable_top_folder_marks_nothing_missing(folder, store, monkeypatch):
    g.jpeg(folder / "a.jpg")
    scan_folder(store, folder)
    _deny(monkeypatch, folder)
    report = scan_folder(store, folder)
    assert report.problems == {"./": "folder cannot be read: permission denied"}
    assert report.missing == 0 and state_of(store, "a.jpg") == FileState.OK


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_read_only_folder_with_real_permissions(folder, store):
    locked = folder / "locked"
    g.jpeg(locked / "b.jpg")
    g.jpeg(folder / "a.jpg")
    locked.chmod(0o000)
    try:
        try:
            os.listdir(locked)
            pytest.skip("running with privileges that ignore permission bits (root)")
        except PermissionError:
            pass
        report = scan_folder(store, folder)
    finally:
        locked.chmod(0o755)
    assert ordered_relpaths(store) == ["a.jpg"]
    assert report.problems == {"locked/": "folder cannot be read: permission denied"}


def test_read_only_image_folder_keeps_the_project_elsewhere(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    g.jpeg(folder / "a.jpg")
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    path = project_path(folder)
    assert folder not in path.parents
    with Store(path, folder) as s:
        assert scan_folder(s, folder).images == 1


def test_missing_folder_raises(tmp_path):
    with Store(tmp_path / "p.sqlite") as s, pytest.raises(FileNotFoundError):
        scan_folder(s, tmp_path / "nope")


# -- bad files ----------------------------------------------------------------------------------
def test_bad_files_are_unreadable_with_reasons_and_the_scan_goes_on(folder, store):
    g.jpeg(folder / "good1.jpg")
    g.zero_byte(folder / "empty.jpg")
    g.text_file(folder / "text.png")
    g.corrupt_jpeg(folder / "corrupt.jpg")
    g.truncated_jpeg(folder / "cut.jpg")
    g.bomb_png(folder / "bomb.png")
    g.animated_gif(folder / "anim.gif", frames=5)
    g.jpeg(folder / "good2.jpg", orientation=6)
    report = scan_folder(store, folder)
    assert report.images == 8 and report.unreadable == 5
    assert report.problems == {
        "bomb.png": "image too large: 30000x30000 pixels exceeds the 178-megapixel safety limit",
        "corrupt.jpg": "damaged JPEG file: its header cannot be read",
        "cut.jpg": "truncated JPEG",
        "empty.jpg": "empty file (0 bytes)",
        "text.png": "not an image",
    }
    good = store.image_by_relpath("good2.jpg")
    assert (good.file_state, good.width, good.height, good.orientation) == (FileState.OK, 48, 64, 6)
    anim = store.image_by_relpath("anim.gif")
    assert anim.file_state == FileState.OK and anim.problem == "first frame of 5 shown"
    assert store.image_ids("unreadable") and len(store.image_ids("unreadable")) == 5


def test_a_reader_bug_is_contained(folder, store, monkeypatch):
    g.jpeg(folder / "a.jpg")
    g.jpeg(folder / "b.jpg")

    def broken(path, **options):
        if str(path).endswith("a.jpg"):
            raise RuntimeError("bug")
        return real(path, **options)

    real = imaging.header_fields
    monkeypatch.setattr(imaging, "header_fields", broken)
    report = scan_folder(store, folder)
    assert report.problems == {"a.jpg": "cannot be read (RuntimeError)"}
    assert state_of(store, "b.jpg") == FileState.OK


# -- rescans ------------------------------------------------------------------------------------
def test_rescan_new_removed_changed_and_back(folder, store, monkeypatch):
    for name in ["a.jpg", "b.jpg", "c.jpg"]:
        g.jpeg(folder / name)
    scan_folder(store, folder)
    (label,) = store.add_labels(["cat"])[0]
    label_id = store.labels()[0].id
    b = store.image_by_relpath("b.jpg")
    store.add_box(b.id, label_id, Box(1, 2, 10, 10))
    assert label == "cat"

    g.jpeg(folder / "img10.jpg")
    g.jpeg(folder / "a2.jpg")
    (folder / "b.jpg").unlink()
    g.jpeg(folder / "c.jpg", size=(80, 60))  # different size on disk and in pixels
    reads = CountingReads(monkeypatch)
    report = scan_folder(store, folder)
    assert (report.images, report.added, report.removed, report.changed) == (4, 2, 1, 1)
    assert report.missing == 1
    assert sorted(os.path.basename(p) for p in reads.calls) == ["a2.jpg", "c.jpg", "img10.jpg"]
    assert ordered_relpaths(store) == ["a.jpg", "a2.jpg", "b.jpg", "c.jpg", "img10.jpg"]
    assert state_of(store, "b.jpg") == FileState.MISSING
    assert store.image_ids("missing") == [b.id]
    assert [a.box for a in store.annotations(b.id)] == [Box(1, 2, 10, 10)]
    c = store.image_by_relpath("c.jpg")
    assert (c.width, c.height, c.file_state) == (80, 60, FileState.OK)

    g.jpeg(folder / "b.jpg")  # it comes back
    report = scan_folder(store, folder)
    assert (report.added, report.removed, report.changed, report.missing) == (1, 0, 0, 0)
    back = store.image_by_relpath("b.jpg")
    assert back.id == b.id and back.file_state == FileState.OK
    assert len(store.annotations(b.id)) == 1


def test_unchanged_rescan_reads_no_headers(folder, store, monkeypatch):
    for i in range(30):
        g.jpeg(folder / f"d{i % 3}" / f"im{i}.jpg")
    g.zero_byte(folder / "empty.jpg")
    first = scan_folder(store, folder)
    reads = CountingReads(monkeypatch)
    writes = []
    monkeypatch.setattr(store, "update_sort_keys", lambda pairs: writes.append(list(pairs)))
    again = scan_folder(store, folder)
    assert reads.calls == [] and writes == []
    assert (again.images, again.added, again.removed, again.changed) == (31, 0, 0, 0)
    assert again.problems == first.problems == {"empty.jpg": "empty file (0 bytes)"}


def test_touching_a_file_rereads_it(folder, store, monkeypatch):
    path = g.jpeg(folder / "a.jpg")
    g.jpeg(folder / "b.jpg")
    scan_folder(store, folder)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    reads = CountingReads(monkeypatch)
    report = scan_folder(store, folder)
    assert report.changed == 1 and [os.path.basename(p) for p in reads.calls] == ["a.jpg"]


def test_inserting_in_the_middle_moves_only_later_rows(folder, store):
    for i in (1, 2, 10, 11):
        g.jpeg(folder / f"img{i}.jpg")
    scan_folder(store, folder)
    g.jpeg(folder / "img3.jpg")
    scan_folder(store, folder)
    assert ordered_relpaths(store) == ["img1.jpg", "img2.jpg", "img3.jpg", "img10.jpg", "img11.jpg"]
    keys = {r[1]: r[2] for r in store.sort_index()}
    assert keys == {"img1.jpg": 0, "img2.jpg": 1, "img3.jpg": 2, "img10.jpg": 3, "img11.jpg": 4}


def test_a_new_sort_version_resorts(folder, store):
    for name in ["b.jpg", "a.jpg"]:
        g.jpeg(folder / name)
    scan_folder(store, folder)
    store.update_sort_keys([(r[0], 99 - r[2]) for r in store.sort_index()])  # scramble
    store.set_meta("scan.sort", "old")
    scan_folder(store, folder)
    assert ordered_relpaths(store) == ["a.jpg", "b.jpg"]
    assert store.get_meta("scan.sort") == scan.SORT_VERSION


# -- header reads -------------------------------------------------------------------------------
def test_file_deleted_between_walk_and_header_read(folder, store):
    g.jpeg(folder / "a.jpg")
    g.jpeg(folder / "b.jpg")
    report = scan_folder(store, folder, read_headers=False)
    assert report.images == 2 and state_of(store, "a.jpg") == FileState.UNKNOWN
    (folder / "a.jpg").unlink()
    counts = read_headers(store, folder)
    assert (counts.read, counts.unreadable, counts.vanished) == (1, 0, 1)
    assert state_of(store, "a.jpg") == FileState.MISSING
    assert state_of(store, "b.jpg") == FileState.OK


def test_file_deleted_during_the_scan(folder, store, monkeypatch):
    for i in range(5):
        g.jpeg(folder / f"im{i}.jpg")

    def delete_im3(path):
        if str(path).endswith("im3.jpg") and os.path.exists(path):
            os.unlink(path)

    CountingReads(monkeypatch, before=delete_im3)
    report = scan_folder(store, folder)
    assert (report.images, report.missing, report.unreadable) == (4, 1, 0)
    assert state_of(store, "im3.jpg") == FileState.MISSING


@pytest.mark.parametrize("workers", [1, 3])
def test_header_reads_in_threads_match_a_single_thread(folder, store, workers, monkeypatch):
    monkeypatch.setattr(scan, "_CHUNK", 7)
    monkeypatch.setattr(scan, "_WRITE_BATCH", 10)
    for i in range(60):
        g.jpeg(folder / f"im{i}.jpg", size=(20 + i, 10), orientation=(i % 8) + 1)
    g.zero_byte(folder / "empty.jpg")
    scan_folder(store, folder, read_headers=False)
    seen = []
    counts = read_headers(store, folder, workers=workers, progress=lambda d, t: seen.append((d, t)))
    assert (counts.read, counts.unreadable, counts.vanished, counts.cancelled) == (60, 1, 0, False)
    assert seen[-1] == (61, 61) and all(t == 61 for _, t in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    for i in range(60):
        rec = store.image_by_relpath(f"im{i}.jpg")
        o = (i % 8) + 1
        expected = (10, 20 + i) if o >= 5 else (20 + i, 10)
        assert (rec.width, rec.height, rec.orientation) == (*expected, o)


def test_progress_reports_the_walk_then_the_headers(folder, store, monkeypatch):
    for i in range(5000):
        (folder / f"d{i // 1000}").mkdir(exist_ok=True)
        (folder / f"d{i // 1000}" / f"{i}.jpg").write_bytes(b"")
    calls = []
    scan_folder(store, folder, progress=lambda d, t: calls.append((d, t)))
    walk = [c for c in calls if c[1] == 0]
    headers = [c for c in calls if c[1]]
    assert walk and walk[0][0] >= 4096
    assert headers[-1] == (5000, 5000)
    assert calls.index(walk[-1]) < calls.index(headers[0])


def test_cancel_during_the_walk_writes_nothing(folder, store):
    g.jpeg(folder / "a.jpg")
    cancel = threading.Event()
    cancel.set()
    report = scan_folder(store, folder, cancel=cancel)
    assert report.cancelled and store.image_count() == 0


def test_cancel_during_header_reads_keeps_what_was_read(folder, store, monkeypatch):
    monkeypatch.setattr(scan, "_CHUNK", 2)
    data = g.jpeg_bytes()
    for i in range(200):
        (folder / f"im{i}.jpg").write_bytes(data)
    cancel = threading.Event()

    def progress(done, total):
        if total and done:
            cancel.set()

    report = scan_folder(store, folder, progress=progress, cancel=cancel)
    assert report.cancelled
    # chunks already handed to the threads finish; nothing new starts after the cancel
    read = 200 - store.state_counts()["unscanned"]
    assert 2 <= read <= 2 * 2 * scan.default_workers()
    report = scan_folder(store, folder)  # the next scan finishes the job
    assert not report.cancelled and store.state_counts()["unscanned"] == 0


# -- content hash -------------------------------------------------------------------------------
def test_content_hash_is_lazy_cached_and_refreshed(folder, store, monkeypatch):
    path = g.jpeg(folder / "a.jpg")
    scan_folder(store, folder)
    rec = store.image_by_relpath("a.jpg")
    assert rec.content_hash is None  # not during the scan
    calls = []
    real = imaging.file_digest
    monkeypatch.setattr(imaging, "file_digest", lambda p: calls.append(p) or real(p))
    first = scan.ensure_content_hash(store, folder, rec.id)
    assert first == real(path) and store.image(rec.id).content_hash == first
    assert scan.ensure_content_hash(store, folder, rec.id) == first and len(calls) == 1

    g.jpeg(path, color=(1, 1, 1), size=(70, 50))  # edited behind our back
    second = scan.ensure_content_hash(store, folder, rec.id)
    assert second != first and len(calls) == 2
    assert store.image(rec.id).file_state == FileState.UNKNOWN  # header to be read again
    scan_folder(store, folder)
    assert store.image(rec.id).width == 70

    path.unlink()
    with pytest.raises(imaging.FileMissing):
        scan.ensure_content_hash(store, folder, rec.id)
    with pytest.raises(KeyError):
        scan.ensure_content_hash(store, folder, 12345)


def test_report_as_dict_is_json_ready(folder, store):
    import orjson

    g.zero_byte(folder / "é.jpg")
    data = orjson.loads(orjson.dumps(scan_folder(store, folder).as_dict()))
    assert data["problems"] == {"é.jpg": "empty file (0 bytes)"}
    assert set(data) >= {"images", "added", "removed", "changed", "unreadable", "missing",
                         "problems", "seconds"}
