"""`uv build --wheel` gives a wheel that installs a working `glancelabel` command (what `uv tool
install .` and `pipx install .` do): the package data under glancelabel/resources, the console
entry point, and only the runtime dependencies in its metadata (no test-only ones).

The install runs offline in a fresh venv. When the runtime dependencies are not all in uv's cache
(an offline resolve needs them), the wheel goes in with --no-deps and the dependencies are borrowed
from the development environment by a .pth line, which still proves that the installed copy of
the package, its data and its entry point work.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from glancelabel import __version__

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.wheel, pytest.mark.timeout(600)]


def _uv() -> str:
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH")
    return uv


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([_uv(), "build", "--wheel", "--offline", "--out-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:  # the build backend may not be cached yet: the registry has it
        proc = subprocess.run([_uv(), "build", "--wheel", "--out-dir", str(out)],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    wheels = list(out.glob("glancelabel-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_contents_and_metadata(wheel):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = z.read(info).decode()
        entry_points = z.read(info.replace("METADATA", "entry_points.txt")).decode()
    # every resource file ships, under the package
    for path in (ROOT / "resources").rglob("*"):
        if path.is_file():
            assert f"glancelabel/resources/{path.relative_to(ROOT / 'resources').as_posix()}" in names
    assert "glancelabel/__main__.py" in names and "glancelabel/gui/app.py" in names
    assert not any(n.startswith(("tests/", "packaging/", "glancelabel/tests/")) for n in names)
    # the console command
    assert re.search(r"\[console_scripts\]\s*\nglancelabel = glancelabel\.__main__:main", entry_points)
    # runtime dependencies only
    lines = [line.split(":", 1)[1] for line in metadata.splitlines()
             if line.startswith("Requires-Dist:")]
    requires = {_name(r) for r in lines if "extra ==" not in r}
    runtime = {_name(r) for r in pyproject["project"]["dependencies"]}
    dev = {_name(r) for r in pyproject["dependency-groups"]["dev"]}
    assert requires == runtime
    assert not requires & dev, requires & dev
    # optional extras ship as extras only (glancelabel[team]: the Label Studio SDK)
    extras = {_name(r) for r in lines if "extra ==" in r}
    declared = {_name(r) for group in pyproject["project"]["optional-dependencies"].values()
                for r in group}
    assert extras == declared and "label-studio-sdk" in extras
    assert re.search(r"^Requires-Dist: label-studio-sdk.*; extra == ['\"]team['\"]$", metadata, re.M)
    assert f"Version: {__version__}" in metadata


def test_wheel_installs_a_working_command(wheel, tmp_path):
    uv = _uv()
    venv = tmp_path / "venv"
    subprocess.run([uv, "venv", "-q", "--python", sys.executable, str(venv)], check=True,
                   timeout=120)
    python = venv / "bin" / "python"
    full = subprocess.run([uv, "pip", "install", "-q", "--offline", "--python", str(python),
                           str(wheel)], capture_output=True, text=True, timeout=300)
    how = "offline with its dependencies"
    if full.returncode != 0:
        subprocess.run([uv, "pip", "install", "-q", "--offline", "--no-deps", "--python",
                        str(python), str(wheel)], check=True, timeout=120)
        site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                               "['purelib'])"], capture_output=True, text=True, check=True)
        dev_site = subprocess.run([sys.executable, "-c", "import sysconfig; print(sysconfig."
                                   "get_paths()['purelib'])"], capture_output=True, text=True,
                                  check=True)
        Path(site.stdout.strip(), "_deps_from_dev_env.pth").write_text(dev_site.stdout.strip())
        how = "--no-deps (dependencies from the development environment)"
    print(f"\nwheel installed {how}")
    command = venv / "bin" / "glancelabel"
    assert command.is_file()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([str(command), "--version"], capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == f"GlanceLabel {__version__}"
    # the installed copy and its own resources are used, not the checkout's
    where = subprocess.run(
        [str(python), "-c", "import glancelabel, json; from glancelabel.core.app.resources import "
         "resources_root; print(json.dumps([glancelabel.__file__, str(resources_root())]))"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env)
    package_file, resources = json.loads(where.stdout)
    assert Path(package_file).is_relative_to(venv) and Path(resources).is_relative_to(venv)
    folder = tmp_path / "photos"
    shutil.copytree(ROOT / "resources" / "samples", folder)
    proc = subprocess.run([str(command), "--smoke-test", str(folder)], capture_output=True,
                          text=True, timeout=180, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["ok"] and report["images"] == 4
