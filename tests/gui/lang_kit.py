"""The interface language for one part of a test: `with language(qapp, "zh_CN"): ...` installs
the translation and puts English back afterwards, whatever happens inside."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from glancelabel.gui import i18n


@contextmanager
def language(qapp, lang: str) -> Iterator[None]:
    i18n.install(qapp, lang)
    try:
        yield
    finally:
        i18n.install(qapp, "en")
