"""Qt's file dialog in the Chinese interface on an English system says sizes and dates in
Chinese ("0 字节", "2026/12/6 10:50"), not "0 bytes" and "10:50 AM". Qt formats them with its
system locale, which it reads once from the environment on Linux; `QLocale.setDefault` (set by
gui/i18n.install before any dialog) does not reach them, so the app names the chosen language
in the environment while Qt starts (gui/i18n.system_locale_for) and restores it after.

The app is started in a process of its own (tests/gui/file_dialog_probe.py: gui.app.run, as
`glancelabel` starts) with LANG=en_US.UTF-8, once with 简体中文 chosen in Settings and once
following the system (English), and a file dialog lists a folder with an empty file and a
sub-folder."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from glancelabel.core.app import settings as settings_mod

PROBE = Path(__file__).with_name("file_dialog_probe.py")
CHINESE_DATE = re.compile(r"\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}")  # 2026/12/6 10:50

pytestmark = pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                                reason="Qt reads the system locale from the environment on Unix")


def listing(folder: Path, language: str) -> dict:
    settings = settings_mod.load()
    settings.language = language
    settings_mod.save(settings)
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LC_MESSAGES", "LC_TIME", "LC_NUMERIC", "LANGUAGE")}
    env.update(LANG="en_US.UTF-8", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(PROBE), str(folder)], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_file_dialog_says_sizes_and_dates_in_the_chosen_language(tmp_path):
    folder = tmp_path / "photos"
    (folder / "sub").mkdir(parents=True)
    (folder / "empty.txt").write_bytes(b"")
    chinese = listing(folder, "zh_CN")
    english = listing(folder, "")
    rows = {r[0]: r for r in chinese["rows"]}
    assert rows["empty.txt"][1] == "0 字节"
    assert rows["empty.txt"][2] == "纯文本文档"  # (Qt's translation: right before the change too)
    dates = [r[3] for r in chinese["rows"]]
    assert len(dates) == 2 and all(CHINESE_DATE.fullmatch(d) for d in dates), dates
    assert chinese["LC_ALL"] is None  # programs the app starts get the person's own locale
    # following the English system: English sizes and dates (the check can fail)
    rows = {r[0]: r for r in english["rows"]}
    assert rows["empty.txt"][1] == "0 bytes"
    assert any("AM" in r[3] or "PM" in r[3] for r in english["rows"])
