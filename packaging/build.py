"""Build the one-folder bundle: `uv run python packaging/build.py [--dist DIR]`.

Prints the build time and the bundle size. On Windows it first writes the version resource.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def write_version_info(version: str, target: Path) -> None:
    parts = [int(p) if p.isdigit() else 0 for p in version.split("+")[0].split(".")[:3]]
    nums = tuple(parts + [0] * (4 - len(parts)))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}),
  kids=[StringFileInfo([StringTable('040904B0', [
    StringStruct('CompanyName', 'GlanceLabel'),
    StringStruct('FileDescription', 'GlanceLabel image labelling'),
    StringStruct('FileVersion', '{version}'),
    StringStruct('ProductName', 'GlanceLabel'),
    StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])]
)
""",
        encoding="utf-8",
    )


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dist", type=Path, default=ROOT / "dist")
    ap.add_argument("--work", type=Path, default=HERE / "build")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "desktop"))
    from glancelabel import __version__

    if sys.platform == "win32":
        write_version_info(__version__, HERE / "build" / "version_info.txt")
    start = time.perf_counter()
    env = dict(os.environ, PYTHONHASHSEED="0")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(args.dist), "--workpath", str(args.work), str(HERE / "glancelabel.spec")],
        check=True, env=env,
    )
    seconds = time.perf_counter() - start
    bundle = args.dist / "glancelabel"
    print(f"built {bundle} in {seconds:.0f} s, {folder_size(bundle) / 1e6:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
