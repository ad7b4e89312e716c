"""The network providers' HTTP clients: what they share across runs."""

from __future__ import annotations

import httpcore2

from glancelabel.core.providers import _remote
from glancelabel.core.providers.anthropic import AnthropicProvider
from glancelabel.core.providers.openai import OpenAIProvider


def test_every_provider_client_verifies_with_one_ssl_context(monkeypatch):
    """Building an SSL context reads the certificate store with the GIL held (20-90 ms): a
    context per client stalled the window at the start of every run. One is built per process."""
    built = []
    real = httpcore2.default_ssl_context

    def counting(*args, **kwargs):
        built.append(real(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(httpcore2, "default_ssl_context", counting)
    monkeypatch.setattr(_remote, "_ssl_context", None, raising=False)
    clients = [AnthropicProvider(api_key="k", base_url="https://127.0.0.1:9").client(),
               AnthropicProvider(api_key="k", base_url="https://127.0.0.1:9").client(),
               OpenAIProvider(api_key="k", base_url="https://127.0.0.1:9/v1").client()]
    assert len({id(c) for c in clients}) == 3  # a client per provider (per run) all the same
    assert len(built) == 1
    assert _remote.shared_ssl_context() is built[0]
