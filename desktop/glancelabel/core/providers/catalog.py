"""Which models a provider still offers, and when the others retire.

Retirement facts come from three places, most trusted first:
- the provider's model list (`GET /v1/models`, read with the user's key): Anthropic gives each
  model a `lifecycle` (active, deprecated, retired) and a `retires_at`; its lifecycle decides,
  so a past `retires_at` on a deprecated model means the retirement is overdue, not done;
- the installed OpenAI SDK's own notes on `ChatModel` ("Announced shutdown date: YYYY-MM-DD",
  in `openai/types/shared/chat_model.py`);
- the price table's `retires`.

`model_choices` merges the provider's list (when a key worked) with the table (and the SDK's
ids) into what Settings offers: retired models left out, a model retiring within
`RETIRING_SOON_DAYS` labelled with its date. `retirement_warning` is the sentence a batch run
or Test connection shows for such a model. `default_problems` checks the rule the shipped
defaults follow: a published, dated price and no retirement within `DEFAULT_MARGIN_DAYS` of
`RELEASE_DATE`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ..i18n import N_, Text, counted, said
from .pricing import PriceTable, load_price_table, sdk_models

RELEASE_DATE = date(2026, 12, 7)  # the model table and defaults were checked for this release
RETIRING_SOON_DAYS = 30
DEFAULT_MARGIN_DAYS = 90
_SHUTDOWN = re.compile(r"-\s+((?:\"[^\"]+\",?\s*)+):\s*Announced shutdown\s+date:\s*"
                       r"(\d{4}-\d{2}-\d{2})")
_UNSUPPORTED = re.compile(r"-\s+((?:\"[^\"]+\",?\s*)+):\s*Not a supported model ID")
_NOT_IMAGE_MODELS = re.compile(r"embedding|whisper|tts|dall-e|davinci|babbage|moderation|"
                               r"transcribe|realtime|audio|search|image|sora|codex")


@dataclass(frozen=True, slots=True)
class Listed:
    """One model as the provider's model list gives it."""

    id: str
    lifecycle: str = ""  # Anthropic: active | deprecated | retired; "" when not given
    retires: date | None = None
    display_name: str = ""


@dataclass(frozen=True, slots=True)
class ModelChoice:
    """A model as Settings may offer it."""

    id: str
    retires: date | None
    lifecycle: str  # "" when the provider did not say
    listed: bool  # the provider's own model list named it

    def retired(self, today: date) -> bool:
        if self.lifecycle:  # the provider's lifecycle decides (a past date: overdue)
            return self.lifecycle == "retired"
        return self.retires is not None and self.retires <= today

    def days_left(self, today: date) -> int | None:
        return None if self.retires is None else (self.retires - today).days

    def retiring_soon(self, today: date, within: int = RETIRING_SOON_DAYS) -> bool:
        left = self.days_left(today)
        return not self.retired(today) and left is not None and left <= within

    def label(self, today: date) -> str:
        """The id, with its date when it retires within RETIRING_SOON_DAYS (or is overdue)."""
        if not self.retiring_soon(today):
            return self.id
        assert self.retires is not None
        if self.retires <= today:
            return f"{self.id} (retirement overdue since {self.retires.isoformat()})"
        return f"{self.id} (retires {self.retires.isoformat()})"


def current_date() -> date:
    """Today (tests fix it)."""
    return date.today()


@cache
def sdk_shutdowns(provider: str) -> dict[str, date]:
    """Announced shutdown dates from the installed SDK's notes on its model ids (OpenAI's
    ChatModel; the anthropic SDK has none: its models list carries the lifecycle)."""
    import importlib.util

    if provider != "openai":
        return {}
    spec = importlib.util.find_spec("openai")  # the file is read, the SDK not imported
    if spec is None or spec.origin is None:
        return {}
    try:
        text = (Path(spec.origin).parent / "types" / "shared" / "chat_model.py").read_text(
            encoding="utf-8")
    except OSError:
        return {}
    out: dict[str, date] = {}
    for ids, when in _SHUTDOWN.findall(text):
        for model in re.findall(r"\"([^\"]+)\"", ids):
            out[model] = date.fromisoformat(when)
    for ids in _UNSUPPORTED.findall(text):  # "Not a supported model ID": never offered
        for model in re.findall(r"\"([^\"]+)\"", ids):
            out[model] = date.min
    return out


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _choice(model: str, provider: str, table: PriceTable, listed: Listed | None
            ) -> ModelChoice:
    table_date = _date(table.info(model, provider).retires)
    sdk_date = sdk_shutdowns(provider).get(model)
    if listed is not None and listed.lifecycle:
        retires = listed.retires or table_date or sdk_date
        return ModelChoice(model, retires, listed.lifecycle, True)
    dates = [d for d in (sdk_date, table_date) if d is not None]
    return ModelChoice(model, min(dates) if dates else None, "", listed is not None)


