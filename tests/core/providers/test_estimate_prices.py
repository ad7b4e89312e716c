"""The cost estimate (batch dialog and CLI: `Estimate.text()`) says when a price is unknown and
when the model retires soon, with its date; Test connection warns the same way."""

from __future__ import annotations

from datetime import date

import pytest

from fakes.batch_fakes import make_images, open_project
from glancelabel.core.providers import catalog
from glancelabel.core.suggest.plan import BatchPlan


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(catalog, "current_date", lambda: date(2026, 12, 6))


def estimate_text(tmp_path, provider, model):
    make_images(tmp_path, 3)
    store = open_project(tmp_path)
    try:
        return BatchPlan(provider=provider, model=model).estimate(store).text()
    finally:
        store.close()


def test_an_unknown_price_is_said_never_guessed(tmp_path):
    text = estimate_text(tmp_path, "openai", "gpt-6-luna")
    assert text.splitlines()[-1] == (
        "The cost is unknown: the price table has no published price for gpt-6-luna (add one "
        "to prices.json in the settings folder to see costs).")
    assert "$" not in text


def test_a_published_price_is_given_in_dollars(tmp_path):
    lines = estimate_text(tmp_path, "anthropic", "claude-sonnet-5-5").splitlines()
    assert lines[0] == "3 images; anthropic / claude-sonnet-5-5"
    assert lines[2].startswith("estimated cost $") and "through the Batch API" in lines[2]
    assert len(lines) == 3  # no warning: it does not retire


def test_a_model_retiring_soon_is_named_with_its_date(tmp_path):
    lines = estimate_text(tmp_path, "openai", "gpt-5").splitlines()
    assert lines[-1] == ("gpt-5 retires on 2026-12-11 (in 5 days); after that requests to it "
                         "fail. Choose a current model in Settings.")


def test_the_cli_estimate_says_so(tmp_path, capsys, monkeypatch):
    from fakes import FakeOpenAI
    from glancelabel.cli import main

    monkeypatch.setenv("OPENAI_API_KEY", "k")
    make_images(tmp_path, 2)
    with FakeOpenAI() as fake:
        code = main(["suggest", str(tmp_path), "--provider", "openai", "--model", "gpt-5",
                     "--base-url", fake.base_url, "--yes"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "gpt-5 retires on 2026-12-11 (in 5 days)" in err
    assert "estimated cost $" in err


def test_test_connection_warns_with_the_date(fake_openai):
    from glancelabel.core.app.settings import ProviderSettings
    from glancelabel.gui.dialogs.provider_check import check_connection

    config = ProviderSettings(provider="openai", model="gpt-5", base_url=fake_openai.base_url)
    ok, sentence = check_connection(config, "k")
    assert ok and sentence.startswith("OpenAI answered in ")
    assert sentence.endswith(" gpt-5 retires on 2026-12-11 (in 5 days); after that requests "
                             "to it fail. Choose a current model in Settings.")
    config.model = "gpt-6-luna"
    ok, sentence = check_connection(config, "k")
    assert ok and "price unknown (no published price in the table)" in sentence
    assert "retire" not in sentence
    config.model = "o4-mini"  # retired: the fake still answers, the sentence says it is gone
    ok, sentence = check_connection(config, "k")
    assert sentence.endswith("o4-mini was retired on 2026-10-23: requests to it fail. Choose "
                             "a current model in Settings.")


def test_a_cost_under_half_a_cent_is_not_said_as_free(tmp_path):
    """One image on a small model costs a fraction of a cent: the estimate gives its digits
    ("$0.0021"), not "$0.00" as if it were free."""
    make_images(tmp_path, 1)
    store = open_project(tmp_path)
    try:
        estimate = BatchPlan(provider="anthropic", model="claude-haiku-4-5").estimate(store)
    finally:
        store.close()
    assert 0 < estimate.batch_cost_usd < estimate.cost_usd < 0.005
    line = next(t for t in estimate.text().splitlines() if t.startswith("estimated cost"))
    assert "$0.00 " not in line and "$0.00," not in line
    assert line == (f"estimated cost ${estimate.cost_usd:.4f} now, ${estimate.batch_cost_usd:.4f}"
                    " through the Batch API (results within 24 h)")


def test_dollars_to_the_cent_or_two_significant_digits_under_half_a_cent():
    from glancelabel.core.providers.pricing import dollars

    assert [dollars(x) for x in (0, 0.0025, 0.0049, 0.005, 0.01, 1234.5, 0.000012)] == [
        "0.00", "0.0025", "0.0049", "0.01", "0.01", "1,234.50", "0.000012"]
    # rounded up to a power of ten: still two digits; far below a cent: never "0.00000000"
    assert [dollars(x) for x in (0.0000995, 0.0049999, 0.0000000012)] == [
        "0.00010", "0.0050", "0.0000000012"]
