"""The settings dialog's "Test connection", in plain Python: one tiny request, one sentence back.

`check_connection` builds the chosen provider from a `ProviderSettings`, sends it a small generated
image with no classes through the provider's own `suggest`, and says in one sentence what came
back (model, suggestions, tokens, cost, or that the price is unknown) or why it failed, followed by
a warning with the date when the model retires within 30 days or has retired; it never raises, so
the provider page runs it off the GUI thread. `provider_title` names a provider in those
sentences.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ...core.app.settings import ProviderSettings
from ..i18n import error_text, shown, translate

log = logging.getLogger(__name__)

TEST_IMAGE_SIZE = (64, 48)


def provider_title(provider: str) -> str:
    """The provider as the subject of a sentence, in the interface's language."""
    return {"anthropic": "Anthropic", "openai": "OpenAI",
            "openai-compatible": translate("provider_check", "The OpenAI-compatible server"),
            "local": translate("provider_check", "The local engine")}.get(provider, provider)


def provider_name(provider: str) -> str:
    """The provider inside a sentence ("Testing the OpenAI-compatible server…"; names keep their
    capitals: "Testing Anthropic…")."""
    return {"anthropic": "Anthropic", "openai": "OpenAI",
            "openai-compatible": translate("provider_check", "the OpenAI-compatible server"),
            "local": translate("provider_check", "the local engine")}.get(provider, provider)


def check_connection(config: ProviderSettings, api_key: str | None = None) -> tuple[bool, str]:
    """Send one tiny request (a small generated image, no classes) through the provider's own
    `suggest` and say in one sentence what came back. Plain Python, run off the GUI thread;
    never raises. `api_key` tries a key that is not stored yet."""
    import tempfile
    import time

    from PIL import Image

    from ...core.providers import ProviderError, SuggestRequest, get_provider
    from ...core.providers.pricing import user_price_path

    title = provider_title(config.provider)
    try:
        if config.provider == "local":
            provider = get_provider("local", model_path=config.local_model_path or None)
        else:
            provider = get_provider(
                config.provider, api_key=api_key or None, base_url=config.base_url or None,
                model=config.model or None,
                api=config.openai_api if config.provider == "openai" else None,
                price_path=user_price_path())
        with tempfile.TemporaryDirectory(prefix="glancelabel-test-") as tmp:
            path = Path(tmp) / "test.png"
            Image.new("RGB", TEST_IMAGE_SIZE, (90, 140, 200)).save(path)
            request = SuggestRequest(
                image_path=path, instructions="This is a connection test: answer briefly.",
                model=config.model, box_convention=None if config.box_convention == "auto"
                else config.box_convention, max_side=None, timeout=config.timeout,
                max_retries=0, temperature=config.temperature, max_output_tokens=300)
            started = time.monotonic()
            result = provider.suggest(request)
            elapsed = time.monotonic() - started
    except ProviderError as exc:
        log.info("connection test failed: %r", exc)
        return False, _warned(config, error_text(exc))
    except Exception as exc:  # noqa: BLE001 - one sentence to the user, traceback to the log
        log.exception("connection test failed")
        return False, _warned(config, translate("provider_check", "{provider} could not be reached: "
                                                "{kind}: {reason}").format(
            provider=title, kind=type(exc).__name__, reason=exc))
    return True, _warned(config, _answered(title, elapsed, result, config.provider), result.model)


def _answered(title: str, elapsed: float, result, provider: str) -> str:
    """'Anthropic answered in 0.4 s with model m: 0 suggestions for a blank test image, 1,200
    tokens in, 150 out, $0.0039.' in the interface's language."""
    n = len(result.suggestions)
    u = result.usage
    tokens = (translate("provider_check", ", {input} tokens in, {output} out").format(
        input=f"{u.input_tokens + u.cache_read_tokens + u.cache_write_tokens:,}",
        output=f"{u.output_tokens:,}") if (u.input_tokens or u.output_tokens) else "")
    cost = (translate("provider_check", ", ${cost}").format(cost=f"{result.cost_usd:.4f}")
            if result.cost_usd
            else translate("provider_check", ", price unknown (no published price in the table)")
            if result.cost_usd is None and provider != "local" else "")
    what = (translate("provider_check", "it declined to give suggestions ({reason})").format(
                reason=result.refusal[:120]) if result.refusal
            else translate("provider_check", "{n} suggestion for a blank test image").format(n=n) if n == 1
            else translate("provider_check", "{n} suggestions for a blank test image").format(n=n))
    return translate("provider_check", "{provider} answered in {seconds} s with model {model}: "
                     "{what}{tokens}{cost}.").format(provider=title, seconds=f"{elapsed:.1f}",
                                                     model=result.model, what=what, tokens=tokens,
                                                     cost=cost)


def _warned(config: ProviderSettings, sentence: str, model: str = "") -> str:
    """The sentence, followed by a warning when the model retires soon or has retired."""
    from ...core.providers.catalog import retirement_text
    from ...core.providers.pricing import load_price_table, user_price_path

    table = load_price_table(user_price_path())
    model = model or config.model or table.default_model(config.provider)
    warning = retirement_text(config.provider, model, table)
    return f"{sentence} {shown(warning)}" if warning else sentence
