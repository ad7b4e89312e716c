"""The `Provider` protocol is complete: every provider implements it, and what a run records
(model, prompt hash, cache-key settings) comes from the provider's `identity`, not from probing
which methods it happens to have."""

from __future__ import annotations

import pytest

from fakes.batch_fakes import make_images, open_project
from glancelabel.core.app.settings import ProviderSettings
from glancelabel.core.providers import (
    PROVIDER_NAMES,
    BatchProvider,
    Identity,
    Provider,
    SuggestRequest,
    SuggestResult,
    Usage,
    get_provider,
)
from glancelabel.core.suggest.ask import build_context, suggest_image


@pytest.mark.parametrize("name", PROVIDER_NAMES)
def test_every_provider_implements_the_protocol(name):
    provider = get_provider(name, api_key="k", model="m" if name != "local" else None)
    assert isinstance(provider, Provider)
    assert isinstance(provider, BatchProvider) == (name in ("anthropic", "openai",
                                                            "openai-compatible"))


class _Offline:
    """A provider outside the package: only the protocol, nothing else."""

    name = "offline-test"

    def identity(self, request: SuggestRequest) -> Identity:
        return Identity("engine-7", "cfg-abc", {"mode": "fast"})

    def suggest(self, request: SuggestRequest) -> SuggestResult:
        return SuggestResult((), (), Usage(), 0.0, '{"objects": []}', self.name, "engine-7",
                             "cfg-abc")

    def preview(self, request):  # pragma: no cover - not asked here
        raise NotImplementedError


def test_the_run_records_the_providers_identity(tmp_path):
    make_images(tmp_path, 1)
    store = open_project(tmp_path)
    config = ProviderSettings(provider="anthropic", model="claude-x")
    ctx = build_context(store, config, provider=_Offline())
    assert (ctx.provider_name, ctx.model, ctx.prompt_hash) == ("offline-test", "engine-7",
                                                               "cfg-abc")
    assert ctx.params["mode"] == "fast"  # the provider's own settings join the cache key
    image = store.image_by_relpath("img0000.jpg")
    out = suggest_image(store, image.id, config, provider=_Offline())
    run = store.run(out.run_id)
    assert (run.provider, run.model, run.prompt_hash) == ("offline-test", "engine-7", "cfg-abc")


def test_openai_responses_api_joins_the_cache_key_and_chat_does_not(tmp_path):
    request = SuggestRequest(tmp_path / "a.jpg", classes=(), model="gpt-4o")
    chat = get_provider("openai", api_key="k")
    responses = get_provider("openai", api_key="k", api="responses")
    assert chat.identity(request).params == {}
    assert responses.identity(request).params == {"api": "responses"}
    assert chat.identity(request).prompt_hash == responses.identity(request).prompt_hash
    assert responses.for_batch().identity(request).params == {}  # Batch API speaks chat