def model_choices(provider: str, table: PriceTable | None = None,
                  listing: list[Listed] | None = None, *, today: date | None = None,
                  with_sdk: bool = True) -> list[ModelChoice]:
    """The models Settings offers for `provider`, retired ones left out: the default first,
    then the provider's list (when `listing` came from a working key), then the table's and
    (`with_sdk`: importing an SDK takes seconds) the installed SDK's ids."""
    table = table or load_price_table()
    today = today or current_date()
    by_id = {m.id: m for m in listing or []}
    listed_ids = [m.id for m in listing or [] if not _NOT_IMAGE_MODELS.search(m.id)]
    ids = [table.default_model(provider), *listed_ids, *table.models(provider),
           *(sdk_models(provider) if with_sdk else [])]
    out = []
    for model in dict.fromkeys(m for m in ids if m):
        choice = _choice(model, provider, table, by_id.get(model))
        if not choice.retired(today):
            out.append(choice)
    return out


def read_listing(provider: str, *, base_url: str | None = None,
                 api_key: str | None = None) -> list[Listed]:
    """The provider's own model list, read with its key (raises ProviderError when the key or
    the server fails); empty for a provider without one (local)."""
    from .registry import get_provider

    lister = getattr(get_provider(provider, base_url=base_url, api_key=api_key),
                     "listed_models", None)
    if lister is None:
        return []
    listing: list[Listed] = lister()
    return listing


def choice_for(provider: str, model: str, table: PriceTable | None = None,
               listing: list[Listed] | None = None) -> ModelChoice:
    """What is known about one model's retirement (also for ids no list names)."""
    table = table or load_price_table()
    listed = next((m for m in listing or [] if m.id == model), None)
    return _choice(model, provider, table, listed)


def retirement_warning(provider: str, model: str, table: PriceTable | None = None, *,
                       listing: list[Listed] | None = None, today: date | None = None
                       ) -> str | None:
    """One sentence when `model` is retired or retires within RETIRING_SOON_DAYS (or its
    retirement is overdue); None otherwise."""
    text = retirement_text(provider, model, table, listing=listing, today=today)
    return None if text is None else str(text)


def retirement_text(provider: str, model: str, table: PriceTable | None = None, *,
                    listing: list[Listed] | None = None, today: date | None = None
                    ) -> Text | None:
    """`retirement_warning` as a marked sentence (context providers)."""
    if not model or provider not in ("anthropic", "openai"):
        return None
    today = today or current_date()
    choice = choice_for(provider, model, table, listing)
    if choice.retires is None and choice.lifecycle != "retired":
        return None
    if choice.retires == date.min:
        return said(N_("providers", "{model} is not a model {provider} supports: requests to "
                       "it fail. Choose a current model in Settings."),
                    model=model, provider=provider)
    when: Text | str = (choice.retires.isoformat() if choice.retires
                        else said(N_("providers", "an earlier date")))
    if choice.retired(today):
        return said(N_("providers", "{model} was retired on {when}: requests to it fail. "
                       "Choose a current model in Settings."), model=model, when=when)
    left = choice.days_left(today)
    if left is None or left > RETIRING_SOON_DAYS:
        return None
    if left <= 0:
        return said(N_("providers", "{model} was due to retire on {when} and may stop "
                       "answering at any time. Choose a current model in Settings."),
                    model=model, when=when)
    return counted(left, N_("providers", "{model} retires on {when} (in {count} day); after "
                            "that requests to it fail. Choose a current model in Settings."),
                   N_("providers", "{model} retires on {when} (in {count} days); after that "
                      "requests to it fail. Choose a current model in Settings."),
                   model=model, when=when)


def default_problems(table: PriceTable | None = None, *, today: date = RELEASE_DATE
                     ) -> list[str]:
    """Why a shipped default breaks the rule (empty: none does): each default of Anthropic and
    OpenAI is a model the installed SDK names, has a published, dated price, and does not
    retire within DEFAULT_MARGIN_DAYS of `today`."""
    table = table or load_price_table()
    out = []
    for provider in ("anthropic", "openai"):
        model = table.default_model(provider)
        info = table.info(model, provider)
        if model not in sdk_models(provider):
            out.append(f"The {provider} default {model} is not a model the installed SDK "
                       "names.")
        if not info.published_and_dated:
            out.append(f"The {provider} default {model} has no published, dated price.")
        choice = choice_for(provider, model, table)
        left = choice.days_left(today)
        if left is not None and left <= DEFAULT_MARGIN_DAYS:
            assert choice.retires is not None
            out.append(f"The {provider} default {model} retires on "
                       f"{choice.retires.isoformat()}, within {DEFAULT_MARGIN_DAYS} days of "
                       f"{today.isoformat()}.")
    return out
