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


def _answers_were_documented(fake) -> None:
    """Every answer the fake sent matched the documented response schemas, unless the test
    scripted broken answers on purpose (`bad_replies_expected`), and the fake refused nothing
    the product sent (a refusal the product works around, such as the OpenAI-compatible
    provider asking again without its JSON schema, would otherwise go unseen), unless the test
    sends refused requests on purpose (`refusals_expected`)."""
    if not fake.bad_replies_expected:
        assert fake.response_problems == []
    if not fake.refusals_expected:
        assert [(r.method, r.path, reply.json) for r, reply in fake.refused] == []


@pytest.fixture
def fake_anthropic():
    with FakeAnthropic() as fake:
        yield fake
    _answers_were_documented(fake)


@pytest.fixture
def fake_openai():
    with FakeOpenAI() as fake:
        yield fake
    _answers_were_documented(fake)


@pytest.fixture
def photo(tmp_path) -> Path:
    """A 640 x 480 JPEG with a red marker at (100, 50)-(300, 250)."""
    return make_image(tmp_path / "photo.jpg", (640, 480), marker=(100, 50, 300, 250))
