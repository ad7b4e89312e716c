"""The core never imports PySide6: import every core module in a fresh interpreter and check."""

import pkgutil
import subprocess
import sys

import glancelabel.core


def test_core_imports_no_qt():
    names = [m.name for m in pkgutil.walk_packages(glancelabel.core.__path__, "glancelabel.core.")]
    assert "glancelabel.core.store" in names
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(repr(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


def test_cli_start_imports_no_heavy_modules(tmp_path):
    """Start-up stays small: a scan and stats load no Qt, provider SDK, ONNX runtime or numpy."""
    from PIL import Image

    Image.new("RGB", (8, 8)).save(tmp_path / "a.png")
    code = (
        "import sys\n"
        "from glancelabel.cli import main\n"
        f"assert main(['stats', {str(tmp_path)!r}]) == 0\n"
        "heavy = ('PySide6', 'anthropic', 'openai', 'onnxruntime', 'rapidocr_onnxruntime', 'cv2',\n"
        "         'numpy', 'sqlite_utils')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
