"""The offline local engine offered when the chosen provider has no API key (I, and the batch
dialog): the sentence saying which key is missing and where it goes, the engine offered (the
project's newest local model whose file is there, else the built-in text reader), and switching
the provider settings to it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ...core.app.secrets import ENV_VARS, TITLES, keyring_status
from ...core.suggest.local_model import local_model_choices

USE_LOCAL = "Use the local engine"


@dataclass(frozen=True)
class LocalEngine:
    model_path: str  # "": the built-in text reader
    title: str  # "this project's model people-1 (detector: person)"


def local_engine(store: Any) -> LocalEngine:
    for choice in local_model_choices(store):
        if Path(choice.path).is_file():
            return LocalEngine(choice.path, f"this project's model {choice.title}")
    return LocalEngine("", "the built-in text reader (it boxes text and labels it 'text')")


def key_sentence(provider: str) -> str:
    """Which key is missing and where to put it: Settings → AI provider when a keyring can keep
    it, the environment variable either way."""
    title, env = TITLES.get(provider, provider), ENV_VARS.get(provider, ("",))[0]
    if keyring_status().usable:
        return (f"No {title} API key: add one in Settings → AI provider (it is kept in the system "
                f"keyring) or set {env} in the environment.")
    return (f"No {title} API key: set {env} in the environment (this machine has no system "
            "keyring, so Settings → AI provider cannot store one).")


def offer_sentence(engine: LocalEngine) -> str:
    return (f"The offline local engine needs no key and no network: “{USE_LOCAL}” asks "
            f"{engine.title} instead.")


def switch_to_local(provider_settings: Any, engine: LocalEngine) -> Any:
    """The provider settings with the local engine chosen (the rest kept)."""
    return replace(provider_settings, provider="local", local_model_path=engine.model_path)
