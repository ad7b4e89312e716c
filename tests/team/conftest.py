"""The `team` tests' Label Studio server (lsserver.py), started once per test run and stopped at
its end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from lsserver import LabelStudio, NotInstalled, running


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabelStudio]:
    try:
        with running(tmp_path_factory.mktemp("label-studio")) as server:
            yield server
    except NotInstalled as exc:
        pytest.fail(str(exc))


@pytest.fixture
def team_env(label_studio: LabelStudio, monkeypatch: pytest.MonkeyPatch) -> LabelStudio:
    """The server's URL, token and document root in the environment, as a user would set them."""
    for key, value in label_studio.env().items():
        monkeypatch.setenv(key, value)
    return label_studio
