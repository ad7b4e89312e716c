"""Price table and per-model facts (image rule, box convention), editable by the user.

The bundled table is `resources/prices.json`. A user's copy (same format, any subset of
it) is merged over it, model by model; a broken user copy is reported in
`PriceTable.problems` and ignored, never overwritten.
"""

from __future__ import annotations

import copy
import fnmatch
import json
import math
import re
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..app import paths
from ..app.resources import resource as resource_path
from ..i18n import N_, Text, said
from .prepare import ImageRule
from .records import BoxConvention, Usage

PROVIDERS = ("anthropic", "openai", "openai-compatible", "local")
_DATE_SUFFIX = re.compile(r"-(?:\d{8}|\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True, slots=True)
class ModelInfo:
    model: str
    provider: str | None
    input_per_mtok: float | None  # USD per million input tokens; None = unknown
    output_per_mtok: float | None
    image_rule: ImageRule
    box_convention: BoxConvention
    supports_temperature: bool = True
    source: str = ""
    matched: str | None = None  # the table key that matched, None when nothing did
    retires: str | None = None  # the provider's announced end-of-life date, if any
    price_checked: str | None = None  # when the published price was read (YYYY-MM-DD)

    @property
    def priced(self) -> bool:
        return self.input_per_mtok is not None and self.output_per_mtok is not None

    @property
    def published_and_dated(self) -> bool:
        """A published list price with the date it was read (what a default needs)."""
        return self.priced and self.source == "published" and bool(self.price_checked)


@dataclass
class PriceTable:
    data: dict[str, Any]
    problems: list[str] = field(default_factory=list)

    @property
    def batch_discount(self) -> float:
        return float(self.data.get("batch_discount", 0.5))

    def default_model(self, provider: str) -> str:
        return str(self.data.get("defaults", {}).get(provider, ""))

    def models(self, provider: str | None = None) -> list[str]:
        """Concrete model ids in the table (patterns left out)."""
        return [k for k, v in self.data.get("models", {}).items()
                if not any(ch in k for ch in "*?[")
                and (provider is None or v.get("provider") == provider)]

    def _entry(self, model: str, provider: str | None) -> tuple[str | None, dict[str, Any]]:
        models: dict[str, Any] = self.data.get("models", {})
        for key in (model, _DATE_SUFFIX.sub("", model)):
            if key in models:
                return key, models[key]
        patterns = [k for k, v in models.items() if any(ch in k for ch in "*?[")
                    and (provider is None or v.get("provider") == provider)]
        for key in sorted(patterns, key=len, reverse=True):
            if fnmatch.fnmatchcase(model, key) or fnmatch.fnmatchcase(model.lower(), key.lower()):
                return key, models[key]
        return None, {}

    def info(self, model: str, provider: str | None = None) -> ModelInfo:
        key, e = self._entry(model, provider)
        try:
            conv = BoxConvention(e.get("box_convention", "pixels"))
        except ValueError:
            self.problems.append(f"{key}: unknown box convention {e.get('box_convention')!r}")
            conv = BoxConvention.PIXELS
        default_rule = {"anthropic": "claude", "openai": "openai-tile"}.get(provider or "",
                                                                            "fit")
        source = str(e.get("source", ""))
        guessed = source.lower().startswith("estimate")  # a guess is never used as a price
        return ModelInfo(
            model=model, provider=e.get("provider", provider),
            input_per_mtok=None if guessed else _price(e.get("input")),
            output_per_mtok=None if guessed else _price(e.get("output")),
            image_rule=ImageRule.from_dict(e.get("image") or default_rule),
            box_convention=conv, supports_temperature=bool(e.get("temperature", True)),
            source=source, matched=key, retires=e.get("retires"),
            price_checked=e.get("price_checked"))

    def cost(self, model: str, usage: Usage, *, batch: bool = False,
             provider: str | None = None) -> float | None:
        """USD for this usage, or None when the model has no price in the table."""
        info = self.info(model, provider)
        if not info.priced:
            return None
        pin, pout = info.input_per_mtok or 0.0, info.output_per_mtok or 0.0
        read = float(self.data.get("cache_read_factor", 0.1))
        write = float(self.data.get("cache_write_factor", 1.25))
        usd = (usage.input_tokens * pin + usage.output_tokens * pout
               + usage.cache_read_tokens * pin * read
               + usage.cache_write_tokens * pin * write) / 1_000_000
        return usd * self.batch_discount if batch else usd


def dollars(amount: float) -> str:
    """An amount in US dollars for a sentence, without the sign: to the cent ("1,234.50"), or
    under half a cent with two significant digits and at least four decimals ("0.0050",
    "0.000012", "0.0000000012"), so a small estimate does not read as free."""
    if 0 < abs(amount) < 0.005:
        rounded = float(f"{amount:.2g}")  # first: 0.0000995 is 0.00010, not 0.000100
        return f"{rounded:.{max(4, 1 - math.floor(math.log10(abs(rounded))))}f}"
    return f"{amount:,.2f}"


def unknown_price_text(model: str) -> Text:
    """What a cost estimate says for a model without a published price."""
    return said(N_("batch", "The cost is unknown: the price table has no published price for "
                   "{model} (add one to {file} in the settings folder to see costs)."),
                model=model, file=PRICES_FILE)


def _price(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if v >= 0 else None


PRICES_FILE = "prices.json"  # the bundled table's name, and the user's copy's in the settings folder


@cache
def _bundled() -> dict[str, Any]:
    return json.loads(resource_path(PRICES_FILE).read_text(encoding="utf-8"))


def user_price_path() -> str | None:
    """The user's own price table in the settings folder, if there is one."""
    path = paths.config_dir() / PRICES_FILE
    return str(path) if path.is_file() else None


def load_price_table(user_path: str | Path | None = None) -> PriceTable:
    """The bundled table, with the user's copy at `user_path` merged over it if present."""
    data = copy.deepcopy(_bundled())
    problems: list[str] = []
    if user_path is not None and Path(user_path).is_file():
        try:
            user = json.loads(Path(user_path).read_text(encoding="utf-8"))
            if not isinstance(user, dict):
                raise ValueError("the file is not a JSON object")
        except (OSError, ValueError) as exc:
            problems.append(f"The price table {user_path} could not be read ({exc}); "
                            "using the bundled prices.")
        else:
            for key, value in user.items():
                if key == "models" and isinstance(value, dict):
                    for model, entry in value.items():
                        if isinstance(entry, dict):
                            data["models"][model] = {**data["models"].get(model, {}), **entry}
                elif key == "defaults" and isinstance(value, dict):
                    data["defaults"].update(value)
                else:
                    data[key] = value
    return PriceTable(data, problems)


def write_user_copy(path: str | Path) -> Path:
    """Copy the bundled table to `path` for editing (never overwrites an existing file)."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(resource_path(PRICES_FILE).read_text(encoding="utf-8"),
                        encoding="utf-8")
    return path


def _literal_ids(hint: Any) -> list[str]:
    out: list[str] = []
    for arg in typing.get_args(hint):
        if isinstance(arg, str):
            out.append(arg)
        else:
            out.extend(_literal_ids(arg))
    return out


_NOT_VISION = re.compile(r"audio|search|realtime|transcribe|tts|^gpt-3\.5|^gpt-4(-\d|-32k|$)"
                         r"|^o1-(mini|preview)|^o3-mini|codex")


def sdk_models(provider: str) -> list[str]:
    """Model ids listed in the installed SDK's type hints (empty if unavailable)."""
    try:
        if provider == "anthropic":
            from anthropic.types import ModelParam

            return _literal_ids(ModelParam)
        if provider == "openai":
            from openai.types import ChatModel

            return [m for m in _literal_ids(ChatModel) if not _NOT_VISION.search(m)]
    except ImportError:
        return []
    return []
