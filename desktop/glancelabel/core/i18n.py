"""Marking sentences for translation without Qt.

Core builds sentences for people (errors, status lines, report text) from a template plus values.
`N_(context, template)` returns the template unchanged; it only marks it, so that Qt's `lupdate`
(run with `-tr-function-alias QT_TRANSLATE_NOOP+=N_`, see `gui/i18n.py`) extracts it into the
translation file under `context`. The interface translates the template and fills in the values;
core and the CLI use the English template as it is.

Values are filled with `str.format` names (`{count}`). A sentence that depends on a count is two
marked templates, one for 1 and one for the rest, chosen by the count: English keeps its plural,
and each gets its own translation (Chinese writes both the same way).

A sentence core hands to an interface (not an error) is a `Text`: `said(N_("spotcheck", "About
{count} more images"), count=12)`. `str(text)` is the English sentence (the CLI prints it); the
GUI translates the template in its context, and any value that is itself a `Text`, then fills in
the values (`gui.i18n.shown`). `Sentences` are texts said one after another.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

ERRORS = "errors"  # the context of the error family's sentences


class Marked(str):
    """A template marked by `N_`: the template itself, which knows its context."""

    context: str


def N_(context: str, template: str) -> Marked:
    """`template`, marked for `lupdate` under `context`."""
    marked = Marked(template)
    marked.context = context
    return marked


@dataclass(frozen=True)
class Text:
    """A sentence for people: a marked template and its values (a value may be a Text)."""

    template: Marked
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def context(self) -> str:
        return self.template.context

    def __str__(self) -> str:
        return self.template.format(**self.values) if self.values else str(self.template)


def said(template: Marked, /, **values: Any) -> Text:
    """The sentence `template` with `values` (str() gives it in English)."""
    return Text(template, values)


def counted(count: int, one: Marked, many: Marked, /, **values: Any) -> Text:
    """`one` said for a count of 1, else `many`; `count` is among the values."""
    return said(one if count == 1 else many, count=count, **values)


def stored(text: Text) -> dict[str, Any]:
    """`text` as JSON-ready data, to keep in the project (values that are not numbers or
    strings kept as their English)."""
    values = {k: stored(v) if isinstance(v, Text) else v if isinstance(v, int | float | str)
              else str(v) for k, v in text.values.items()}
    return {"context": text.context, "template": str(text.template), "values": values}


def restored(data: Mapping[str, Any]) -> Text:
    """The Text `stored` kept."""
    values = {k: restored(v) if isinstance(v, Mapping) else v
              for k, v in dict(data.get("values") or {}).items()}
    template = Marked(str(data["template"]))
    template.context = str(data["context"])
    return Text(template, values)


def template_of(text: str, templates: Iterable[str]) -> tuple[str, dict[str, str]] | None:
    """The template among `templates` that makes `text` (the one with the most fixed words
    first) and the values it was filled with, else None: for a sentence kept in English (an
    image problem, a failed job's reason) that an interface shows translated. Templates whose
    fields carry a format spec or conversion (`{n:,}`, `{name!r}`) are left out."""
    for template in sorted(templates, key=lambda t: -len(_FIELD.sub("", t))):
        pattern = _pattern(template)
        m = pattern.fullmatch(text) if pattern is not None else None
        if m:
            return template, m.groupdict()
    return None


_FIELD = re.compile(r"{[^{}]*}")


@cache
def _pattern(template: str) -> re.Pattern[str] | None:
    parts = []
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:  # not a template (a lone brace)
        return None
    for literal, name, spec, conversion in fields:
        parts.append(re.escape(literal))
        if name is not None:
            if spec or conversion or not name.isidentifier() or f"(?P<{name}>" in "".join(parts):
                return None
            parts.append(f"(?P<{name}>.+?)")
    return re.compile("".join(parts), re.S)


class Sentences(tuple[Text, ...]):
    """Sentences said one after another (English puts a space between them)."""

    def __str__(self) -> str:
        return " ".join(str(t) for t in self)

