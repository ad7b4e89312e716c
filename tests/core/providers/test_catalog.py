"""Which models are offered, when they retire, the defaults' rule, and prices that stay unknown.

"Today" is fixed in every test (2026-12-06 unless a test says otherwise)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from fakes.anthropic_fake import anthropic_model
from glancelabel.core.providers import catalog, get_provider
from glancelabel.core.providers.catalog import (
    DEFAULT_MARGIN_DAYS,
    RELEASE_DATE,
    Listed,
    default_problems,
    model_choices,
    retirement_text,
    retirement_warning,
    sdk_shutdowns,
)
from glancelabel.core.providers.pricing import load_price_table
from glancelabel.core.providers.records import Usage

TODAY = date(2026, 12, 6)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(catalog, "current_date", lambda: TODAY)


def ids(provider, **kw):
    return [c.id for c in model_choices(provider, **kw)]


def labels(provider, **kw):
    return {c.id: c.label(TODAY) for c in model_choices(provider, **kw)}


def test_shutdown_dates_come_from_the_installed_openai_sdk():
    dates = sdk_shutdowns("openai")
    assert dates["gpt-4.1"] == date(2027, 1, 14)
    assert dates["o4-mini"] == dates["gpt-4.1-nano"] == date(2026, 10, 23)
    assert dates["gpt-5"] == dates["gpt-5-nano"] == dates["o3"] == date(2026, 12, 11)
    assert dates["gpt-5.1-mini"] == date.min  # "Not a supported model ID"
    assert "gpt-6.2-sol" not in dates and sdk_shutdowns("anthropic") == {}


def test_retired_models_are_not_offered_and_soon_retiring_ones_show_their_date():
    offered = labels("openai")
    for gone in ("o4-mini", "gpt-4.1-nano", "o3-mini", "gpt-5.1-mini"):
        assert gone not in offered
    assert offered["gpt-5"] == "gpt-5 (retires 2026-12-11)"
    assert offered["o3"] == "o3 (retires 2026-12-11)"
    assert offered["gpt-4.1"] == "gpt-4.1"  # 39 days left: not within 30
    assert offered["gpt-6.2-sol"] == "gpt-6.2-sol"
    anthropic = ids("anthropic")
    assert "claude-sonnet-4-5" not in anthropic and "claude-opus-4-1" not in anthropic
    assert anthropic[0] == "claude-sonnet-5-5"


def test_thirty_days_is_the_edge():
    table = load_price_table()
    table.data["models"]["claude-edge"] = {"provider": "anthropic", "retires": "2027-01-05"}
    table.data["models"]["claude-past"] = {"provider": "anthropic", "retires": "2027-01-06"}
    shown = labels("anthropic", table=table)
    assert shown["claude-edge"] == "claude-edge (retires 2027-01-05)"  # 30 days
    assert shown["claude-past"] == "claude-past"  # 31 days


def test_anthropic_lifecycle_decides_and_a_past_date_means_overdue():
    listing = [
        Listed("claude-sonnet-4-5", "deprecated", date(2026, 11, 30)),  # overdue, not retired
        Listed("claude-sonnet-5-5", "active"),
        Listed("claude-gone", "retired", date(2026, 12, 30)),  # retired although the date is ahead
        Listed("claude-nova", "active"),  # only the provider's list knows it
    ]
    shown = labels("anthropic", listing=listing)
    assert shown["claude-sonnet-4-5"] == ("claude-sonnet-4-5 (retirement overdue since "
                                          "2026-11-30)")
    assert "claude-gone" not in shown and shown["claude-nova"] == "claude-nova"
    assert retirement_warning("anthropic", "claude-sonnet-4-5", listing=listing) == (
        "claude-sonnet-4-5 was due to retire on 2026-11-30 and may stop answering at any "
        "time. Choose a current model in Settings.")
    assert retirement_warning("anthropic", "claude-gone", listing=listing) == (
        "claude-gone was retired on 2026-12-30: requests to it fail. Choose a current model "
        "in Settings.")


def test_the_listing_comes_from_the_providers_model_endpoints(fake_anthropic, fake_openai):
    fake_anthropic.models = [
        anthropic_model("claude-nova", "Claude Nova", "2026-11-20T00:00:00Z"),
        anthropic_model("claude-opus-4-5", "Claude Opus 4.5", "2025-11-24T00:00:00Z",
                        lifecycle="deprecated", deprecated_at="2026-11-23T00:00:00Z",
                        retires_at="2027-01-22T00:00:00Z"),
    ]
    listing = catalog.read_listing("anthropic", api_key="k", base_url=fake_anthropic.base_url)
    assert [(m.id, m.lifecycle, m.retires) for m in listing] == [
        ("claude-nova", "active", None), ("claude-opus-4-5", "deprecated", date(2027, 1, 22))]
    assert "claude-nova" in ids("anthropic", listing=listing)
    fake_openai.models.append({"id": "text-embedding-3-large", "object": "model",
                               "created": 1, "owned_by": "system"})
    listing = catalog.read_listing("openai", api_key="k", base_url=fake_openai.base_url)
    offered = ids("openai", listing=listing)
    assert "gpt-6-luna" in offered and "text-embedding-3-large" not in offered
    assert catalog.read_listing("local") == []


def test_a_refused_key_says_so():
    from fakes import FakeOpenAI
    from glancelabel.core.providers import ProviderError

    with FakeOpenAI(require_key="right") as fake, pytest.raises(ProviderError) as info:
        catalog.read_listing("openai", api_key="wrong", base_url=fake.base_url)
    assert info.value.kind == "auth"


@pytest.mark.parametrize("model, today, says", [
    ("gpt-5", TODAY, "gpt-5 retires on 2026-12-11 (in 5 days); after that requests to it "
                     "fail. Choose a current model in Settings."),
    ("gpt-5", date(2026, 12, 10), "gpt-5 retires on 2026-12-11 (in 1 day); after that "
                                  "requests to it fail. Choose a current model in Settings."),
    ("o4-mini", TODAY, "o4-mini was retired on 2026-10-23: requests to it fail. Choose a "
                       "current model in Settings."),
    ("gpt-4.1", TODAY, None),
    ("gpt-4.1", date(2026, 12, 20), "gpt-4.1 retires on 2027-01-14 (in 25 days); after that "
                                    "requests to it fail. Choose a current model in Settings."),
    ("claude-sonnet-4-5", TODAY, "claude-sonnet-4-5 was retired on 2026-11-30: requests to "
                                 "it fail. Choose a current model in Settings."),
    ("gpt-5.1-mini", TODAY, "gpt-5.1-mini is not a model openai supports: requests to it "
                            "fail. Choose a current model in Settings."),
    ("claude-sonnet-5-5", TODAY, None),
])
def test_retirement_warnings(model, today, says):
    provider = "anthropic" if model.startswith("claude") else "openai"
    assert retirement_warning(provider, model, today=today) == says
    text = retirement_text(provider, model, today=today)
    assert (text is None) == (says is None)
    if text is not None:  # marked, so the window says it translated
        assert text.context == "providers" and str(text) == says


# -- the defaults' rule -------------------------------------------------------------------------
def test_the_shipped_defaults_follow_the_rule():
    """Current (the SDK names them), a published and dated price, no retirement within 90 days
    of the release date."""
    table = load_price_table()
    assert RELEASE_DATE == date(2026, 12, 7) and DEFAULT_MARGIN_DAYS == 90
    assert default_problems(table) == []
    assert (table.default_model("anthropic"), table.default_model("openai")) == (
        "claude-sonnet-5-5", "gpt-6.2-sol")
    for provider in ("anthropic", "openai"):
        info = table.info(table.default_model(provider), provider)
        assert info.published_and_dated and info.price_checked == "2026-12-06"


def test_the_rule_refuses_the_old_defaults(tmp_path):
    """gpt-4.1 shuts down on 2027-01-14 (38 days after the release) and has no dated price;
    claude-sonnet-5 with a guessed price is not priced."""
    user = tmp_path / "prices.json"
    user.write_text(json.dumps({"defaults": {"openai": "gpt-4.1", "anthropic": "claude-sonnet-5"},
                                "models": {"claude-sonnet-5": {"source": "estimate",
                                                               "input": 3.0, "output": 15.0}}}))
    problems = default_problems(load_price_table(user))
    assert problems == [
        "The anthropic default claude-sonnet-5 has no published, dated price.",
        "The openai default gpt-4.1 has no published, dated price.",
        "The openai default gpt-4.1 retires on 2027-01-14, within 90 days of 2026-12-07.",
    ]


@pytest.mark.parametrize("retires, broken", [("2027-03-07", True), ("2027-03-08", False)])
def test_ninety_days_is_the_edge(tmp_path, retires, broken):
    user = tmp_path / "prices.json"
    user.write_text(json.dumps({"models": {"claude-sonnet-5-5": {"retires": retires}}}))
    problems = default_problems(load_price_table(user), today=date(2026, 12, 7))
    assert bool(problems) is broken


def test_the_rule_refuses_a_default_the_sdk_does_not_name(tmp_path):
    user = tmp_path / "prices.json"
    user.write_text(json.dumps({"defaults": {"anthropic": "claude-imaginary"}, "models": {
        "claude-imaginary": {"provider": "anthropic", "input": 1, "output": 2,
                             "source": "published", "price_checked": "2026-12-06"}}}))
    assert default_problems(load_price_table(user)) == [
        "The anthropic default claude-imaginary is not a model the installed SDK names."]


# -- prices that stay unknown ----------------------------------------------------------------------
def test_no_estimate_figure_is_a_price(tmp_path):
    table = load_price_table()
    for model, entry in table.data["models"].items():
        assert not str(entry.get("source", "")).startswith("estimate"), model
        if table.info(model).priced and entry.get("provider") in ("anthropic", "openai"):
            assert entry["source"] == "published", model
    user = tmp_path / "prices.json"  # a user's copy that still carries a guess
    user.write_text(json.dumps({"models": {"gpt-6-luna": {"provider": "openai", "input": 0.1,
                                                          "output": 0.5,
                                                          "source": "estimate"}}}))
    guessed = load_price_table(user)
    assert not guessed.info("gpt-6-luna").priced
    assert guessed.cost("gpt-6-luna", Usage(1000, 100), provider="openai") is None


def test_new_published_prices():
    table = load_price_table()
    usage = Usage(input_tokens=1_000_000, output_tokens=1_000_000)
    assert table.cost("claude-sonnet-5-5", usage) == pytest.approx(12.0)
    assert table.cost("claude-sonnet-5", usage) == pytest.approx(12.0)  # was guessed at 18
    assert table.cost("gpt-6.2-sol", usage) == pytest.approx(12.0)
    assert table.cost("claude-opus-4-7", usage, provider="anthropic") is None  # not published


def test_provider_results_carry_no_cost_for_an_unknown_price(fake_openai, photo):
    from glancelabel.core.providers import SuggestRequest

    result = get_provider("openai", api_key="k", base_url=fake_openai.base_url).suggest(
        SuggestRequest(photo, model="gpt-6-luna"))
    assert result.cost_usd is None
