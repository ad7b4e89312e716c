"""The one-folder bundle: build it with packaging/build.py into a temporary folder, then launch
the built app offscreen on a copy of the sample folder (it must start, open the folder, list the
right number of images and exit 0), and run `--version`, `scan DIR --json` and an offline
`suggest` (onnxruntime and the RapidOCR models inside the bundle) from it.

Prints the build time and the bundle size. Linux only (the spec builds on each system).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glancelabel import __version__

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
SAMPLE_IMAGES = sorted(p.name for p in SAMPLES.iterdir() if p.suffix.lower() in (".jpg", ".png"))

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.timeout(1500),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle test builds on Linux"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller")
    out = tmp_path_factory.mktemp("bundle")
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(out / "dist"),
         "--work", str(out / "work")],
        capture_output=True, text=True, timeout=1400,
    )
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr[-4000:]
    app = out / "dist" / "glancelabel"
    size = sum(f.stat().st_size for f in app.rglob("*") if f.is_file() and not f.is_symlink())
    figures = f"bundle built in {seconds:.0f} s, {size / 1e6:.0f} MB ({app})"
    print("\n" + figures)
    sys.__stdout__.write(figures + "\n")  # shown even when pytest captures output
    assert re.search(r"built .* in \d+ s, \d+ MB", proc.stdout), proc.stdout
    shutil.rmtree(out / "work", ignore_errors=True)  # ~100 MB of PyInstaller's intermediate files
    return app


def _run(app: Path, *args: str, timeout: float = 180, **env_vars: str) -> subprocess.CompletedProcess:
    # user dirs: the conftest's temporary ones
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env_vars)
    return subprocess.run([str(app / "glancelabel"), *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=app.parent)


def _last_json(stdout: str) -> dict:
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert lines, "no output"
    return json.loads(lines[-1])


def test_bundle_holds_what_the_app_needs(bundle):
    internal = bundle / "_internal"
    assert (bundle / "glancelabel").is_file() and os.access(bundle / "glancelabel", os.X_OK)
    res = internal / "glancelabel" / "resources"
    assert (res / "style" / "app.qss").is_file()
    assert (res / "app" / "glancelabel.svg").is_file()
    assert sorted(p.name for p in (res / "icons").glob("*.svg")) == sorted(
        p.name for p in (ROOT / "resources" / "icons").glob("*.svg"))
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert list((plugins / "imageformats").glob("*qsvg*")), "no SVG image plugin"
    assert list((plugins / "platforms").glob("*offscreen*"))
    assert list(internal.rglob("rapidocr_onnxruntime/models/*.onnx")), "no OCR models"
    # the training worker is a script run by the training environment's Python, not a module
    worker = internal / "glancelabel" / "core" / "training" / "worker.py"
    assert worker.read_bytes() == (ROOT / "desktop/glancelabel/core/training/worker.py").read_bytes()
    for test_only in ("pytest", "hypothesis", "pycocotools", "globox", "supervision"):
        assert not (internal / test_only).exists(), test_only
    # the Chinese interface: the app's translation and Qt's own (standard buttons, file dialogs)
    assert (res / "i18n" / "glancelabel_zh_CN.qm").is_file()
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm").is_file()


def test_bundle_opens_a_folder_offscreen_and_exits_cleanly(bundle, tmp_path):
    folder = tmp_path / "sample copy"
    shutil.copytree(SAMPLES, folder)
    started = time.perf_counter()
    proc = _run(bundle, "--smoke-test", str(folder))
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, (proc.stdout, proc.stderr[-3000:])
    report = _last_json(proc.stdout)
    assert report["ok"] is True
    assert report["images"] == len(SAMPLE_IMAGES) == 4
    assert report["title"] == f"{folder.name} — GlanceLabel"
    assert report["version"] == __version__
    assert report["shown"] in SAMPLE_IMAGES and report["decoded"] is True
    assert (folder / ".glancelabel" / "project.sqlite").is_file()
    print(f"\nsmoke test of the bundle: {seconds:.1f} s from launch to exit")


def test_bundle_speaks_chinese_under_a_chinese_locale(bundle, tmp_path):
    """Under LC_ALL=zh_CN the bundled app loads both translations: a folder whose project this
    test holds open makes it ask "Project in use", which --smoke-test prints, in Chinese; its log
    names no translation that was not found."""
    from glancelabel.core.app.paths import log_file, project_path
    from glancelabel.core.store.lock import ProjectLock

    folder = tmp_path / "照片"
    shutil.copytree(SAMPLES, folder)
    assert _run(bundle, "scan", str(folder)).returncode == 0
    lock = ProjectLock(project_path(folder))
    lock.acquire()
    try:
        proc = _run(bundle, "--smoke-test", str(folder), LC_ALL="zh_CN.UTF-8", LANGUAGE="")
    finally:
        lock.release()
    assert proc.returncode == 1, proc.stderr[-3000:]
    assert f"[question] 项目正在使用中: 此项目已在另一个 GlanceLabel 窗口中打开（进程 {os.getpid()}）" in (
        proc.stderr), proc.stderr[-3000:]
    assert not re.search(r"translation \S+ not found", log_file().read_text(encoding="utf-8"))


def test_bundle_refuses_a_missing_folder(bundle, tmp_path):
    proc = _run(bundle, "--smoke-test", str(tmp_path / "nowhere"))
    assert proc.returncode == 2
    assert "is not a folder" in _last_json(proc.stdout)["error"]


def test_bundle_runs_the_command_line(bundle, tmp_path):
    proc = _run(bundle, "--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"GlanceLabel {__version__}"
    folder = tmp_path / "photos"
    shutil.copytree(SAMPLES, folder)
    proc = _run(bundle, "scan", str(folder), "--json")
    assert proc.returncode == 0, proc.stderr
    assert _last_json(proc.stdout)["images"] == 4
    # the offline engine: onnxruntime and the OCR models work from inside the bundle
    proc = _run(bundle, "suggest", str(folder), "--provider", "local", "--yes", "--json",
                timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = _last_json(proc.stdout)
    assert result["succeeded"] == 4 and result["failed"] == 0
    # training from the bundle finds its worker and asks for the environment, nothing else
    env = tmp_path / "no-env"
    proc = _run(bundle, "train-env", "status", "--json", GLANCELABEL_TRAIN_ENV=str(env))
    assert proc.returncode == 1
    problem = _last_json(proc.stdout)["problem"]
    assert problem.startswith(f"The training environment is not set up ({env} has no Python)"), problem


def test_bundle_reads_headers_in_worker_processes(bundle, tmp_path):
    """A frozen app starts its worker processes through multiprocessing's freeze support."""
    from glancelabel.core.app.paths import log_file

    folder = tmp_path / "many"
    folder.mkdir()
    data = (SAMPLES / SAMPLE_IMAGES[0]).read_bytes()
    for i in range(2100):  # three chunks of worker reads
        (folder / f"copy{i}{Path(SAMPLE_IMAGES[0]).suffix}").write_bytes(data)
    proc = _run(bundle, "scan", str(folder), "--json", GLANCELABEL_HEADER_PROCESSES="2")
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = _last_json(proc.stdout)
    assert report["images"] == 2100 and report["unreadable"] == 0, report
    log = log_file().read_text(encoding="utf-8")
    assert "headers in 2 worker processes" in log
    assert "worker pool failed" not in log
