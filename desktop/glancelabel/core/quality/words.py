"""The quality report's language: its sentences are marked templates (`N_("report", ...)`), and
`Words` turns them into text with a `translate(context, template)` callable, so one piece of code
writes the report in English (the CLI, the default) and in the interface's language (the GUI
passes its Qt translation, `gui.i18n.translate`). Qt-free.

Numbers follow the language through templates too: a percentage is `{value} %` in English and
`{value}%` in Chinese; counts carry thousands separators. A sentence with a count is two templates,
one for 1 and one for the rest (`Words.count`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import GlanceLabelError
from ..i18n import ERRORS, N_, Marked, Text, said
from ..store.audits import UNKNOWN_PREFIX

log = logging.getLogger(__name__)

REPORT = "report"  # the context of the report's templates
Translate = Callable[[str, str], str]
FULL_WIDTH_STOPS = "。！？；：）"  # a sentence after one of these follows without a space
NO_CLASS = N_("spotcheck", "(no class)")  # the figures' name for boxes without a class
UNKNOWN = N_("spotcheck", "(unknown) {label}")  # a label the AI gave that is no class


def english(context: str, template: str) -> str:
    """No translation: the English template as it is."""
    del context
    return template


@dataclass(frozen=True)
class Words:
    """Templates in one language: `translate` gives a template's translation in its context;
    `lang` is the page's language code (`<html lang>`)."""

    translate: Translate = english
    lang: str = "en"

    def __call__(self, template: Marked | str, /, **values: Any) -> str:
        """`template` (marked in the report's context unless it knows its own) translated, then
        filled with `values`; values that are core `Text`s are said in this language too."""
        context = getattr(template, "context", REPORT)
        text = self.translate(context, template)
        if not values:
            return text
        filled = {k: self.text(v) if isinstance(v, Text) else v
                  for k, v in values.items()}
        try:
            return text.format(**filled)
        except (KeyError, IndexError, ValueError):  # a broken translation: the English sentence
            log.warning("translation of %r does not take its values", template)
            return template.format(**filled)

    def text(self, said: Text | str) -> str:
        """A sentence core made, in this language (a plain string as it is)."""
        if isinstance(said, Text):
            return self(said.template, **said.values)
        return said

    def class_name(self, name: str) -> str:
        """A class of the figures as a person reads it: "(no class)" and an unknown label's mark
        ("(unknown) espresso") in this language, a class name as it is."""
        if name == NO_CLASS:
            return self(NO_CLASS)
        if name.startswith(UNKNOWN_PREFIX):
            return self(UNKNOWN, label=name[len(UNKNOWN_PREFIX):])
        return name

    def sentences(self, *parts: str) -> str:
        """Sentences one after another: a space between them, none after a full-width stop."""
        out = ""
        for part in filter(None, parts):
            out += part if not out or out[-1] in FULL_WIDTH_STOPS else " " + part
        return out

    def count(self, n: int, one: Marked, many: Marked, /, **values: Any) -> str:
        """The sentence for `n` things: `one` when n is 1, else `many` ({n} is the number)."""
        return self(one if n == 1 else many, n=self.number(n), **values)

    def number(self, n: int) -> str:
        """A count with thousands separators (1,234: the same in English and Chinese)."""
        return f"{n:,}"

    def pct(self, value: float | None) -> str:
        """A share as a percentage, "80.0 %" ("80.0%" in Chinese); "–" when there is none."""
        if value is None:
            return "–"
        return self(N_("report", "{value} %"), value=f"{100 * value:.1f}")


ENGLISH = Words()


def error_said(exc: GlanceLabelError) -> Text:
    """An error's sentence as a Text (its template is marked where it is raised)."""
    template = Marked(exc.template)
    template.context = getattr(exc, "context", ERRORS)  # the class's context, else errors
    return Text(template, exc.values)


def examples_said(run_params: dict | None) -> Text | str:
    """', with 2 examples a class' for a run asked with examples (its parameters), else ''."""
    n = (run_params or {}).get("examples_per_class") or 0
    if not n:
        return ""
    if n == 1:
        return said(N_("report", ", with {n} example a class"), n=n)
    return said(N_("report", ", with {n} examples a class"), n=n)


def run_said(provider: str, model: str, run: int | None, params: dict | None = None) -> Text:
    """"anthropic/claude-x (run 2)", with the examples it was asked with."""
    return said(N_("report", "{provider}/{model} (run {run}{examples})"), provider=provider,
                model=model, run=run, examples=examples_said(params))
