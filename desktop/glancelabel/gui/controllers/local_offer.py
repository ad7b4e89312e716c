"""The offline local engine offered when the chosen provider has no API key (I, and the batch
dialog): the sentence saying which key is missing and where it goes, the engine offered (the
project's newest local model whose file is there, else the built-in text reader), and switching
the provider settings to it."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ...core.app.secrets import ENV_VARS, TITLES, keyring_status
from ...core.i18n import N_
from ...core.suggest.local_model import local_model_choices
from ..i18n import translate

USE_LOCAL = N_("local_offer", "Use the local engine")  # the button (translate it to show it)


@dataclass(frozen=True)
class LocalEngine:
    model_path: str  # "": the built-in text reader
    title: str  # "this project's model people-1 (detector: person)"


def local_engine(store: Any) -> LocalEngine:
    for choice in local_model_choices(store):
        if Path(choice.path).is_file():
            return LocalEngine(choice.path, translate("local_offer", "this project's model {model}"
                                                      ).format(model=choice.title))
    return LocalEngine("", translate("local_offer", "the built-in text reader (it boxes text and "
                                     "labels it 'text')"))


def usable_local_engine(store: Any) -> LocalEngine | None:
    """The offline engine to offer when a key is missing: the project's newest local model whose
    file is there, else the built-in text reader when its package is installed, else None."""
    engine = local_engine(store)
    if engine.model_path or importlib.util.find_spec("rapidocr_onnxruntime") is not None:
        return engine
    return None


def key_sentence(provider: str) -> str:
    """Which key is missing and where to put it: Settings → AI provider when a keyring can keep
    it, the environment variable either way."""
    title, env = TITLES.get(provider, provider), ENV_VARS.get(provider, ("",))[0]
    if keyring_status().usable:
        return translate("local_offer", "No {provider} API key: add one in Settings → AI provider (it "
                         "is kept in the system keyring) or set {env} in the environment.").format(
                             provider=title, env=env)
    return translate("local_offer", "No {provider} API key: set {env} in the environment (this "
                     "machine has no system keyring, so Settings → AI provider cannot store one)."
                     ).format(provider=title, env=env)


def offer_sentence(engine: LocalEngine) -> str:
    return translate("local_offer", "The offline local engine needs no key and no network: "
                     "“{button}” asks {engine} instead.").format(
                         button=translate("local_offer", USE_LOCAL), engine=engine.title)


def switch_to_local(provider_settings: Any, engine: LocalEngine) -> Any:
    """The provider settings with the local engine chosen (the rest kept)."""
    return replace(provider_settings, provider="local", local_model_path=engine.model_path)
