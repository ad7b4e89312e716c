"""API keys: keyring first, environment fallback, plain status when no keyring exists."""

from __future__ import annotations

import logging

import pytest

from glancelabel.core.app import secrets


def test_keyring_round_trip(memory_keyring):
    assert secrets.keyring_status().usable
    assert secrets.get_key("anthropic") is None and secrets.key_source("anthropic") is None
    secrets.set_key("anthropic", "  sk-ant-12345678901234567890  ")
    assert memory_keyring.store[("glancelabel", "anthropic")] == "sk-ant-12345678901234567890"
    assert secrets.get_key("anthropic") == "sk-ant-12345678901234567890"
    assert secrets.key_source("anthropic") == "keyring"
    assert secrets.delete_key("anthropic") is True
    assert secrets.delete_key("anthropic") is False
    with pytest.raises(secrets.SecretsError):
        secrets.set_key("openai", "   ")


def test_environment_fallback(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    monkeypatch.setenv("GLANCELABEL_OPENAI_COMPAT_API_KEY", "compat")
    assert secrets.get_key("openai") == "sk-from-env"
    assert secrets.key_source("openai") == "environment"
    assert secrets.get_key("openai-compatible") == "compat"
    secrets.set_key("openai", "sk-ring")
    assert secrets.get_key("openai") == "sk-ring"  # keyring wins
    assert secrets.get_key("local") is None


@pytest.mark.parametrize("backend", ["fail", "empty-chainer"])
def test_no_usable_keyring_is_said_plainly(monkeypatch, backend):
    import keyring
    from keyring.backends import chainer, fail

    kr = fail.Keyring() if backend == "fail" else chainer.ChainerBackend()
    if backend == "empty-chainer":
        monkeypatch.setattr(type(kr), "backends", property(lambda self: []))
    keyring.set_keyring(kr)
    status = secrets.keyring_status()
    assert not status.usable and "No system keyring" in status.message
    assert "ANTHROPIC_API_KEY" in status.message
    with pytest.raises(secrets.SecretsError, match="No system keyring"):
        secrets.set_key("anthropic", "sk-x")
    assert secrets.delete_key("anthropic") is False
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-env")
    assert secrets.get_key("anthropic") == "sk-env"  # the environment still works


def test_mask_never_reveals_the_key():
    assert secrets.mask("sk-ant-api03-abcdefghijklmnop-XYZ9") == "sk-a…XYZ9"
    assert secrets.mask("short-key-12345") == "…45"
    assert secrets.mask("abc") == "••••" and secrets.mask(None) == ""


def test_keys_never_reach_the_log(caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    secrets.set_key("openai", "sk-very-secret-value-1234567")
    secrets.get_key("openai")
    assert "sk-very-secret" not in caplog.text
