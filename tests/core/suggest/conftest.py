"""The suggest tests' fixtures: keys in the environment for the fake servers."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _keys(monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
