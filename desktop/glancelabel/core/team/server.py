"""The Label Studio server: credentials, the connection, and one sentence for each failure.

The URL and token come from the keyring (Settings → Team server) or from `LABEL_STUDIO_URL` and
`LABEL_STUDIO_API_KEY`; they are never written to the project or the settings file. The token
may be a personal access token (Label Studio 1.23's default; the SDK exchanges it) or a legacy
token. `label_studio_sdk` is imported here only, when a connection is made.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ..app import secrets
from ..errors import GlanceLabelError
from ..i18n import N_, Text, said

URL_KEY = "label-studio-url"  # keyring user names under the app's service
TOKEN_KEY = "label-studio"
URL_ENV = "LABEL_STUDIO_URL"
TOKEN_ENV = "LABEL_STUDIO_API_KEY"
OLDEST = (1, 23, 2)  # the oldest Label Studio this is tested against
OLDEST_TEXT = ".".join(map(str, OLDEST))
MISSING_SDK = N_("errors", "Team work needs the Label Studio SDK, which is not installed: install "
                 "GlanceLabel with its team extra (pip install 'glancelabel[team]').")
T = TypeVar("T")


class TeamError(GlanceLabelError):
    """A team-server failure told as one sentence."""


@dataclass(frozen=True, slots=True)
class Credentials:
    url: str
    token: str
    url_source: str  # keyring | environment | given
    token_source: str


def normal_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if url and not re.match(r"^https?://", url):
        url = "http://" + url
    return url


def credentials(url: str | None = None, token: str | None = None) -> Credentials:
    """The server URL and token: given ones first, then the keyring, then the environment."""
    found = []
    for given, key, env in ((url, URL_KEY, URL_ENV), (token, TOKEN_KEY, TOKEN_ENV)):
        if given:
            found.append((given, "given"))
            continue
        value = secrets.get_key(key)
        if value:
            found.append((value, "keyring"))
        elif os.environ.get(env, "").strip():
            found.append((os.environ[env].strip(), "environment"))
        else:
            found.append(("", ""))
    (u, us), (t, ts) = found
    if not u:
        raise TeamError(N_("errors", "No Label Studio server: set its URL in Settings → Team "
                           "server or in {variable}."), variable=URL_ENV)
    if not t:
        raise TeamError(N_("errors", "No Label Studio access token: paste one in Settings → Team "
                           "server or set {variable}."), variable=TOKEN_ENV)
    from ..app.logsetup import register_secret

    register_secret(t)
    return Credentials(normal_url(u), t, us, ts)


def save_credentials(url: str, token: str) -> None:
    """Keep the URL and token in the system keyring (SecretsError when there is none)."""
    secrets.set_key(URL_KEY, normal_url(url))
    secrets.set_key(TOKEN_KEY, token)


def parse_version(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def version_problem(release: str) -> Text | None:
    """The sentence for a server older than the oldest supported one, else None."""
    if parse_version(release) < OLDEST:
        return said(N_("errors", "The Label Studio server runs version {release}; GlanceLabel "
                       "needs {oldest} or newer. Ask the server's owner to upgrade it."),
                    release=release, oldest=OLDEST_TEXT)
    return None


def sentence_for(exc: BaseException, url: str) -> Text:
    """One sentence for what went wrong talking to the server at `url`."""
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        body = getattr(exc, "body", None)
        detail = ""
        if isinstance(body, dict):
            detail = str(body.get("detail") or body.get("validation_errors") or "")
        elif body:
            detail = str(body)[:200]
        detail = f" ({detail})" if detail and "<" not in detail else ""
        if status == 401:
            return said(N_("errors", "The Label Studio server at {url} refused the access "
                           "token{detail}; check the token in Settings → Team server."),
                        url=url, detail=detail)
        if status == 403:
            return said(N_("errors", "The Label Studio server at {url} does not allow this for "
                           "this token{detail}."), url=url, detail=detail)
        if status == 404:
            return said(N_("errors", "{url} answered 'not found': it is not a Label Studio server, "
                           "or the project or task is gone{detail}."), url=url, detail=detail)
        if status >= 500:
            return said(N_("errors", "The Label Studio server at {url} failed with error "
                           "{status}{detail}."), url=url, status=status, detail=detail)
        return said(N_("errors", "The Label Studio server at {url} refused the request "
                       "({status}){detail}."), url=url, status=status, detail=detail)
    name = type(exc).__name__
    if name in ("ConnectError", "ConnectTimeout", "ReadTimeout", "RemoteProtocolError",
                "UnsupportedProtocol", "InvalidURL", "LocalProtocolError"):
        return said(N_("errors", "Could not reach a Label Studio server at {url} ({reason})."),
                    url=url, reason=str(exc) or name)
    if name in ("JSONDecodeError", "ValidationError", "ParsingError"):
        return said(N_("errors", "{url} did not answer like a Label Studio server ({name})."),
                    url=url, name=name)
    return said(N_("errors", "Talking to the Label Studio server at {url} failed: {name}: "
                   "{error}."), url=url, name=name, error=exc)


@dataclass(frozen=True, slots=True)
class Identity:
    user_id: int
    name: str  # the person's name as Label Studio shows it
    email: str
    version: str
    url: str

    def text(self) -> str:
        return str(self.summary())

    def summary(self) -> Text:
        """Who is connected to which server (`text()` is its English)."""
        if self.email and self.email != self.name:
            return said(N_("team", "Connected to Label Studio {version} at {url} as {name} "
                           "({email})."), version=self.version, url=self.url, name=self.name,
                        email=self.email)
        return said(N_("team", "Connected to Label Studio {version} at {url} as {name}."),
                    version=self.version, url=self.url, name=self.name)


def person_name(user: Any) -> str:
    """A Label Studio user's name: first and last name, else username, else email."""
    get = (user.get if isinstance(user, dict) else lambda k, d=None: getattr(user, k, d))
    full = f"{get('first_name') or ''} {get('last_name') or ''}".strip()
    return full or str(get("username") or "") or str(get("email") or "") or f"user {get('id')}"


