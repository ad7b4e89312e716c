"""The fault matrix's fixtures; the helpers live in faultkit.py."""

from __future__ import annotations

import random

import pytest
from faultkit import SEED


@pytest.fixture
def rng(request) -> random.Random:
    """A random source seeded per test (GLANCELABEL_FAULT_SEED changes every kill point)."""
    return random.Random(f"{SEED}:{request.node.name}")
