"""The fake model the GUI journeys ask: a fast fake Anthropic server with a chosen answer, and the
settings that point the app at it (the window reads them when it opens)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fakes.batch_fakes import car_answering
from glancelabel.core.app import settings as settings_mod


@contextmanager
def answering(monkeypatch, answer: dict | None = None) -> Iterator:
    """The fake server answering `answer` (default: a car and a zebra crossing) to every
    request, with a key in the environment."""
    with car_answering(monkeypatch) as fake:
        if answer is not None:
            fake.default_input = answer
        yield fake


def point_settings_at(fake, **provider) -> None:
    """Save settings whose provider is the fake server (plus any provider fields given)."""
    settings = settings_mod.load()
    settings.provider.provider = "anthropic"
    settings.provider.base_url = fake.base_url
    for key, value in provider.items():
        setattr(settings.provider, key, value)
    settings_mod.save(settings)
