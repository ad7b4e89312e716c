"""Provider names -> provider objects. Provider modules (and their SDKs) load lazily."""

from __future__ import annotations

import importlib
from typing import Any

from ..i18n import N_
from .base import Provider
from .records import ProviderError

_PROVIDERS: dict[str, tuple[str, str]] = {
    "anthropic": ("glancelabel.core.providers.anthropic", "AnthropicProvider"),
    "openai": ("glancelabel.core.providers.openai", "OpenAIProvider"),
    "openai-compatible": ("glancelabel.core.providers.openai_compat", "OpenAICompatibleProvider"),
    "local": ("glancelabel.core.providers.local", "LocalProvider"),
}
PROVIDER_NAMES = tuple(_PROVIDERS)


def get_provider(name: str, **config: Any) -> Provider:
    """A provider by name: "anthropic", "openai", "openai-compatible" or "local".

    Config (all optional): remote providers take `api_key`, `base_url`, `model`, `prices`
    (a PriceTable) or `price_path`; openai also `api` ("chat" or "responses");
    openai-compatible `structured`; local takes
    `model_path`, `names_path`, `conf_threshold`, `iou_threshold`. Keys not given are read
    from the keyring or the environment when the first call is made.
    """
    try:
        module_name, cls_name = _PROVIDERS[name]
    except KeyError:
        raise ProviderError(N_("errors", "Unknown provider {name!r}; choose one of {choices}."),
                            kind="config", name=name,
                            choices=", ".join(PROVIDER_NAMES)) from None
    cls = getattr(importlib.import_module(module_name), cls_name)
    if name != "local":
        config = {k: v for k, v in config.items() if v is not None}
    provider: Provider = cls(**config)
    return provider
