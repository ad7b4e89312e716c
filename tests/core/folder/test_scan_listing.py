"""A new project's first scan: listed in natural order batch by batch, stat taken later; and the
rescan that finds nothing changed."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import imagegen as g
from glancelabel.core.app.paths import project_path
from glancelabel.core.folder import scan
from glancelabel.core.folder.natural import file_key, file_keys, natural_sorted
from glancelabel.core.folder.scan import read_headers, scan_folder
from glancelabel.core.folder.walk import Walker
from glancelabel.core.store import Store

JPEG = g.jpeg_bytes()


def write(folder: Path, relpaths) -> None:
    for rel in relpaths:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(JPEG)


def listed_relpaths(store) -> list[str]:
    ids = store.image_ids("all")
    recs = store.images(ids)
    return [recs[i].relpath for i in ids]


TREE = (
    [f"img{i}.jpg" for i in range(1, 40)]
    + [f"a/frame_{i:04d}.PNG" for i in range(300)]
    + [f"a/sub{i}/x{i}.jpeg" for i in (10, 9, 1)]
    + ["a.jpg", "a b.jpg", "A01/z.jpg", "a1/y.jpg", "b/c/d/e.jpg", "IMG2.jpg", "img02.jpg"]
    + [f"z/{i}.jpg" for i in range(250)]
)


def test_new_project_is_listed_batch_by_batch_in_natural_order(folder, store, monkeypatch):
    monkeypatch.setattr(scan, "_LIST_WAIT", 1e9)  # batches by size only, however slow the machine
    write(folder, TREE)
    (folder / "notes.txt").write_text("not an image")
    batches: list[list[int]] = []
    report = scan_folder(store, folder, read_headers=False, listed=batches.append)
    assert report.images == report.added == len(TREE)
    ids = store.image_ids("all")
    assert [i for batch in batches for i in batch] == ids
    assert len(batches[0]) == scan._FIRST_ROWS and len(batches) >= 2
    assert listed_relpaths(store) == natural_sorted(TREE)
    # the positions written while listing are already the natural order: a resort moves nothing
    assert scan.resort(store) == 0
    # size and mtime are taken with the header, not during the listing
    recs = store.images(ids)
    assert {(r.size, r.mtime_ns) for r in recs.values()} == {(0, 0)}
    counts = read_headers(store, folder)
    assert counts.read == len(TREE)
    for rec in store.images(ids).values():
        st = os.stat(folder / rec.relpath)
        assert (rec.size, rec.mtime_ns) == (st.st_size, st.st_mtime_ns)
    again = scan_folder(store, folder)
    assert (again.added, again.changed, again.removed) == (0, 0, 0)


def test_rescan_before_any_header_read_takes_the_stats_without_calling_them_changes(folder, store):
    write(folder, ["one.jpg", "two.jpg"])
    scan_folder(store, folder, read_headers=False)
    report = scan_folder(store, folder, read_headers=False)
    assert (report.added, report.changed, report.removed) == (0, 0, 0)
    rec = store.image_by_relpath("two.jpg")
    assert rec.size == len(JPEG) and rec.mtime_ns == os.stat(folder / "two.jpg").st_mtime_ns


def test_a_listed_file_changed_before_its_header_read_is_read_as_it_is_now(folder, store):
    write(folder, ["a.jpg"])
    scan_folder(store, folder, read_headers=False)
    g.jpeg(folder / "a.jpg", size=(30, 20))
    read_headers(store, folder)
    rec = store.image_by_relpath("a.jpg")
    assert (rec.width, rec.height) == (30, 20)
    assert rec.size == os.stat(folder / "a.jpg").st_size


def test_cancel_while_listing_keeps_the_stored_batches_and_the_next_scan_finishes(
        folder, store, monkeypatch):
    monkeypatch.setattr(scan, "_LIST_WAIT", 1e9)
    write(folder, [f"p{i}.jpg" for i in range(600)])
    cancel = threading.Event()
    seen: list[list[int]] = []

    def listed(ids):
        seen.append(ids)
        cancel.set()

    report = scan_folder(store, folder, listed=listed, cancel=cancel)
    assert report.cancelled and len(seen) == 1
    assert store.image_count() == scan._FIRST_ROWS
    report = scan_folder(store, folder, read_headers=False)
    assert report.added == 600 - scan._FIRST_ROWS
    assert listed_relpaths(store) == natural_sorted([f"p{i}.jpg" for i in range(600)])


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32",
                    reason="symlinks need privileges on Windows")
def test_a_symlinked_folder_is_walked_last_then_put_in_its_place(tmp_path, folder, store):
    outside = tmp_path / "elsewhere"
    write(outside, ["x.jpg", "y.jpg"])
    write(folder, ["b.jpg", "zz/c.jpg"])
    os.symlink(outside, folder / "aa_link")
    batches: list[list[int]] = []
    scan_folder(store, folder, read_headers=False, listed=batches.append)
    assert listed_relpaths(store) == ["aa_link/x.jpg", "aa_link/y.jpg", "b.jpg", "zz/c.jpg"]
    streamed = store.images([i for b in batches for i in b])
    assert [streamed[i].relpath for b in batches for i in b][-2:] == ["aa_link/x.jpg", "aa_link/y.jpg"]


def test_unchanged_rescan_compares_signatures_and_builds_no_index(folder, store, monkeypatch):
    write(folder, TREE[:50])
    scan_folder(store, folder)
    monkeypatch.setattr(store, "image_index", lambda: pytest.fail("the slow path ran"))
    report = scan_folder(store, folder)
    assert (report.images, report.added, report.changed, report.removed) == (50, 0, 0, 0)


def test_both_walks_find_the_same_files(tmp_path, folder):
    write(folder, TREE[:60] + [".hidden/a.jpg", "dir.jpg/inner.png", "deep/.x.jpg"])
    (folder / "readme.md").write_text("x")
    if hasattr(os, "symlink") and sys.platform != "win32":
        write(tmp_path / "out", ["o.jpg"])
        os.symlink(tmp_path / "out", folder / "link")
        os.symlink(folder, folder / "deep" / "loop")
    ordered = [p + n for p, names in Walker(os.fspath(folder)).ordered_walk() for n in names]
    stats = Walker(os.fspath(folder)).stat_walk()
    assert sorted(ordered) == sorted(r for r, _s, _m in stats)
    assert "dir.jpg/inner.png" in ordered and not any("hidden" in r or ".x" in r for r in ordered)
    assert len(ordered) == len(set(ordered))


_part = st.text(alphabet="aB0129 _-.é", min_size=1, max_size=6).filter(lambda s: s[0] != ".")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(_part, max_size=3), _part, st.sampled_from([".jpg", ".PNG"])),
                min_size=1, max_size=25))
def test_walk_order_is_the_natural_order_of_all_paths(entries):
    relpaths = {"/".join([*folders, stem + ext]) for folders, stem, ext in entries}
    # a name may not be both a folder and a file
    folders = {"/".join(r.split("/")[:k]) for r in relpaths for k in range(1, r.count("/") + 1)}
    relpaths -= folders
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp), relpaths)
        walked = [p + n for p, names in Walker(tmp).ordered_walk() for n in names]
    assert walked == natural_sorted(list(relpaths))


@given(st.lists(st.text(alphabet="aB09 .\n_é²ß", max_size=8), max_size=40))
def test_file_keys_in_one_pass_equal_one_by_one(names):
    assert file_keys(names) == [file_key(n) for n in names]


# -- header reads in worker processes -------------------------------------------------------------
def _headers(store) -> dict:
    recs = store.images(store.image_ids("all"))
    return {r.relpath: (r.width, r.height, r.orientation, r.file_state, r.problem,
                        r.size, r.mtime_ns) for r in recs.values()}


def _mixed_folder(folder: Path) -> None:
    for i in range(40):
        g.jpeg(folder / f"d{i % 3}" / f"im{i}.jpg", size=(40 + i, 30), orientation=(i % 8) + 1)
    g.png(folder / "p.png")
    g.zero_byte(folder / "empty.jpg")
    (folder / "junk.png").write_bytes(b"not a png")


def test_worker_processes_read_what_one_thread_reads(tmp_path, monkeypatch):
    monkeypatch.setattr(scan, "_PROCESS_CHUNK", 8)  # several chunks from a small folder
    results = []
    for processes in (0, 2):
        folder = tmp_path / f"p{processes}"
        _mixed_folder(folder)
        with Store(project_path(folder), folder) as s:
            scan_folder(s, folder, read_headers=False)
            counts = read_headers(s, folder, processes=processes)
            results.append((counts, {k: v[:5] for k, v in _headers(s).items()}))
            assert all(v[5] is not None and v[6] for v in _headers(s).values())  # stats taken
    assert results[0] == results[1]
    assert results[0][0].read == 41 and results[0][0].unreadable == 2


def test_a_broken_worker_pool_leaves_the_rest_to_this_process(folder, store, monkeypatch, caplog):
    from concurrent.futures import ThreadPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    class Breaking(ThreadPoolExecutor):
        submitted = 0

        def submit(self, fn, *args):
            Breaking.submitted += 1
            if Breaking.submitted == 3:
                raise BrokenProcessPool("a worker process died")
            return super().submit(fn, *args)

    monkeypatch.setattr(scan, "_PROCESS_CHUNK", 8)
    monkeypatch.setattr(scan, "_process_pool", lambda n: Breaking(n))
    _mixed_folder(folder)
    scan_folder(store, folder, read_headers=False)
    counts = read_headers(store, folder, processes=2)
    assert Breaking.submitted >= 3
    assert (counts.read, counts.unreadable, counts.cancelled) == (41, 2, False)
    assert store.ids_needing_header() == []
    assert "reading the rest here" in caplog.text


def test_process_count_by_folder_size_and_setting(monkeypatch):
    monkeypatch.delenv("GLANCELABEL_HEADER_PROCESSES", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert scan.default_processes(100) == 0
    assert scan.default_processes(scan._PROCESS_MIN) == 2
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert scan.default_processes(10**6) == 0
    monkeypatch.setenv("GLANCELABEL_HEADER_PROCESSES", "3")
    assert scan.default_processes(5) == 3


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32",
                    reason="symlinks need privileges on Windows")
def test_a_folder_reached_by_several_links_keeps_its_path_on_rescans(tmp_path, folder, store):
    shared = tmp_path / "shared"
    write(shared, ["x.jpg", "y.jpg"])
    for i in range(1, 6):
        (folder / f"d{i}").mkdir()
        os.symlink(shared, folder / f"d{i}" / "shared")
    scan_folder(store, folder, read_headers=False)
    assert listed_relpaths(store) == ["d1/shared/x.jpg", "d1/shared/y.jpg"]
    for _ in range(2):
        report = scan_folder(store, folder)
        assert (report.added, report.removed, report.missing) == (0, 0, 0)
    assert listed_relpaths(store) == ["d1/shared/x.jpg", "d1/shared/y.jpg"]


def test_control_characters_in_names_keep_the_walk_in_natural_order(folder):
    relpaths = ["x/z.jpg", "x\x03x\x02y/a.jpg", "x\x01/b.jpg", "x\x04y.jpg", "x\x02.jpg"]
    write(folder, relpaths)
    walked = [p + n for p, names in Walker(os.fspath(folder)).ordered_walk() for n in names]
    assert walked == natural_sorted(relpaths) and sorted(walked) == sorted(relpaths)


def test_a_failed_listing_write_stops_the_later_ones(folder, store, monkeypatch):
    monkeypatch.setattr(scan, "_LIST_WAIT", 1e9)
    write(folder, [f"f{i}.jpg" for i in range(5000)])
    real = store.append_listed
    calls = []

    def failing(relpaths, first_position):
        calls.append(first_position)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(relpaths, first_position)

    monkeypatch.setattr(store, "append_listed", failing)
    seen: list[list[int]] = []
    with pytest.raises(OSError):
        scan_folder(store, folder, listed=seen.append)
    assert store.image_count() == len(seen[0]) == scan._FIRST_ROWS and len(seen) == 1
    monkeypatch.setattr(store, "append_listed", real)
    scan_folder(store, folder, read_headers=False)
    assert listed_relpaths(store) == natural_sorted([f"f{i}.jpg" for i in range(5000)])


def test_worker_processes_that_cannot_start_leave_the_reads_to_this_process(
        folder, store, monkeypatch, caplog):
    def no_pool(n):
        raise NotImplementedError("this system has no working semaphores")

    monkeypatch.setattr(scan, "_PROCESS_CHUNK", 8)
    monkeypatch.setattr(scan, "_process_pool", no_pool)
    _mixed_folder(folder)
    scan_folder(store, folder, read_headers=False)
    counts = read_headers(store, folder, processes=2)
    assert (counts.read, counts.unreadable) == (41, 2) and store.ids_needing_header() == []
    assert "cannot start" in caplog.text
