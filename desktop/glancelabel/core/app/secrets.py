"""API keys: the OS keyring first (service "glancelabel", user = provider name), then the
environment. Keys are never logged, stored in the project or settings, or exported.

`keyring_status()` says plainly when no usable keyring backend exists (typical on a
headless Linux machine) so the settings dialog can tell the user to use the environment
variable instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import GlanceLabelError
from ..i18n import N_, Text, said

SERVICE = "glancelabel"
ENV_VARS: dict[str, tuple[str, ...]] = {
    "anthropic": ("ANTHROPIC_API_KEY",),
    "openai": ("OPENAI_API_KEY",),
    "openai-compatible": ("GLANCELABEL_OPENAI_COMPAT_API_KEY",),
}
KEY_OPTIONAL = frozenset({"openai-compatible", "local"})
TITLES = {"anthropic": "Anthropic", "openai": "OpenAI", "openai-compatible": "OpenAI-compatible"}


class SecretsError(GlanceLabelError):
    """A key could not be stored or removed; the message is one sentence for the user."""


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    usable: bool
    backend: str  # class path of the active backend
    text: Text  # one plain sentence for the settings dialog

    @property
    def message(self) -> str:
        """The sentence in English."""
        return str(self.text)


def _backend_usable(kr: object) -> bool:
    from keyring.backends import chainer, fail

    if isinstance(kr, fail.Keyring):
        return False
    try:
        from keyring.backends import null

        if isinstance(kr, null.Keyring):
            return False
    except ImportError:  # pragma: no cover - old keyring
        pass
    if isinstance(kr, chainer.ChainerBackend):
        return any(_backend_usable(b) for b in kr.backends)
    return True


def keyring_status() -> KeyringStatus:
    try:
        import keyring

        kr = keyring.get_keyring()
    except Exception as exc:  # noqa: BLE001 - any failure means "not usable"
        return KeyringStatus(False, "none", said(N_(
            "errors", "The system keyring could not be loaded ({reason}); set the API key in an "
            "environment variable instead."), reason=str(exc)))
    name = f"{type(kr).__module__}.{type(kr).__name__}"
    if not _backend_usable(kr):
        return KeyringStatus(False, name, said(N_(
            "errors", "No system keyring is available on this machine, so keys cannot be saved; "
            "set ANTHROPIC_API_KEY or OPENAI_API_KEY in the environment instead.")))
    return KeyringStatus(True, name, said(N_("errors", "Keys are stored in the system keyring "
                                             "({backend})."), backend=type(kr).__name__))


def missing_key_text(provider: str) -> Text:
    """The sentence for a provider that needs a key and has none. It points to Settings only
    where Settings can store a key (a usable keyring); otherwise to the environment variable."""
    title = TITLES.get(provider, provider)
    env = ENV_VARS.get(provider, ("",))[0]
    if keyring_status().usable:
        return said(N_("errors", "No {provider} API key: add one in Settings or set {variable}."),
                    provider=title, variable=env)
    return said(N_("errors", "No {provider} API key: set {variable} in the environment (this "
                   "machine has no system keyring, so Settings cannot store one)."),
                provider=title, variable=env)


def missing_key_message(provider: str) -> str:
    """`missing_key_text` in English."""
    return str(missing_key_text(provider))


def missing_key_problem(provider: str) -> list[str]:
    """One sentence when a provider that needs a key has none (checked before anything is sent)."""
    return [str(t) for t in missing_key_texts(provider)]


def missing_key_texts(provider: str) -> list[Text]:
    """`missing_key_problem` as a marked sentence (an interface shows it translated)."""
    if provider in KEY_OPTIONAL or provider not in ENV_VARS or get_key(provider):
        return []
    return [missing_key_text(provider)]


def no_keyring_text(provider: str) -> Text:
    """The settings page's note when no keyring exists, naming this provider's variable."""
    env = ENV_VARS.get(provider, ("",))[0]
    return said(N_("errors", "No system keyring is available on this machine, so keys cannot be "
                   "saved here; set {variable} in the environment instead."), variable=env)


def _from_keyring(provider: str) -> str | None:
    if not keyring_status().usable:
        return None
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(SERVICE, provider) or None
        except KeyringError:
            return None
    except Exception:  # noqa: BLE001 - a broken backend must not stop the env fallback
        return None


def _from_env(provider: str) -> str | None:
    for var in ENV_VARS.get(provider, ()):
        value = os.environ.get(var, "").strip()
        if value:
            return value
    return None


def get_key(provider: str) -> str | None:
    """The key for a provider: keyring first, then its environment variable; else None.
    A key handed out is registered with the log redaction, whatever it looks like."""
    key = _from_keyring(provider) or _from_env(provider)
    if key:
        from .logsetup import register_secret

        register_secret(key)
    return key


def key_source(provider: str) -> str | None:
    """Where `get_key` finds the key: "keyring", "environment", or None."""
    if _from_keyring(provider):
        return "keyring"
    if _from_env(provider):
        return "environment"
    return None


def set_key(provider: str, key: str) -> None:
    """Store a key in the keyring; raises `SecretsError` when that is impossible."""
    key = key.strip()
    if not key:
        raise SecretsError(N_("errors", "The key is empty."))
    status = keyring_status()
    if not status.usable:
        raise SecretsError(status.text.template, **status.text.values)
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, provider, key)
    except KeyringError as exc:
        raise SecretsError(N_("errors", "The keyring refused to store the key: {reason}."),
                           reason=type(exc).__name__) from None


def delete_key(provider: str) -> bool:
    """Remove a stored key; True if one was removed, False if there was none."""
    if not keyring_status().usable:
        return False
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, provider)
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        raise SecretsError(N_("errors", "The keyring refused to delete the key: {reason}."),
                           reason=type(exc).__name__) from None
    return True


def mask(key: str | None) -> str:
    """A display form that never reveals the key: "sk-a…9xQ2", "…Q2" or "••••"."""
    if not key:
        return ""
    if len(key) >= 20:
        return f"{key[:4]}…{key[-4:]}"
    if len(key) >= 12:
        return f"…{key[-2:]}"
    return "•" * 4
