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
from ..i18n import error_text, shown

log = logging.getLogger(__name__)

TEST_IMAGE_SIZE = (64, 48)


def provider_title(provider: str) -> str:
    return {"anthropic": "Anthropic", "openai": "OpenAI",
            "openai-compatible": "The OpenAI-compatible server",
            "local": "The local engine"}.get(provider, provider)


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
        return False, _warned(config, f"{title} could not be reached: {type(exc).__name__}: "
                                      f"{exc}")
    n = len(result.suggestions)
    u = result.usage
    tokens = (f", {u.input_tokens + u.cache_read_tokens + u.cache_write_tokens:,} tokens in, "
              f"{u.output_tokens:,} out" if (u.input_tokens or u.output_tokens) else "")
    cost = (f", ${result.cost_usd:.4f}" if result.cost_usd
            else ", price unknown (no published price in the table)"
            if result.cost_usd is None and config.provider != "local" else "")
    what = (f"it declined to give suggestions ({result.refusal[:120]})" if result.refusal
            else f"{n} suggestion{'s' if n != 1 else ''} for a blank test image")
    return True, _warned(config, f"{title} answered in {elapsed:.1f} s with model "
                                 f"{result.model}: {what}{tokens}{cost}.", result.model)


def _warned(config: ProviderSettings, sentence: str, model: str = "") -> str:
    """The sentence, followed by a warning when the model retires soon or has retired."""
    from ...core.providers.catalog import retirement_text
    from ...core.providers.pricing import load_price_table, user_price_path

    table = load_price_table(user_price_path())
    model = model or config.model or table.default_model(config.provider)
    warning = retirement_text(config.provider, model, table)
    return f"{sentence} {shown(warning)}" if warning else sentence
