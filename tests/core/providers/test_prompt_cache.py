"""Prompt caching with examples: the fake Anthropic server bills cache writes and reads by the
documented rules, and the provider's cost counts them at 1.25x and 0.1x."""

from __future__ import annotations

import pytest
from providerkit import make_image

from fakes.prompt_cache import PromptCache, minimum_for
from glancelabel.core.model import Box
from glancelabel.core.providers import ClassSpec, SuggestRequest, get_provider
from glancelabel.core.providers.examples import PromptExample

CLASSES = (ClassSpec("car", "a car"), ClassSpec("sign", "a road sign"))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def examples(tmp_path, n=4):
    out = []
    for i in range(n):
        path = make_image(tmp_path / f"ex{i}.jpg", (1024, 768), color=(100 + i, 120, 140))
        out.append(PromptExample(path, f"h{i}", 1, (1024, 768),
                                 boxes=(("car", Box(100 + i, 100, 300, 200)),)))
    return tuple(out)


def ask(provider, tmp_path, name, exs):
    photo = make_image(tmp_path / name, (800, 600), color=(20, 40, len(name) * 9 % 255))
    return provider.suggest(SuggestRequest(photo, classes=CLASSES, examples=exs,
                                           max_retries=0))


def test_examples_are_written_once_then_read_until_the_entry_expires(fake_anthropic, tmp_path):
    clock = Clock()
    fake_anthropic.prompt_cache = cache = PromptCache(clock=clock)
    provider = get_provider("anthropic", api_key="sk-ant-test", base_url=fake_anthropic.base_url)
    exs = examples(tmp_path)

    first = ask(provider, tmp_path, "a.jpg", exs)
    assert first.usage.cache_write_tokens >= minimum_for("claude-sonnet-5-5")
    assert first.usage.cache_read_tokens == 0
    second = ask(provider, tmp_path, "b.jpg", exs)
    assert second.usage.cache_read_tokens == first.usage.cache_write_tokens
    assert second.usage.cache_write_tokens == 0
    # what is not cached is the per-image part: its text and the image (800 x 600: 29 x 22)
    assert 29 * 22 < second.usage.input_tokens < 29 * 22 + 100
    u = second.usage
    assert second.cost_usd == pytest.approx(
        (u.input_tokens * 2 + u.cache_read_tokens * 2 * 0.1 + u.output_tokens * 10) / 1e6)
    assert first.cost_usd == pytest.approx(
        (first.usage.input_tokens * 2 + first.usage.cache_write_tokens * 2 * 1.25
         + first.usage.output_tokens * 10) / 1e6)

    clock.now += 299  # a read refreshes the 5 minutes
    assert ask(provider, tmp_path, "c.jpg", exs).usage.cache_read_tokens > 0
    clock.now += 299
    assert ask(provider, tmp_path, "d.jpg", exs).usage.cache_read_tokens > 0
    clock.now += 301  # expired: written again
    late = ask(provider, tmp_path, "e.jpg", exs)
    assert late.usage.cache_read_tokens == 0
    assert late.usage.cache_write_tokens == first.usage.cache_write_tokens
    assert len(cache.log) == 5


def test_a_prefix_below_the_minimum_is_not_cached(fake_anthropic, tmp_path):
    fake_anthropic.prompt_cache = PromptCache(clock=Clock())
    provider = get_provider("anthropic", api_key="sk-ant-test", base_url=fake_anthropic.base_url)
    for name in ("a.jpg", "b.jpg"):
        u = ask(provider, tmp_path, name, ()).usage
        assert (u.cache_write_tokens, u.cache_read_tokens) == (0, 0)  # silently, no error


def test_other_examples_read_the_class_list_prefix_when_it_is_long_enough(fake_anthropic,
                                                                         tmp_path):
    fake_anthropic.prompt_cache = PromptCache(clock=Clock(), minimum=500)
    provider = get_provider("anthropic", api_key="sk-ant-test", base_url=fake_anthropic.base_url)
    exs = examples(tmp_path)
    first = ask(provider, tmp_path, "a.jpg", exs)
    other = ask(provider, tmp_path, "b.jpg", exs[:2])
    # the shared text (tools, system, classes) is the first breakpoint: read; the two
    # examples after it are new: written
    assert 0 < other.usage.cache_read_tokens < first.usage.cache_write_tokens
    assert other.usage.cache_write_tokens > 0


def test_requests_sent_before_the_first_response_began_each_write():
    clock = Clock()
    cache = PromptCache(clock=clock, minimum=10)
    body = {"model": "claude-sonnet-5-5", "max_tokens": 10, "messages": [{"role": "user",
            "content": [{"type": "text", "text": "x" * 400, "cache_control": {"type": "ephemeral"}},
                        {"type": "text", "text": "the image part"}]}]}
    first = cache.bill(body, ready_in=0.5)
    second = cache.bill(body, ready_in=0.5)  # sent at the same moment
    assert first.cache_creation_input_tokens == second.cache_creation_input_tokens == 100
    clock.now += 0.5
    third = cache.bill(body)
    assert (third.cache_read_input_tokens, third.cache_creation_input_tokens) == (100, 0)
    assert third.input_tokens == 4  # "the image part": 14 characters
    too_many = {**body, "system": [{"type": "text", "text": "s", "cache_control":
                                    {"type": "ephemeral"}}] * 4}
    assert cache.too_many_breakpoints(too_many) == (
        "A maximum of 4 blocks with cache_control may be provided. Found 5.")
