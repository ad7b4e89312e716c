"""Fixtures shared by the scan tests: an empty image folder and its project, where the app puts it.
(Test modules that need another kind of folder or store define their own, which take precedence.)"""

from __future__ import annotations

import pytest

from glancelabel.core.app.paths import project_path
from glancelabel.core.store import Store


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "photos"
    root.mkdir()
    return root


@pytest.fixture
def store(folder):
    s = Store(project_path(folder), folder)  # inside folder/.glancelabel, as the app does
    yield s
    s.close()
