"""The language a real start chooses: `glancelabel FOLDER` (the console script, in its own process)
follows the system's locale when Settings → Language is "As the system", and the saved choice
otherwise (a choice made in Settings applies at the next start). The command line stays English.

What the started app says is read from a message box it shows: the folder's project is held open
by this test (its window lock), so the app asks "Project in use" — under `--smoke-test` that box
is printed on standard error instead of waiting for a click (`gui/app.py`). The title and the
sentence (an error of core's family, filled with the other process's id) are the app's own
translation; the box is shown before any window, so the translator loaded at start is what
speaks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fakes.batch_fakes import make_images
from glancelabel.core.app import settings as settings_mod
from glancelabel.core.app.paths import project_path
from glancelabel.core.store import Store
from glancelabel.core.store.lock import ProjectLock

LOCALE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_NUMERIC", "LC_CTYPE")
CHINESE = "[question] 项目正在使用中: 此项目已在另一个 GlanceLabel 窗口中打开（进程 {pid}）"
ENGLISH = "[question] Project in use: This project is open in another GlanceLabel window (process {pid})"


@pytest.fixture(scope="module")
def entry() -> list[str]:
    script = Path(sys.executable).with_name("glancelabel")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "glancelabel"]


@pytest.fixture
def held_folder(tmp_path):
    """A folder whose project this process holds open (as another window would)."""
    folder = tmp_path / "照片"
    make_images(folder, 2)
    Store(project_path(folder), folder).close()
    lock = ProjectLock(project_path(folder))
    lock.acquire()
    yield folder
    lock.release()


def with_locale(**locale: str) -> dict[str, str]:
    """This process's environment with only the given locale variables."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return env | locale | {"QT_QPA_PLATFORM": "offscreen"}


def start(entry: list[str], folder: Path, **locale: str) -> str:
    """Start the app on `folder` with only the given locale variables; its standard error."""
    proc = subprocess.run([*entry, "--smoke-test", str(folder)], env=with_locale(**locale),
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 1, (proc.stdout, proc.stderr[-2000:])  # it did not open the folder
    assert '"ok": false' in proc.stdout
    return proc.stderr


def choose(language: str) -> None:
    settings = settings_mod.load()
    settings.language = language  # what Settings → Language saves
    settings_mod.save(settings)


@pytest.mark.parametrize(("setting", "locale", "chinese"), [
    ("", {"LANG": "zh_CN.UTF-8"}, True),  # follows the system
    ("", {"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, True),  # LC_ALL before LANG
    ("", {"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, True),  # GNU's list of languages
    ("", {"LANG": "en_US.UTF-8"}, False),
    ("", {"LANG": "zh_TW.UTF-8"}, False),  # Traditional Chinese is not Simplified
    ("zh_CN", {"LANG": "en_US.UTF-8"}, True),  # the choice in Settings wins
    ("en", {"LANG": "zh_CN.UTF-8"}, False),
])
def test_a_start_speaks_the_system_language_or_the_one_chosen(entry, held_folder, setting, locale,
                                                              chinese):
    choose(setting)
    said = start(entry, held_folder, **locale)
    expected = (CHINESE if chinese else ENGLISH).format(pid=os.getpid())
    assert expected in said, said[-2000:]
    if chinese:
        assert "仍要打开吗？" in said and "Open it anyway" not in said


def test_the_command_line_stays_english_under_a_chinese_locale(entry, held_folder):
    """Scripts parse the CLI: under LANG=zh_CN with 简体中文 chosen, its lines and refusals are
    the English ones."""
    choose("zh_CN")
    said = [subprocess.run([*entry, *args, str(held_folder)], env=with_locale(LANG="zh_CN.UTF-8"),
                           capture_output=True, text=True, encoding="utf-8", timeout=120)
            for args in (("stats",), ("audit", "status"))]
    assert said[0].returncode == 0 and "2 images" in said[0].stdout + said[0].stderr, said[0]
    assert said[1].returncode != 0 and "no spot-check" in said[1].stderr, said[1].stderr
    assert not re.search(r"[\u4e00-\u9fff]", "".join(p.stdout + p.stderr for p in said).replace(
        str(held_folder), ""))
