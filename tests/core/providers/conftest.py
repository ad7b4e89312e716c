"""Fixtures for provider tests: images (with EXIF orientation and a red marker), fake
servers driven by the real SDKs, and a marker-finding answer for geometry round trips.

The in-memory keyring and the scrubbed API-key environment come from tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from providerkit import (  # noqa: F401
    RED,
    assert_box,
    find_marker,
    image_from_anthropic_body,
    image_from_openai_body,
    make_image,
    marker_answer,
)

from fakes import FakeAnthropic, FakeOpenAI


@pytest.fixture
def fake_anthropic():
    with FakeAnthropic() as fake:
        yield fake


@pytest.fixture
def fake_openai():
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def photo(tmp_path) -> Path:
    """A 640 x 480 JPEG with a red marker at (100, 50)-(300, 250)."""
    return make_image(tmp_path / "photo.jpg", (640, 480), marker=(100, 50, 300, 250))