class Server:
    """A connected Label Studio server: the SDK client and one-sentence failures."""

    def __init__(self, creds: Credentials, *, timeout: float = 120.0) -> None:
        import importlib

        try:  # typed as Any: the SDK's generated models are read field by field
            sdk: Any = importlib.import_module("label_studio_sdk")
        except ImportError as exc:
            missing = said(MISSING_SDK)
            raise TeamError(missing.template, **missing.values) from exc
        self.url = creds.url
        self.client: Any = sdk.LabelStudio(base_url=creds.url, api_key=creds.token,
                                           timeout=timeout)

    def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one SDK call; any failure becomes a TeamError with its sentence."""
        try:
            return fn(*args, **kwargs)
        except TeamError:
            raise
        except Exception as exc:  # noqa: BLE001 - every failure is told as one sentence
            told = sentence_for(exc, self.url)
            raise TeamError(told.template, **told.values) from exc

    def identity(self) -> Identity:
        """Who the token belongs to and which version answered (refusing a too old server)."""
        version = self.call(self.client.versions.get)
        release = str(getattr(version, "release", "") or "")
        if not release:
            raise TeamError(N_("errors", "{url} did not say its Label Studio version."),
                            url=self.url)
        problem = version_problem(release)
        if problem:
            raise TeamError(problem.template, **problem.values)
        user = self.call(self.client.users.whoami)
        return Identity(int(user.id or 0), person_name(user), str(user.email or ""), release,
                        self.url)


def connect(url: str | None = None, token: str | None = None) -> tuple[Server, Identity]:
    """Connect with the stored or given credentials and check the server (TeamError if not)."""
    server = Server(credentials(url, token))
    return server, server.identity()


def check(url: str | None = None, token: str | None = None) -> tuple[bool, Text]:
    """Test connection: who the token belongs to and which version answered, as one sentence;
    never raises (Settings runs it off the GUI thread)."""
    try:
        return True, connect(url or None, token or None)[1].summary()
    except TeamError as exc:
        return False, exc.text


def stored_url() -> tuple[str, str]:
    """The server URL Settings shows and where it comes from ('keyring', 'environment' or '')."""
    url = secrets.get_key(URL_KEY)
    if url:
        return url, "keyring"
    env = os.environ.get(URL_ENV, "").strip()
    return (normal_url(env), "environment") if env else ("", "")


def token_source() -> str:
    """Where the token is found: 'keyring', 'environment' or ''."""
    if secrets.key_source(TOKEN_KEY) == "keyring":
        return "keyring"
    return "environment" if os.environ.get(TOKEN_ENV, "").strip() else ""
