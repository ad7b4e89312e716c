"""Price table: lookups, costs, the user's copy, model lists from the SDKs; the registry."""

from __future__ import annotations

import json

import pytest

from glancelabel.core.providers import PROVIDER_NAMES, Provider, ProviderError, get_provider
from glancelabel.core.providers.catalog import model_choices
from glancelabel.core.providers.pricing import (
    load_price_table,
    sdk_models,
    write_user_copy,
)
from glancelabel.core.providers.records import Usage

REQUIRED = ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-sonnet-5", "claude-sonnet-5-5",
            "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-5-mini", "gpt-6.2-sol"]


def test_required_models_have_prices_rules_and_conventions():
    table = load_price_table()
    for model in REQUIRED:
        info = table.info(model)
        assert info.matched == model and info.priced, model
        assert info.image_rule.kind in ("claude", "openai-tile", "openai-patch")
        assert info.box_convention == "pixels"
    assert table.batch_discount == 0.5
    for provider in PROVIDER_NAMES:
        assert table.default_model(provider)


def test_lookup_order():
    table = load_price_table()
    assert table.info("claude-haiku-4-5-20251001").matched == "claude-haiku-4-5"
    assert table.info("gpt-4o-2024-11-20").matched == "gpt-4o"
    assert table.info("claude-brand-new", "anthropic").matched == "claude-*"
    assert not table.info("claude-brand-new", "anthropic").priced
    assert table.info("gpt-5.4-mini", "openai").image_rule.kind == "openai-patch"
    assert table.info("Qwen/Qwen2.5-VL-7B-Instruct", "openai-compatible").image_rule.round_to == 28
    assert table.info("anything:latest", "openai-compatible").matched == "*"
    assert table.info("claude-sonnet-4-5").retires == "2026-11-30"


def test_costs():
    table = load_price_table()
    usage = Usage(input_tokens=1_000_000, output_tokens=100_000)
    assert table.cost("claude-sonnet-5", usage) == pytest.approx(2 + 1.0)
    assert table.cost("claude-sonnet-5", usage, batch=True) == pytest.approx((2 + 1.0) / 2)
    cached = Usage(input_tokens=0, output_tokens=0, cache_read_tokens=1_000_000,
                   cache_write_tokens=1_000_000)
    assert table.cost("gpt-4.1", cached) == pytest.approx(2 * 0.1 + 2 * 1.25)
    assert table.cost("claude-unknown", usage, provider="anthropic") is None


def test_user_copy_is_merged_and_a_broken_one_reported(tmp_path):
    user = tmp_path / "prices.json"
    user.write_text(json.dumps({"batch_discount": 0.4, "defaults": {"openai": "gpt-4o"},
                                "models": {"gpt-4o": {"input": 1.0},
                                           "my-vlm": {"provider": "openai-compatible",
                                                      "input": 0.5, "output": 1.0,
                                                      "box_convention": "norm1000"}}}))
    table = load_price_table(user)
    assert table.batch_discount == 0.4 and table.default_model("openai") == "gpt-4o"
    assert table.info("gpt-4o").input_per_mtok == 1.0
    assert table.info("gpt-4o").output_per_mtok == 10.0  # untouched fields stay
    assert table.info("my-vlm").box_convention == "norm1000"
    assert table.default_model("anthropic") == "claude-sonnet-5-5"
    user.write_text("{not json")
    broken = load_price_table(user)
    assert broken.problems and broken.info("gpt-4o").input_per_mtok == 2.5
    assert user.read_text() == "{not json"  # never overwritten


def test_the_users_copy_in_the_settings_folder_is_found_in_one_place(tmp_path, monkeypatch):
    """Estimates, the providers and the settings page all read the copy the one helper finds."""
    from pathlib import Path

    from glancelabel.core.app import paths
    from glancelabel.core.app.settings import ProviderSettings
    from glancelabel.core.providers.pricing import user_price_path
    from glancelabel.core.suggest.ask import make_provider

    assert user_price_path() is None
    path = paths.config_dir() / "prices.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"models": {"my-model": {"provider": "anthropic", "input": 1.0,
                                                        "output": 2.0}}}), encoding="utf-8")
    assert user_price_path() == str(path)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "test-key")
    provider = make_provider(ProviderSettings(provider="anthropic", model="my-model"))
    assert provider.prices.info("my-model").matched == "my-model"
    # no other module of the package spells the file's name
    package = Path(paths.__file__).resolve().parents[2]
    spelled = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                     if '"prices.json"' in p.read_text(encoding="utf-8"))
    assert spelled == ["core/providers/pricing.py"]


def test_write_user_copy(tmp_path):
    path = write_user_copy(tmp_path / "cfg" / "prices.json")
    assert json.loads(path.read_text())["models"]["gpt-4o"]["input"] == 2.5
    path.write_text("{}")
    write_user_copy(path)
    assert path.read_text() == "{}"


def test_model_lists_come_from_the_sdks():
    anthropic_ids = sdk_models("anthropic")
    assert "claude-sonnet-5" in anthropic_ids and "claude-haiku-4-5" in anthropic_ids
    openai_ids = sdk_models("openai")
    assert "gpt-4.1" in openai_ids and not any("audio" in m for m in openai_ids)
    picker = [c.id for c in model_choices("anthropic")]
    assert picker[0] == "claude-sonnet-5-5" and len(picker) == len(set(picker))
    assert [c.id for c in model_choices("openai")][0] == "gpt-6.2-sol"
    assert "qwen2.5vl:7b" in [c.id for c in model_choices("openai-compatible")]


def test_registry():
    for name in PROVIDER_NAMES:
        provider = get_provider(name)
        assert isinstance(provider, Provider) and provider.name == name
    with pytest.raises(ProviderError, match="Unknown provider"):
        get_provider("gemini")
    assert get_provider("openai-compatible").base_url == "http://127.0.0.1:11434/v1"
    with pytest.raises(ProviderError, match="structured-output mode"):
        get_provider("openai-compatible", structured="xml")


def test_importing_providers_loads_no_sdk():
    import subprocess
    import sys

    code = ("import sys, glancelabel.core.providers as p\n"
            "from glancelabel.core.providers import anthropic, openai, openai_compat, local, "
            "pricing, prepare, yolo_onnx\n"
            "p.get_provider('anthropic'); p.get_provider('local')\n"
            "heavy = ('anthropic', 'openai', 'onnxruntime', 'rapidocr_onnxruntime', 'cv2', "
            "'PySide6', 'numpy')\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
