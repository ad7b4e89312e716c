"""Disk full and read-only project files: one clear sentence, nothing corrupted, and work goes on
once space (or write access) is back. A small tmpfs stands in for a full or write-protected drive."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import uuid
from pathlib import Path

import pytest
from faultkit import annotated_project, cli_cmd, clone_folder, integrity, run_cli

from glancelabel.core.model import Box, Kind
from glancelabel.core.store import Store
from glancelabel.core.store.suggestions import NewSuggestion

pytestmark = pytest.mark.slow


class SmallDisk:
    def __init__(self, path: Path, size: str):
        self.path = path
        path.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0777", "tmpfs",
                        str(path)], check=True, capture_output=True)

    def remount(self, options: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{options}", str(self.path)], check=True,
                       capture_output=True)

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], capture_output=True)


_mountable: list[bool] = []  # probed once, by the first test that asks for a small disk


def _can_mount() -> bool:
    if not _mountable:
        _mountable.append(_probe_mount())
    return _mountable[0]


def _probe_mount() -> bool:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    probe = Path(f"/tmp/glancelabel-probe-{uuid.uuid4().hex[:8]}")
    try:
        SmallDisk(probe, "64k").unmount()
        return True
    except (OSError, subprocess.CalledProcessError):
        return False
    finally:
        try:
            probe.rmdir()
        except OSError:
            pass


@pytest.fixture
def small_disk(tmp_path):
    """Mounts small tmpfs drives for the test that asks (never at collection time); skips when
    this machine cannot mount (root on Linux is needed)."""
    if not _can_mount():
        pytest.skip("simulating a full or read-only drive needs a tmpfs mount (root on Linux)")
    disks: list[SmallDisk] = []

    def make(size: str) -> SmallDisk:
        d = SmallDisk(tmp_path / f"disk{len(disks)}", size)
        disks.append(d)
        return d

    yield make
    for d in disks:
        d.unmount()


def _one_sentence(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.startswith("error:")]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_disk_full_during_a_scan_is_one_sentence_and_the_project_survives(tmp_path, small_disk):
    folder = tmp_path / "photos"
    clone_folder(folder, 4000)
    disk = small_disk("160k")
    project = disk.path / "project.sqlite"
    done = run_cli("scan", folder, "--project", project)
    assert done.returncode != 0
    line = _one_sentence(done.stderr)
    assert "full" in line and "free some space" in line
    assert integrity(project) == "ok"
    disk.remount("size=64m")  # space is back: the same command finishes the work
    again = run_cli("scan", folder, "--project", project, "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout.strip().splitlines()[-1])["images"] == 4000
    assert integrity(project) == "ok"


@pytest.mark.parametrize("fmt", ["coco", "yolo"])
def test_disk_full_during_an_export_leaves_nothing_behind(tmp_path, small_disk, fmt):
    folder = tmp_path / "photos"
    annotated_project(folder, 300).close()
    disk = small_disk("64k")
    out = disk.path / ("out.json" if fmt == "coco" else "out")
    done = run_cli("export", folder, "--format", fmt, "--out", out, "--link", "copy")
    assert done.returncode != 0
    line = _one_sentence(done.stderr)
    assert "No space left on device" in line or "full" in line
    assert list(disk.path.iterdir()) == []  # no final name, no temporary left over
    from glancelabel.core.app.paths import project_path

    assert integrity(project_path(folder)) == "ok"


def _file_size_limit(limit: int):
    """For a child process: no file may grow past `limit` bytes (EFBIG, not a SIGXFSZ kill)."""
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_refused_write_during_an_export_leaves_nothing_behind(tmp_path):
    """Needs no mount (runs where the tmpfs cases skip): the OS refuses the export file's
    growth past 64 kB (RLIMIT_FSIZE) while the project file, already larger, is only read."""
    folder = tmp_path / "photos"
    annotated_project(folder, 300).close()
    exports = tmp_path / "exports"
    exports.mkdir()
    out = exports / "out.json"
    done = subprocess.run(cli_cmd("export", folder, "--format", "coco", "--out", out),
                          capture_output=True, text=True, timeout=60,
                          preexec_fn=_file_size_limit(64 * 1024))
    assert done.returncode == 1, done.stderr
    assert _one_sentence(done.stderr).startswith(f"error: Could not write {out}: File too large")
    assert list(exports.iterdir()) == []  # no final name, no temporary left over
    from glancelabel.core.app.paths import project_path

    assert integrity(project_path(folder)) == "ok"
    assert run_cli("export", folder, "--format", "coco", "--out", out).returncode == 0
    assert len(json.loads(out.read_bytes())["annotations"]) == 900


def _store_with_suggestions(path: Path) -> Store:
    store = Store(path)
    store.add_images([("a.jpg", 10, 1)])
    store.set_headers([(1, 200, 100, 1, "JPEG", "ok", None)])
    store.add_labels(["cat"])
    cat = store.labels()[0].id
    store.add_suggestions(None, 1, [NewSuggestion(Kind.BOX, "cat", cat, Box(k, k, 9, 9))
                                    for k in range(3)])
    return store


def test_project_on_a_drive_that_became_read_only(tmp_path, small_disk):
    """The kernel refuses to remount a drive read-only while a file on it is open for writing,
    so "mid-session" here is: a session writes, then the project is reached again through a
    read-only view of the same drive (a read-only bind mount), as after a drive error."""
    disk = small_disk("8m")
    project = disk.path / "project.sqlite"
    store = _store_with_suggestions(project)
    assert store.accept_suggestions([1]).changes
    view = tmp_path / "read-only-view"
    view.mkdir()
    subprocess.run(["mount", "--bind", str(disk.path), str(view)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        ro = Store(view / "project.sqlite")
        with pytest.raises(Exception) as caught:
            ro.accept_suggestions([2])
        from glancelabel.cli import storage_problem

        assert "read-only" in (storage_problem(caught.value) or "")
        # reading still works, and the refused decision left nothing half-done
        assert [s.state.value for s in ro.suggestions(1)] == ["accepted", "pending", "pending"]
        ro.close()
        folder = tmp_path / "photos"
        folder.mkdir()
        done = run_cli("review", folder, "--project", view / "project.sqlite", "--accept-all")
        assert done.returncode != 0
        assert "read-only" in _one_sentence(done.stderr)
    finally:
        subprocess.run(["umount", "-l", str(view)], capture_output=True)
    # the writable session goes on, nothing was damaged
    assert store.accept_suggestions([2]).changes
    store.close()
    assert integrity(project) == "ok"
    with Store(project) as again:
        assert [s.state.value for s in again.suggestions(1)] == ["accepted", "accepted", "pending"]
        assert len(again.annotations(1)) == 2


# Root passes permission bits by two capabilities; without them its files' bits bind it too.
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


def _permission_bits_bind() -> list[str]:
    """A command prefix under which permission bits stop the process: none for a plain user;
    for root, setpriv dropping the capabilities that bypass them (skips when it cannot)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    try:
        probe = subprocess.run([*WITHOUT_OVERRIDE, "test", "-w", "/proc/1/environ"],
                               capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("root, and no setpriv to drop the capabilities that pass permission bits")
    if probe.returncode == 0 or probe.stderr:
        pytest.skip("root, and setpriv cannot drop the capabilities that pass permission bits")
    return WITHOUT_OVERRIDE


def test_read_only_project_file_reopened(tmp_path):
    prefix = _permission_bits_bind()
    project = tmp_path / "p" / "project.sqlite"
    _store_with_suggestions(project).close()
    os.chmod(project, 0o444)
    os.chmod(project.parent, 0o555)
    try:
        folder = tmp_path / "photos"
        folder.mkdir()
        done = subprocess.run([*prefix, *cli_cmd("review", folder, "--project", project,
                                                 "--accept-all")],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 1, done.stderr
        assert "read-only" in _one_sentence(done.stderr)
    finally:
        os.chmod(project.parent, 0o755)
        os.chmod(project, 0o644)
    assert integrity(project) == "ok"
